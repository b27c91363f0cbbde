"""Moving Average Triple: three moving averages of the close (simple by default). No Pine
source (a chart-img study): ``ta.sma``, ``ta.ema`` or ``ta.wma`` of the close for each period.

Inputs, defaults and plots from Chart-IMG's API documentation (doc.chart-img.com, "TradingView
Chart Indicators" > Moving Average Triple; saved copy in 217th/tda_worker_chart_export,
docs-worker-chart-export/chart-img-docs/API Documentation.htm, commit aed440f7): firstPeriods /
secondPeriods / thirdPeriods 14 / 21 / 35 (1..10000), method Simple (Simple, Exponential,
Weighted); "Plot 1" orange (rgb(255,109,0)), "Plot 2" blue (rgb(33,150,243)), "Plot 3" cyan
(rgb(38,198,218)). The page names no ``in_N``: the positions follow its input table."""

from __future__ import annotations

from ._math import SEW_METHODS, SEW_SHORT, ma
from .spec import Plot, StudySpec, choice, length


def _compute(c, p):
    return {f"ma{i}": ma(c.close, p[key], p["method"]) for i, key in ((1, "first"), (2, "second"), (3, "third"))}


def _legend(p, last, fmt):
    name = SEW_SHORT[p["method"]]
    return [(f"ma{i}", f"{name} ({p[key]})  {fmt.price(last[f'ma{i}'])}")
            for i, key in ((1, "first"), (2, "second"), (3, "third"))]


STUDY = StudySpec(
    name="Moving Average Triple",
    source=("chart-img's catalogue (no Pine source): ta.sma / ta.ema / ta.wma of the close at three lengths; inputs "
            "and plots from doc.chart-img.com"),
    kind="ma_triple",
    aliases=("MA Triple", "Triple Moving Average"),
    inputs=(
        length("first", 14, "firstPeriods", "1st Period", "in_0", maximum=10000),
        length("second", 21, "secondPeriods", "2nd Period", "in_1", maximum=10000),
        length("third", 35, "thirdPeriods", "3rd Period", "in_2", maximum=10000),
        choice("method", "Simple", SEW_METHODS, "method", "Method", "in_3"),
    ),
    plots=(
        Plot("ma1", color="#FF6D00", width=1.5, names=("plot", "plot 1", "ma1")),
        Plot("ma2", color="#2196F3", width=1.5, names=("plot 2", "ma2")),
        Plot("ma3", color="#26C6DA", width=1.5, names=("plot 3", "ma3")),
    ),
    compute=_compute,
    legend=_legend,
)
