"""Triple EMA: 3 EMA - 3 EMA(EMA) + EMA(EMA(EMA)), a low-lag exponential average.

Formula: TA-Lib TEMA (= TradingView's ``3 * (ema1 - ema2) + ema3``). First value at bar
3 (length - 1)."""

from __future__ import annotations

from ._math import ema
from .spec import Plot, StudySpec, length, price_source, source


def _compute(c, p):
    n = p["length"]
    e1 = ema(price_source(c, p["source"]), n)
    e2 = ema(e1, n)
    return {"tema": 3.0 * (e1 - e2) + ema(e2, n)}


def _legend(p, last, fmt):
    src = "" if p["source"] == "close" else f", {p['source']}"
    return [("tema", f"TEMA ({p['length']}{src})  {fmt.price(last['tema'])}")]


STUDY = StudySpec(
    name="Triple EMA",
    kind="tema",
    aliases=("TEMA",),
    inputs=(
        length("length", 9, "length", "Length", "in_0", maximum=10000),
        source("source", "Source", "src", "in_1"),
    ),
    plots=(Plot("tema", color="#2962FF", width=1.5, names=("plot", "tema")),),
    compute=_compute,
    legend=_legend,
)
