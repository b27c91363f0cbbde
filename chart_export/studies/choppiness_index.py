"""Choppiness Index: 100 log10(sum of true ranges / (highest high - lowest low)) /
log10(length); high = choppy, low = trending.

Formula (TradingView Help Center: "Choppiness Index (CHOP)"; TradingView's built-in script
``100 * math.log10(math.sum(ta.atr(1), length) / (ta.highest(length) - ta.lowest(length)))
/ math.log10(length)``): ``ta.atr(1)`` is the true range with bar 0's high - low (Pine
``ta.tr(true)``), so the first value is at bar length - 1. NaN where the window's range is
0. No TA-Lib function (tests compose TA-Lib SUM, TRANGE, MAX, MIN). The ``offset`` input
shifts the drawn line (``Plot.offset``), not the values."""

from __future__ import annotations

import math

from ._math import div, rolling_max, rolling_min, true_range
from ._pine import log10, msum
from .spec import Pane, Plot, StudySpec, length


def _compute(c, p):
    n = p["length"]
    ratio = div(msum(true_range(c.high, c.low, c.close, first_bar_hl=True), n),
                rolling_max(c.high, n) - rolling_min(c.low, n))
    return {"chop": 100.0 * log10(ratio) / math.log10(n)}


STUDY = StudySpec(
    name="Choppiness Index",
    kind="chop",
    aliases=("CHOP",),
    inputs=(
        length("length", 14, "length", "Length", "in_0", minimum=2, maximum=1000),
        length("offset", 0, "offset", "Offset", "in_1", minimum=-500, maximum=500),
    ),
    plots=(Plot("chop", color="#2962FF", width=1.5, offset="offset", names=("plot", "chop")),),
    pane=Pane(range=(0.0, 100.0), lines=(38.2, 61.8), band=(38.2, 61.8), format="integer"),
    compute=_compute,
    legend=lambda p, last, fmt: [("chop", f"CHOP ({p['length']})  {fmt.fixed2(last['chop'])}")],
)
