"""Rate Of Change: percent change of the source over ``length`` bars.

Formula: TradingView's built-in script ``roc = 100 * (source - source[length])/source[length]``
(= ``ta.roc``, ``_pine.roc``; TA-Lib ROC). A zero past price gives NaN (TA-Lib gives 0, Pine
na)."""

from __future__ import annotations

from ._pine import roc
from .spec import Pane, Plot, StudySpec, length, price_source, source


def _compute(c, p):
    return {"roc": roc(price_source(c, p["source"]), p["length"])}


STUDY = StudySpec(
    name="Rate Of Change",
    kind="roc",
    aliases=("ROC",),
    inputs=(
        length("length", 9, "length", "Length", "in_0"),
        source("source", "Source", "src", "in_1"),
    ),
    plots=(Plot("roc", color="#2962FF", width=1.5, names=("plot", "roc")),),
    pane=Pane(include=(0.0,), lines=(0.0,), format="auto"),
    compute=_compute,
    legend=lambda p, last, fmt: [("roc", f"ROC ({p['length']})  {fmt.auto(last['roc'])}")],
)
