"""Moving Average Hamming: Chart-IMG's older study, the source's last ``length`` values weighted
by a Hamming window, over the price pane. No Pine source: the Hamming window (R. W. Hamming,
"Digital Filters"), w_k = 0.54 - 0.46 cos(2 pi k / (length - 1)) for k = 0..length-1 (oldest
first), the average sum(w_k x_k) / sum(w_k); default length 10.

Input and plot from Chart-IMG's API documentation (doc.chart-img.com, "TradingView Chart Indicators"; saved copy in 217th/tda_worker_chart_export,
docs-worker-chart-export/chart-img-docs/API Documentation.htm, commit aed440f7): ``periods`` 10 (that page: 1..10000;
ours from 2, the window's formula needs two points); one line "Plot 1", green (rgb(76,175,80)).
The weights are not on that page (the textbook window above)."""

from __future__ import annotations

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

from ._math import nan
from .spec import Plot, StudySpec, length, price_source, source


def hamming_ma(x: np.ndarray, n: int) -> np.ndarray:
    out = nan(x.shape[0])
    if x.shape[0] < n:
        return out
    w = 0.54 - 0.46 * np.cos(2.0 * np.pi * np.arange(n) / (n - 1))
    out[n - 1:] = sliding_window_view(x, n) @ w / w.sum()
    return out


STUDY = StudySpec(
    name="Moving Average Hamming",
    kind="hamming_ma",
    aliases=("Hamming MA", "HMA Hamming"),
    source=("Chart-IMG's catalogue (no Pine source): a Hamming-window weighted average, weights "
            "0.54 - 0.46 cos(2 pi k / (length - 1))"),
    inputs=(length("length", 10, "periods", "length", "Length", "period", "in_0", minimum=2, maximum=10000),
            source("source", "Source", "src", "in_1")),
    plots=(Plot("hamming", color="#4CAF50", names=("plot", "plot 1", "hamming")),),
    compute=lambda c, p: {"hamming": hamming_ma(np.asarray(price_source(c, p["source"]), dtype=np.float64),
                                                p["length"])},
    legend=lambda p, last, fmt: [("hamming", f"Hamming MA ({p['length']})  {fmt.price(last['hamming'])}")],
)
