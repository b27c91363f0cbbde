"""Rate Of Change: percent change of the source over ``length`` bars.

Formula: TA-Lib ROC (= TradingView's ``100 * (source - source[length]) / source[length]``).
A zero past price gives NaN (TA-Lib gives 0, Pine na)."""

from __future__ import annotations

from ._math import div, shift
from .spec import Pane, Plot, StudySpec, length, price_source, source


def _compute(c, p):
    x = price_source(c, p["source"])
    past = shift(x, p["length"])
    return {"roc": div(100.0 * (x - past), past)}  # Pine: 100 * (x - x[n]) / x[n], left to right


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
