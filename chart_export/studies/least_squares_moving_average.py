"""Least Squares Moving Average: the end point of the least-squares line through the last
``length`` values of the source (``offset`` bars back along that line).

Formula: TradingView's ``ta.linreg(src, length, offset)`` (studies/_pine.py, its arithmetic
as PyneCore measured it; TA-Lib LINEARREG for offset 0)."""

from __future__ import annotations

from ._pine import linreg
from .spec import Plot, StudySpec, length, price_source, source


def _legend(p, last, fmt):
    return [("lsma", f"LSMA ({p['length']}, {p['offset']})  {fmt.price(last['lsma'])}")]


STUDY = StudySpec(
    name="Least Squares Moving Average",
    kind="lsma",
    aliases=("LSMA",),  # "Linear Regression Curve" (LRC) is its own study, Chart-IMG's length 9
    inputs=(
        length("length", 25, "length", "Length", "in_0", maximum=10000),
        length("offset", 0, "offset", "Offset", "in_1", minimum=-10000, maximum=10000),
        source("source", "Source", "src", "in_2"),
    ),
    plots=(Plot("lsma", color="#2962FF", width=1.5, names=("plot", "lsma")),),
    compute=lambda c, p: {"lsma": linreg(price_source(c, p["source"]), p["length"], p["offset"])},
    legend=_legend,
)
