"""True Strength Index: double-smoothed momentum over double-smoothed absolute momentum,
with an EMA signal line.

Formula (TradingView Help Center: "True Strength Index (TSI)"; TradingView's built-in
script ``double_smooth(src, long, short) => ta.ema(ta.ema(src, long), short); pc =
ta.change(close); tsi = 100 * (double_smooth(pc, long, short) / double_smooth(math.abs(pc),
long, short)); signal = ta.ema(tsi, signal)``). EMAs as TA-Lib (SMA seed). NaN where the
smoothed absolute change is 0. First value at bar long + short - 1."""

from __future__ import annotations

import numpy as np

from ._math import change, div, ema
from .spec import Pane, Plot, StudySpec, length


def _compute(c, p):
    pc = change(c.close, 1)
    lo, sh = p["long"], p["short"]
    tsi = 100.0 * div(ema(ema(pc, lo), sh), ema(ema(np.abs(pc), lo), sh))
    return {"tsi": tsi, "signal": ema(tsi, p["signal"])}


def _legend(p, last, fmt):
    return [("tsi", f"TSI ({p['long']}, {p['short']}, {p['signal']})  {fmt.fixed2(last['tsi'])}"),
            ("signal", f"Signal  {fmt.fixed2(last['signal'])}")]


STUDY = StudySpec(
    name="True Strength Index",
    kind="tsi",
    aliases=("TSI",),
    inputs=(
        length("long", 25, "long", "Long Length", "in_0", maximum=4999),
        length("short", 13, "short", "Short Length", "in_1", maximum=4999),
        length("signal", 13, "signal", "Signal Length", "in_2", maximum=4999),
    ),
    plots=(
        Plot("tsi", color="#2962FF", width=1.5, names=("plot", "true strength index", "tsi")),
        Plot("signal", color="#E91E63", width=1.5, names=("signal",)),
    ),
    pane=Pane(include=(0.0,), lines=(0.0,), format="auto"),
    compute=_compute,
    legend=_legend,
)
