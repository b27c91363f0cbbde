"""Double EMA: 2 EMA - EMA(EMA), a lower-lag exponential average.

Formula: TA-Lib DEMA (= TradingView's ``e1 = ta.ema(src, length); e2 = ta.ema(e1, length);
dema = 2 * e1 - e2``). First value at bar 2 (length - 1)."""

from __future__ import annotations

from ._math import ema
from .spec import Plot, StudySpec, length, price_source, source


def _compute(c, p):
    e1 = ema(price_source(c, p["source"]), p["length"])
    return {"dema": 2.0 * e1 - ema(e1, p["length"])}


STUDY = StudySpec(
    name="Double EMA",
    kind="dema",
    aliases=("DEMA",),
    inputs=(
        length("length", 9, "length", "Length", "in_0", maximum=10000),
        source("source", "Source", "src", "in_1"),
    ),
    plots=(Plot("dema", color="#43A047", width=1.5, names=("plot", "dema")),),
    compute=_compute,
    legend=lambda p, last, fmt: [("dema", f"DEMA ({p['length']})  {fmt.price(last['dema'])}")],
)
