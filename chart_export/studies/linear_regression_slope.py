"""Linear Regression Slope: Chart-IMG's older study, the slope (price per bar) of the
least-squares line through the last ``length`` values of the source, in its own pane around 0.
No Pine source: the least-squares slope, n*sum(xy) - sum(x)*sum(y) over n*sum(x^2) - sum(x)^2
with x = 0..n-1 (TA-Lib's LINEARREG_SLOPE); default length 14. Its sibling "Linear Regression
Curve" is the Least Squares Moving Average (an alias there: ta.linreg's end point)."""

from __future__ import annotations

from ._regression import regression
from .spec import Pane, Plot, StudySpec, length, price_source, source

STUDY = StudySpec(
    name="Linear Regression Slope",
    kind="linreg_slope",
    aliases=("LRS", "Linear Regression Slope Indicator"),
    source="Chart-IMG's catalogue (no Pine source): the least-squares slope over length bars (TA-Lib LINEARREG_SLOPE)",
    inputs=(length("length", 14, "length", "Length", "period", "in_0", minimum=2),
            source("source", "Source", "src", "in_1")),
    plots=(Plot("slope", color="#FF5252", names=("plot", "slope")),),
    pane=Pane(include=(0.0,), mid=0.0),
    compute=lambda c, p: {"slope": regression(price_source(c, p["source"]), p["length"])["slope"]},
    legend=lambda p, last, fmt: [("slope", f"LRS ({p['length']})  {fmt.auto(last['slope'])}")],
)
