"""Volatility Index: Chart-IMG's older name for J. Welles Wilder's Volatility System ("New
Concepts in Technical Trading Systems", 1978): a stop-and-reverse line ``ARC = factor x ATR``
away from the extreme close of the current trend (the significant close), over the price pane.
No Pine source; it is the construction of TradingView's Volatility Stop (``volatility_stop``,
oracle-checked), with the ATR smoothed by ``method``: Wilder Smoothing (``ta.atr``, Wilder's
own) or Exponential (``ta.ema`` of the true range).

Inputs, defaults and plot from Chart-IMG's API documentation (doc.chart-img.com, "TradingView
Chart Indicators" > Volatility Index; saved copy in 217th/tda_worker_chart_export,
docs-worker-chart-export/chart-img-docs/API Documentation.htm, commit aed440f7): ``periods`` 10
(from 2), ``atrMult`` 3, ``method`` Wilder Smoothing (or Exponential); one line "Plot", red
(rgb(255,82,82)); the page's picture draws it as one continuous line under / over the candles
(legend "Volatility Index 10 3 Wilder Smoothing"). The page names no ``in_N``: the positions
follow its input table's order."""

from __future__ import annotations

import numpy as np

from ._math import options
from ._pine import atr, ema, tr
from .spec import Plot, StudySpec, choice, length, number
from .volatility_stop import stop_and_reverse

METHODS = options("Wilder Smoothing", "Exponential")


def _compute(c, p):
    true_range = tr(c.high, c.low, c.close)
    smoothed = atr(c.high, c.low, c.close, p["length"]) if p["method"] == "Wilder Smoothing" \
        else ema(tr(c.high, c.low, c.close, True), p["length"])
    arc = smoothed * p["factor"]
    stop, up = stop_and_reverse(c.close, np.where(np.isnan(arc), true_range, arc))
    return {"sar": stop, "uptrend": up}


STUDY = StudySpec(
    name="Volatility Index",
    kind="volatility_index",
    aliases=("Wilder Volatility Index", "Volatility System"),
    source=("J. Welles Wilder, New Concepts in Technical Trading Systems (1978): the Volatility System's SAR, "
            "ARC = 3 x ATR(10) from the significant close (TradingView's Volatility Stop construction); inputs "
            "and defaults from doc.chart-img.com"),
    inputs=(length("length", 10, "periods", "length", "Length", "period", "in_0", minimum=2, maximum=10000),
            number("factor", 3.0, "atrMult", "factor", "ATR Multiplier", "in_1", minimum=0.25),
            choice("method", "Wilder Smoothing", METHODS, "method", "Method", "in_2")),
    plots=(Plot("sar", color="#FF5252", width=1.0, names=("plot", "sar")),),
    compute=_compute,
    legend=lambda p, last, fmt: [("sar", f"Volatility Index ({p['length']}, {p['factor']:g}, {p['method']})  "
                                         f"{fmt.price(last['sar'])}")],
)
