"""Chaikin Volatility: Chart-IMG's older study, in its own pane around 0. No Pine source: Marc
Chaikin's definition (as documented by e.g. MetaStock, TTR's chaikinVolatility and Microsoft's
chart controls): the ``length``-bar EMA of high - low, then its percent rate of change over
``roc_length`` bars, 100 * (ema - ema[roc]) / ema[roc]; defaults 10 and 10."""

from __future__ import annotations

from ._pine import div, ema, shift
from .spec import Pane, Plot, StudySpec, length


def _compute(c, p):
    spread = ema(c.high - c.low, p["length"])
    before = shift(spread, p["roc_length"])
    return {"cv": 100.0 * div(spread - before, before)}


STUDY = StudySpec(
    name="Chaikin Volatility",
    kind="chaikin_volatility",
    aliases=("CV", "Chaikin's Volatility"),
    source=("Marc Chaikin's definition (Chart-IMG's catalogue; no Pine source): ROC over roc_length of "
            "EMA(high - low, length), in percent"),
    inputs=(length("length", 10, "length", "Length", "periods", "in_0"),
            length("roc_length", 10, "rocLength", "ROC Length", "in_1")),
    plots=(Plot("cv", color="#2962FF", names=("plot", "cv")),),
    pane=Pane(include=(0.0,), mid=0.0),
    compute=_compute,
    legend=lambda p, last, fmt: [("cv", f"Chaikin Volatility ({p['length']}, {p['roc_length']})  "
                                        f"{fmt.auto(last['cv'])}")],
)
