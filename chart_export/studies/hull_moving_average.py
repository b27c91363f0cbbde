"""Hull Moving Average: a low-lag average, the WMA of 2 WMA(n/2) - WMA(n) over sqrt(n) bars.

Formula (TradingView Help Center: "Hull Moving Average"; TradingView's built-in script
``hullma = ta.wma(2 * ta.wma(src, length / 2) - ta.wma(src, length),
math.floor(math.sqrt(length)))``): half = floor(length / 2), root = floor(sqrt(length));
both at least 1. No TA-Lib function; verified by a hand-worked vector and a TA-Lib WMA
composition. First value at bar length - 1 + root - 1."""

from __future__ import annotations

import math

from ._math import wma
from .spec import Plot, StudySpec, length, price_source, source


def _compute(c, p):
    n = p["length"]
    x = price_source(c, p["source"])
    raw = 2.0 * wma(x, max(n // 2, 1)) - wma(x, n)
    return {"hma": wma(raw, max(math.isqrt(n), 1))}


STUDY = StudySpec(
    name="Hull Moving Average",
    kind="hma",
    aliases=("HMA", "Hull MA"),
    inputs=(
        length("length", 9, "length", "Length", "in_0"),
        source("source", "Source", "src", "in_1"),
    ),
    plots=(Plot("hma", color="#2962FF", width=1.5, names=("plot", "hma")),),
    compute=_compute,
    legend=lambda p, last, fmt: [("hma", f"HMA ({p['length']})  {fmt.price(last['hma'])}")],
)
