"""Moving Average Multiple: Chart-IMG's older study, six moving averages of the close over the
price pane. No Pine source: ``ta.sma`` / ``ta.ema`` / ``ta.wma`` of the close by ``method``.

Inputs, defaults and plot names from Chart-IMG's API documentation (doc.chart-img.com, "TradingView
Chart Indicators" > Moving Average Multiple; saved copy in 217th/tda_worker_chart_export,
docs-worker-chart-export/chart-img-docs/API Documentation.htm, commit aed440f7): firstPeriods ...
sixthPeriods 14 / 21 / 35 / 50 / 100 / 200 (1..10000), method Simple (Simple, Exponential,
Weighted); plots "Plot 1" ... "Plot 6" in that page's colours. The page names no ``in_N``: the
positions here follow its input table's order."""

from __future__ import annotations

from ._math import SEW_METHODS, SEW_SHORT, ma
from .spec import Plot, StudySpec, choice, length

DEFAULTS = (14, 21, 35, 50, 100, 200)
ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth")
COLORS = ("#9C27B0", "#FF6D00", "#43A047", "#26C6DA", "#F50057", "#2196F3")  # rgb(156,39,176) ... rgb(33,150,243)
KEYS = tuple(f"ma{i + 1}" for i in range(len(DEFAULTS)))


def _legend(p, last, fmt):
    return [(k, f"{SEW_SHORT[p['method']]} ({p[f'length{i + 1}']})  {fmt.price(last[k])}") for i, k in enumerate(KEYS)]


STUDY = StudySpec(
    name="Moving Average Multiple",
    kind="ma_multiple",
    aliases=("MA Multiple", "Multiple Moving Average"),
    source=("Chart-IMG's catalogue (no Pine source): ta.sma / ta.ema / ta.wma of the close at six lengths, "
            "defaults 14/21/35/50/100/200 Simple from doc.chart-img.com"),
    inputs=(*(length(f"length{i + 1}", n, f"{ORDINALS[i]}Periods", f"length{i + 1}", f"in_{i}", maximum=10000)
              for i, n in enumerate(DEFAULTS)),
            choice("method", "Simple", SEW_METHODS, "method", "Method", "in_6")),
    plots=tuple(Plot(k, color=COLORS[i], width=1.0, names=(("plot", f"plot {i + 1}", k) if i == 0 else (f"plot {i + 1}", k)))
                for i, k in enumerate(KEYS)),
    compute=lambda c, p: {k: ma(c.close, p[f"length{i + 1}"], p["method"]) for i, k in enumerate(KEYS)},
    legend=_legend,
)
