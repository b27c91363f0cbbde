"""Trend Strength Index, TradingView's built-in::

    tsi = ta.correlation(close, bar_index, period)
    plot(tsi, "Trend Strength Index", color = #7E57C2)
    hline( 0, "TSI Middle Band"), hline( 1, "TSI Bullish Band"), hline(-1, "TSI Bearish Band")

The correlation of the close with time over ``Length`` bars, -1..1; first value at bar
``Length - 1``; 0 where the window's close is constant (no covariance). The colour inputs and gradient fills
are not drawn (the ±1 lines are). Chart-IMG's key for the length is ``periods`` (
Chart-IMG's API documentation (https://doc.chart-img.com/, "TradingView Chart Indicators" >
Trend Strength Index; saved copy: github.com/217th/tda_worker_chart_export, docs-worker-chart-export/chart-img-docs/
API Documentation.htm, commit aed440f7cddd9a1841523bbc2eb00cafced220df))."""

from __future__ import annotations

import numpy as np

from ._pine import correlation
from .spec import Pane, Plot, StudySpec, length

STUDY = StudySpec(
    name="Trend Strength Index",
    kind="trend_strength",
    aliases=(),
    inputs=(length("length", 14, "in_0", "Length", "period", "periods", minimum=2),),
    plots=(Plot("tsi", color="#7E57C2", names=("plot", "trend strength index", "tsi")),),
    pane=Pane(range=(-1.05, 1.05), ticks=(1.0, 0.0, -1.0), lines=(1.0, -1.0), mid=0.0, format="auto"),
    compute=lambda c, p: {"tsi": correlation(c.close, np.arange(len(c.close), dtype=np.float64), p["length"])},
    legend=lambda p, last, fmt: [("tsi", f"TSI ({p['length']})  {fmt.fixed2(last['tsi'])}")],
)
