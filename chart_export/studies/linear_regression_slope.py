"""Linear Regression Slope and Linear Regression Curve: Chart-IMG's older studies on the
least-squares line through the last ``length`` values of the source. No Pine source:

* Linear Regression Slope (own pane around 0): the line's slope (price per bar),
  n*sum(xy) - sum(x)*sum(y) over n*sum(x^2) - sum(x)^2 with x = 0..n-1 (TA-Lib's LINEARREG_SLOPE).
* Linear Regression Curve (over price): the line's end point, TradingView's ``ta.linreg(src,
  length, 0)`` (as the Least Squares Moving Average at offset 0, but Chart-IMG's own study with
  its own default).

Inputs, defaults and plots from Chart-IMG's API documentation (doc.chart-img.com, "TradingView
Chart Indicators" > Linear Regression Slope / Curve; saved copy in 217th/tda_worker_chart_export,
docs-worker-chart-export/chart-img-docs/API Documentation.htm, commit aed440f7): Slope ``periods``
14 (from 2), "Plot" red (rgb(255,82,82)), Chart-IMG draws it in its own pane; Curve ``in_0`` 9
(length), "Plot" blue (rgb(33,150,243)), its picture's legend "LRC 9" over the candles. Neither
has a source input there (ours, close, after the documented inputs)."""

from __future__ import annotations

from ._pine import linreg
from ._regression import regression
from .spec import Pane, Plot, StudySpec, length, price_source, source

STUDIES = (
    StudySpec(
        name="Linear Regression Slope",
        kind="linreg_slope",
        aliases=("LRS", "Linear Regression Slope Indicator"),
        source=("Chart-IMG's catalogue (no Pine source): the least-squares slope over length bars (TA-Lib "
                "LINEARREG_SLOPE); inputs from doc.chart-img.com"),
        inputs=(length("length", 14, "periods", "length", "Length", "period", "in_0", minimum=2, maximum=100000),
                source("source", "Source", "src", "in_1")),
        plots=(Plot("slope", color="#FF5252", names=("plot", "slope")),),
        pane=Pane(include=(0.0,), mid=0.0),
        compute=lambda c, p: {"slope": regression(price_source(c, p["source"]), p["length"])["slope"]},
        legend=lambda p, last, fmt: [("slope", f"LRS ({p['length']})  {fmt.auto(last['slope'])}")],
    ),
    StudySpec(
        name="Linear Regression Curve",
        kind="linreg_curve",
        aliases=("LRC",),
        source=("Chart-IMG's catalogue (no Pine source): the least-squares line's end point over length bars, "
                "ta.linreg(close, length, 0); length 9 from doc.chart-img.com"),
        inputs=(length("length", 9, "in_0", "length", "Length", "period", maximum=2000),
                source("source", "Source", "src", "in_1")),
        plots=(Plot("curve", color="#2196F3", names=("plot", "curve")),),
        compute=lambda c, p: {"curve": linreg(price_source(c, p["source"]), p["length"], 0)},
        legend=lambda p, last, fmt: [("curve", f"LRC ({p['length']})  {fmt.price(last['curve'])}")],
    ),
)
