"""Moving Average Weighted: linearly weighted average of the source over ``length`` bars,
drawn ``offset`` bars to the right (left when negative).

Formula: TA-Lib WMA (= Pine ``ta.wma``): sum(x[i] * (n - i)) / (n (n + 1) / 2)."""

from __future__ import annotations

from ._math import wma
from .spec import Plot, StudySpec, length, price_source, source


def _legend(p, last, fmt):
    src = "" if p["source"] == "close" else f", {p['source']}"
    return [("wma", f"WMA ({p['length']}{src})  {fmt.price(last['wma'])}")]


STUDY = StudySpec(
    name="Moving Average Weighted",
    kind="wma",
    aliases=("WMA",),
    inputs=(
        length("length", 9, "length", "Length", "in_0"),
        source("source", "Source", "src", "in_1"),
        length("offset", 0, "offset", "Offset", "in_2", minimum=-500, maximum=500),
    ),
    plots=(Plot("wma", color="#2962FF", width=1.5, offset="offset", names=("plot", "wma")),),
    compute=lambda c, p: {"wma": wma(price_source(c, p["source"]), p["length"])},
    legend=_legend,
)
