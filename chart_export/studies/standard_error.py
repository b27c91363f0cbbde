"""Standard Error and Standard Error Bands: Chart-IMG's older studies built on the least-squares
line through the last ``length`` closes. No Pine source.

* Standard Error (own pane): the standard error of the estimate of that line,
  sqrt(sum of squared residuals / (length - 2)) (the statistic's textbook definition, as in
  Jon Andersen's article below); default length 14.
* Standard Error Bands (over price), Jon Andersen, "Standard Error Bands", Technical Analysis of
  Stocks & Commodities, September 1996: the line's end point (the linear regression curve) and
  that point +- ``errors`` standard errors, each smoothed by a ``smoothing``-bar average (Simple,
  Exponential or Weighted by ``method``); Andersen's defaults 21 bars, 2 standard errors, 3-bar
  smoothing.

Inputs, defaults and plots from Chart-IMG's API documentation (doc.chart-img.com, "TradingView
Chart Indicators" > Standard Error / Standard Error Bands; saved copy in
217th/tda_worker_chart_export, docs-worker-chart-export/chart-img-docs/API Documentation.htm, commit
aed440f7): Standard Error ``length`` 14 (from 3), "Plot" orange (rgb(255,109,0)); Standard Error
Bands ``periods`` 21, ``errors`` 2, ``method`` Simple (Simple, Exponential, Weighted),
``averagePeriods`` 3, plots "Plot 1" (upper, blue), "Plot 2" (middle, orange), "Plot 3" (lower,
blue) and a "Background" fill (its legend on that page: "Standard Error Bands 21 2 Simple 3"). The
page names no ``in_N`` (positions follow its input tables) and no source input (ours, close)."""

from __future__ import annotations

from ._math import SEW_METHODS, ma
from ._pine import linreg
from ._regression import regression
from .spec import Fill, Pane, Plot, StudySpec, choice, length, number, price_source, source



def _bands(c, p):
    src, n, method = price_source(c, p["source"]), p["smoothing"], p["method"]
    mid = ma(linreg(src, p["length"]), n, method)
    err = ma(regression(src, p["length"])["stderr"], n, method) * p["errors"]
    return {"middle": mid, "upper": mid + err, "lower": mid - err}


STUDIES = (
    StudySpec(
        name="Standard Error",
        kind="stderr",
        aliases=("StdErr",),
        source=("Chart-IMG's catalogue (no Pine source): standard error of the estimate of the least-squares "
                "line over length bars, sqrt(SSE / (length - 2))"),
        inputs=(length("length", 14, "length", "Length", "period", "in_0", minimum=3, maximum=100000),
                source("source", "Source", "src", "in_1")),
        plots=(Plot("stderr", color="#FF6D00", names=("plot", "stderr")),),
        pane=Pane(include=(0.0,)),
        compute=lambda c, p: {"stderr": regression(price_source(c, p["source"]), p["length"])["stderr"]},
        legend=lambda p, last, fmt: [("stderr", f"StdErr ({p['length']})  {fmt.auto(last['stderr'])}")],
    ),
    StudySpec(
        name="Standard Error Bands",
        kind="stderr_bands",
        aliases=("SEB", "Standard Error Band"),
        source=("Jon Andersen, \"Standard Error Bands\", TASC Sept. 1996: linear regression end point +- errors x "
                "standard error, each smoothed by an SMA (Chart-IMG's catalogue; no Pine source)"),
        inputs=(
            length("length", 21, "periods", "length", "Length", "period", "in_0", minimum=3, maximum=100000),
            number("errors", 2.0, "errors", "Standard Errors", "stdErrors", "in_1", minimum=0.0, maximum=100000.0),
            choice("method", "Simple", SEW_METHODS, "method", "Method", "in_2"),
            length("smoothing", 3, "averagePeriods", "smoothing", "Smoothing", "in_3", maximum=100000),
            source("source", "Source", "src"),
        ),
        plots=(
            Plot("middle", color="#FF6D00", width=1.0, names=("plot", "plot 2", "middle", "basis")),
            Plot("upper", color="#2196F3", width=1.0, names=("plot 1", "upper")),
            Plot("lower", color="#2196F3", width=1.0, names=("plot 3", "lower")),
        ),
        fills=(Fill("upper", "lower", color="=upper", alpha=0.07),),
        compute=_bands,
        legend=lambda p, last, fmt: [("upper", f"SEB ({p['length']}, {p['errors']:g}, {p['method']}, {p['smoothing']})  "
                                               f"{fmt.price(last['upper'])} / {fmt.price(last['middle'])} / "
                                               f"{fmt.price(last['lower'])}")],
    ),
)
