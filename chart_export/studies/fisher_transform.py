"""Fisher Transform, TradingView's built-in::

    high_ = ta.highest(hl2, len)
    low_ = ta.lowest(hl2, len)
    round_(val) => val > .99 ? .999 : val < -.99 ? -.999 : val
    value = 0.0
    value := round_(.66 * ((hl2 - low_) / (high_ - low_) - .5) + .67 * nz(value[1]))
    fish1 = 0.0
    fish1 := .5 * math.log((1 + value) / (1 - value)) + .5 * nz(fish1[1])
    fish2 = fish1[1]

Both recursions run bar by bar. ``value`` is na until the window is full and where it is flat
(a division by zero), and the next bar starts again from 0 (``nz``); so does ``fish1``. The
comparisons in ``round_`` are Pine's tolerant ones. Lines at ±1.5, ±0.75 and 0."""

from __future__ import annotations

import math

import numpy as np

from ._pine import EPSILON, div, highest, lowest
from .spec import Pane, Plot, StudySpec, length


def _round(val: float) -> float:
    return .999 if val - .99 > EPSILON else (-.999 if -.99 - val > EPSILON else val)


def fisher(hl2: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
    x = div(hl2 - lowest(hl2, n), highest(hl2, n) - lowest(hl2, n)).tolist()
    out = np.full(len(x), np.nan)
    value = fish1 = math.nan
    for i, xi in enumerate(x):
        value = _round(.66 * (xi - .5) + .67 * (0.0 if math.isnan(value) else value))
        fish1 = (.5 * math.log((1 + value) / (1 - value)) + .5 * (0.0 if math.isnan(fish1) else fish1)
                 if not math.isnan(value) else math.nan)
        out[i] = fish1
    trigger = np.full(len(x), np.nan)
    trigger[1:] = out[:-1]
    return out, trigger


def _compute(c, p):
    fish1, fish2 = fisher((c.high + c.low) / 2, p["length"])
    return {"fisher": fish1, "trigger": fish2}


STUDY = StudySpec(
    name="Fisher Transform",
    kind="fisher",
    aliases=("Fisher",),
    inputs=(length("length", 9, "in_0", "Length", "len"),),
    plots=(Plot("fisher", color="#2962FF", names=("plot", "fisher")),
           Plot("trigger", color="#FF6D00", names=("trigger",))),
    pane=Pane(include=(1.5, -1.5), lines=(1.5, 0.75, -0.75, -1.5), mid=0.0,
              format="auto"),
    compute=_compute,
    legend=lambda p, last, fmt: [("fisher", f"Fisher ({p['length']})  {fmt.fixed2(last['fisher'])}"),
                                 ("trigger", f"Trigger  {fmt.fixed2(last['trigger'])}")],
)
