"""Standard Error and Standard Error Bands: Chart-IMG's older studies built on the least-squares
line through the last ``length`` closes. No Pine source.

* Standard Error (own pane): the standard error of the estimate of that line,
  sqrt(sum of squared residuals / (length - 2)) (the statistic's textbook definition, as in
  Jon Andersen's article below); default length 14.
* Standard Error Bands (over price), Jon Andersen, "Standard Error Bands", Technical Analysis of
  Stocks & Commodities, September 1996: the line's end point (the linear regression curve) and
  that point +- ``errors`` standard errors, each smoothed by a ``smoothing``-bar simple average;
  Andersen's defaults 21 bars, 2 standard errors, 3-bar smoothing."""

from __future__ import annotations

from ._pine import linreg, sma
from ._regression import regression
from .spec import Fill, Pane, Plot, StudySpec, length, number, price_source, source


def _bands(c, p):
    src = price_source(c, p["source"])
    mid = sma(linreg(src, p["length"]), p["smoothing"])
    err = sma(regression(src, p["length"])["stderr"], p["smoothing"]) * p["errors"]
    return {"middle": mid, "upper": mid + err, "lower": mid - err}


STUDIES = (
    StudySpec(
        name="Standard Error",
        kind="stderr",
        aliases=("StdErr",),
        source=("Chart-IMG's catalogue (no Pine source): standard error of the estimate of the least-squares "
                "line over length bars, sqrt(SSE / (length - 2))"),
        inputs=(length("length", 14, "length", "Length", "period", "in_0", minimum=3),
                source("source", "Source", "src", "in_1")),
        plots=(Plot("stderr", color="#2962FF", names=("plot", "stderr")),),
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
            length("length", 21, "length", "Length", "period", "in_0", minimum=3),
            number("errors", 2.0, "errors", "Standard Errors", "stdErrors", "in_1", minimum=0.0, maximum=50.0),
            length("smoothing", 3, "smoothing", "Smoothing", "in_2"),
            source("source", "Source", "src", "in_3"),
        ),
        plots=(
            Plot("middle", color="#FF6D00", width=1.0, names=("plot", "middle", "basis")),
            Plot("upper", color="#2962FF", width=1.0, names=("upper",)),
            Plot("lower", color="#2962FF", width=1.0, names=("lower",)),
        ),
        fills=(Fill("upper", "lower", color="=upper", alpha=0.07),),
        compute=_bands,
        legend=lambda p, last, fmt: [("upper", f"SEB ({p['length']}, {p['errors']:g}, {p['smoothing']})  "
                                               f"{fmt.price(last['upper'])} / {fmt.price(last['middle'])} / "
                                               f"{fmt.price(last['lower'])}")],
    ),
)
