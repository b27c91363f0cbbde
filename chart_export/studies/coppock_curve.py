"""Coppock Curve: WMA of the sum of a long and a short rate of change.

Formula (TradingView Help Center: "Coppock Curve"; TradingView's built-in script ``curve =
ta.wma(ta.roc(source, longRoCLength) + ta.roc(source, shortRoCLength), wmaLength)``);
TA-Lib WMA and ROC composition (on the close). Input order as chart-img's catalogue (WMA
length, long RoC, short RoC). First value at bar long + wma - 1."""

from __future__ import annotations

from ._pine import roc, wma
from .spec import Pane, Plot, StudySpec, length


def _compute(c, p):
    return {"curve": wma(roc(c.close, p["long_roc"]) + roc(c.close, p["short_roc"]), p["wma_length"])}


STUDY = StudySpec(
    name="Coppock Curve",
    kind="coppock",
    aliases=("Coppock",),
    inputs=(
        length("wma_length", 10, "wmaLength", "WMA Length", "in_0"),
        length("long_roc", 14, "longRoCLength", "Long RoC Length", "in_1", maximum=4999),
        length("short_roc", 11, "shortRoCLength", "Short RoC Length", "in_2", maximum=4999),
    ),
    plots=(Plot("curve", color="#2962FF", width=1.5, names=("plot", "curve")),),
    pane=Pane(include=(0.0,), lines=(0.0,)),
    compute=_compute,
    legend=lambda p, last, fmt: [("curve", f"Coppock ({p['wma_length']}, {p['long_roc']}, {p['short_roc']})  "
                                           f"{fmt.fixed2(last['curve'])}")],
)
