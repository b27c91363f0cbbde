"""Moving Average Hamming: Chart-IMG's older study, the source's last ``length`` values weighted
by a Hamming window, over the price pane. No Pine source: the Hamming window (R. W. Hamming,
"Digital Filters"), w_k = 0.54 - 0.46 cos(2 pi k / (length - 1)) for k = 0..length-1 (oldest
first), the average sum(w_k x_k) / sum(w_k); default length 10."""

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
    inputs=(length("length", 10, "length", "Length", "period", "in_0", minimum=2),
            source("source", "Source", "src", "in_1")),
    plots=(Plot("hamming", color="next:6", names=("plot", "hamming")),),
    compute=lambda c, p: {"hamming": hamming_ma(np.asarray(price_source(c, p["source"]), dtype=np.float64),
                                                p["length"])},
    legend=lambda p, last, fmt: [("hamming", f"Hamming MA ({p['length']})  {fmt.price(last['hamming'])}")],
)
