"""Mass Index: sum of the ratio of a 9-bar EMA of the range to its own 9-bar EMA; range
expansion signals reversals.

Formula (TradingView Help Center: "Mass Index"; TradingView's built-in script ``span = high
- low; mi = math.sum(ta.ema(span, 9) / ta.ema(ta.ema(span, 9), 9), length)``). EMAs as
TA-Lib (SMA seed). NaN where the double EMA is 0. First value at bar 16 + length - 1."""

from __future__ import annotations

from ._math import div, ema
from ._pine import msum
from .spec import Pane, Plot, StudySpec, length


def _compute(c, p):
    e1 = ema(c.high - c.low, 9)
    return {"mi": msum(div(e1, ema(e1, 9)), p["length"])}


STUDY = StudySpec(
    name="Mass Index",
    kind="mass_index",
    aliases=("MI",),
    inputs=(length("length", 10, "length", "Length", "in_0", maximum=2000),),
    plots=(Plot("mi", color="#2962FF", width=1.5, names=("plot", "mi")),),
    pane=Pane(format="auto"),
    compute=_compute,
    legend=lambda p, last, fmt: [("mi", f"Mass ({p['length']})  {fmt.fixed2(last['mi'])}")],
)
