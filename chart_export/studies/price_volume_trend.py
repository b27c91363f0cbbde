"""Price Volume Trend: running total of volume times the relative price change.

Formula (TradingView Help Center: "Price Volume Trend (PVT)"; TradingView's built-in
script ``vt = ta.cum(ta.change(src) / src[1] * volume)``). Bar 0 has no change: NaN
there, the total starts at bar 1. A zero previous price adds nothing. No TA-Lib function."""

from __future__ import annotations

import numpy as np

from ._math import change, div, shift
from .spec import Pane, Plot, StudySpec, no_volume_note


def _compute(c, p):
    step = div(change(c.close, 1), shift(c.close, 1)) * c.volume
    out = np.cumsum(np.where(np.isnan(step), 0.0, step))
    if out.shape[0]:
        out[0] = np.nan
    return {"pvt": out}



STUDY = StudySpec(
    note=no_volume_note,
    name="Price Volume Trend",
    kind="pvt",
    aliases=("PVT",),
    inputs=(),
    plots=(Plot("pvt", color="#2962FF", width=1.5, names=("plot", "pvt")),),
    pane=Pane(format="auto"),
    compute=_compute,
    legend=lambda p, last, fmt: [("pvt", f"PVT  {fmt.auto(last['pvt'])}")],
)
