"""Chaikin Volatility: Chart-IMG's older study, in its own pane around 0. No Pine source: Marc
Chaikin's definition (as documented by e.g. MetaStock, TTR's chaikinVolatility and Microsoft's
chart controls): the ``length``-bar EMA of high - low, then its percent rate of change over
``roc_length`` bars, 100 * (ema - ema[roc]) / ema[roc]; defaults 10 and 10.

Inputs and plot from Chart-IMG's API documentation (doc.chart-img.com, "TradingView Chart Indicators"; saved copy in 217th/tda_worker_chart_export,
docs-worker-chart-export/chart-img-docs/API Documentation.htm, commit aed440f7): ``periods`` 10 and ``rocLookback``
10 (1..2000); one line "Plot", pink (rgb(236,64,122)), and a "Zero" line. The formula is not on
that page (the above)."""

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
    inputs=(length("length", 10, "periods", "length", "Length", "in_0", maximum=2000),
            length("roc_length", 10, "rocLookback", "rocLength", "ROC Length", "in_1", maximum=2000)),
    plots=(Plot("cv", color="#EC407A", names=("plot", "cv")),),
    pane=Pane(include=(0.0,), mid=0.0),
    compute=_compute,
    legend=lambda p, last, fmt: [("cv", f"Chaikin Volatility ({p['length']}, {p['roc_length']})  "
                                        f"{fmt.auto(last['cv'])}")],
)
