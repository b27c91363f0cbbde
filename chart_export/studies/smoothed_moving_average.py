"""Smoothed Moving Average: Wilder's running average (RMA / SMMA) of the source.

Formula (TradingView Help Center: "Smoothed Moving Average"; TradingView's built-in script
``smma := na(smma[1]) ? ta.sma(src, len) : (smma[1] * (len - 1) + src) / len``): seed =
SMA of the first ``length`` values (bar length - 1), then the recursion. No TA-Lib function
(TA-Lib ATR uses the same recursion on the true range, which the tests use as a check)."""

from __future__ import annotations

from ._math import rma
from .spec import Plot, StudySpec, length, price_source, source


def _legend(p, last, fmt):
    src = "" if p["source"] == "close" else f", {p['source']}"
    return [("smma", f"SMMA ({p['length']}{src})  {fmt.price(last['smma'])}")]


STUDY = StudySpec(
    name="Smoothed Moving Average",
    kind="smma",
    aliases=("SMMA", "RMA"),
    inputs=(
        length("length", 7, "length", "Length", "len", "in_0", maximum=100000),
        source("source", "Source", "src", "in_1"),
    ),
    plots=(Plot("smma", color="#673AB7", width=1.5, names=("plot", "smma")),),
    compute=lambda c, p: {"smma": rma(price_source(c, p["source"]), p["length"])},
    legend=_legend,
)
