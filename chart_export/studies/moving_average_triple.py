"""Moving Average Triple: three moving averages of the close (simple by default). No Pine
source (a chart-img study): ``ta.sma`` (or ``ta.ema``) of the close for each period. Defaults 14 / 21 / 35, method
"Simple", input names firstPeriods / secondPeriods / thirdPeriods / method: from chart-img's
study catalogue (the same source gives Moving Average Double 14 / 21 / Simple). TradingView
does not publish this (non-Pine) study's plot colours; ours are the TradingView palette
blue / orange / green."""

from __future__ import annotations

from ._math import ma, options
from .spec import Plot, StudySpec, choice, length

# "sma"/"ema" accepted too, as Moving Average Double accepts them
_METHODS = {**options("Simple", "Exponential"), "sma": "Simple", "ema": "Exponential"}


def _compute(c, p):
    return {f"ma{i}": ma(c.close, p[key], p["method"]) for i, key in ((1, "first"), (2, "second"), (3, "third"))}


def _legend(p, last, fmt):
    name = "EMA" if p["method"] == "Exponential" else "SMA"
    return [(f"ma{i}", f"{name} ({p[key]})  {fmt.price(last[f'ma{i}'])}")
            for i, key in ((1, "first"), (2, "second"), (3, "third"))]


STUDY = StudySpec(
    name="Moving Average Triple",
    source="chart-img's catalogue (no Pine source): ta.sma / ta.ema of the close at three lengths",
    kind="ma_triple",
    aliases=("MA Triple", "Triple Moving Average"),
    inputs=(
        length("first", 14, "firstPeriods", "1st Period", "in_0", maximum=10000),
        length("second", 21, "secondPeriods", "2nd Period", "in_1", maximum=10000),
        length("third", 35, "thirdPeriods", "3rd Period", "in_2", maximum=10000),
        choice("method", "Simple", _METHODS, "method", "Method", "in_3"),
    ),
    plots=(
        Plot("ma1", color="#2962FF", width=1.5, names=("plot", "plot 1", "ma1")),
        Plot("ma2", color="#FF6D00", width=1.5, names=("plot 2", "ma2")),
        Plot("ma3", color="#43A047", width=1.5, names=("plot 3", "ma3")),
    ),
    compute=_compute,
    legend=_legend,
)
