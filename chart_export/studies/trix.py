"""TRIX: rate of change of a triple-smoothed EMA of the log price, in basis points.

Formula (TradingView Help Center: "TRIX"; TradingView's built-in script ``out = 10000 *
ta.change(ta.ema(ta.ema(ta.ema(math.log(close), length), length), length))``).
TA-Lib's TRIX is different (percent ROC of the triple EMA of the price, not the log
price); we follow TradingView and verify against a TA-Lib EMA composition. First value at
bar 3 (length - 1) + 1. NaN for non-positive prices."""

from __future__ import annotations

from ._math import change, ema
from ._pine import log
from .spec import Pane, Plot, StudySpec, length


def _compute(c, p):
    n = p["length"]
    logc = log(c.close)
    return {"trix": 10000.0 * change(ema(ema(ema(logc, n), n), n), 1)}


STUDY = StudySpec(
    name="TRIX",
    kind="trix",
    aliases=("Triple Exponential Average",),
    inputs=(length("length", 18, "length", "Length", "in_0", maximum=2000),),
    plots=(Plot("trix", color="#F44336", width=1.5, names=("plot", "trix")),),
    pane=Pane(include=(0.0,), lines=(0.0,), format="auto"),
    compute=_compute,
    legend=lambda p, last, fmt: [("trix", f"TRIX ({p['length']})  {fmt.auto(last['trix'])}")],
)
