"""Momentum: the change of the source over ``length`` bars.

Formula: TA-Lib MOM (= TradingView's ``src - src[len]``). First value at bar length."""

from __future__ import annotations

from ._math import change
from .spec import Pane, Plot, StudySpec, length, price_source, source

STUDY = StudySpec(
    name="Momentum",
    kind="mom",
    aliases=("MOM",),
    inputs=(
        length("length", 10, "length", "Length", "len", "in_0"),
        source("source", "Source", "src", "in_1"),
    ),
    plots=(Plot("mom", color="#2962FF", width=1.5, names=("plot", "mom")),),
    pane=Pane(format="auto"),
    compute=lambda c, p: {"mom": change(price_source(c, p["source"]), p["length"])},
    legend=lambda p, last, fmt: [("mom", f"Mom ({p['length']})  {fmt.auto(last['mom'])}")],
)
