"""Money Flow Index, TradingView's built-in: ``ta.mfi(hlc3, length)``::

    upper = math.sum(volume * (ta.change(src) <= 0 ? 0 : src), length)
    lower = math.sum(volume * (ta.change(src) >= 0 ? 0 : src), length)
    mfi = lower == 0 ? 100 : 100 - 100 / (1 + upper / lower)

The comparisons are tolerant (a change within 1e-10 is none); bar 0, with no change, counts in
both sums (first value at bar length - 1, TA-Lib's a bar later); sums within 1e-10 of 0 are 0.
20/80 band. The v6 "Smoothing" section (a moving average of the MFI), off by default."""

from __future__ import annotations

import numpy as np

from . import _smoothing
from ._pine import EPSILON, change, msum
from .spec import Pane, Plot, StudySpec, length, no_volume_note


def mfi(src: np.ndarray, volume: np.ndarray, n: int) -> np.ndarray:
    ch = change(src)
    first = np.isnan(ch)
    upper = msum(volume * np.where(~first & (ch <= EPSILON), 0.0, src), n)
    lower = msum(volume * np.where(~first & (ch >= -EPSILON), 0.0, src), n)
    upper = np.where(np.abs(upper) <= EPSILON, 0.0, upper)
    lower = np.where(np.abs(lower) <= EPSILON, 0.0, lower)
    with np.errstate(divide="ignore", invalid="ignore"):
        out = np.where(lower == 0.0, 100.0, 100.0 - 100.0 / (1.0 + upper / lower))
    out[np.isnan(upper) | np.isnan(lower)] = np.nan
    return out


def _compute(c, p):
    return _smoothing.outputs("mfi", mfi((c.high + c.low + c.close) / 3.0, c.volume, p["length"]), p, c.volume)


STUDY = StudySpec(
    note=no_volume_note,
    name="Money Flow Index",
    kind="mfi",
    aliases=("MFI",),
    inputs=(length("length", 14, "length", "Length", "in_0", maximum=2000),
            *_smoothing.inputs(1, "None", length_title=None)),  # v6's "Smoothing" section (the issue's list)
    plots=(Plot("mfi", color="#7E57C2", width=1.5, names=("plot", "mf", "mfi")), *_smoothing.plots("MF-based MA")),
    fills=_smoothing.FILLS,
    pane=Pane(range=(0.0, 100.0), ticks=(20.0, 80.0, 50.0), lines=(20.0, 80.0), band=(20.0, 80.0), mid=50.0,
              format="integer"),
    compute=_compute,
    legend=lambda p, last, fmt: [("mfi", f"MFI ({p['length']})  {fmt.fixed2(last['mfi'])}"),
                                 *_smoothing.legend(p, last, fmt.fixed2)],
)
