"""Least Squares Moving Average: the end point of the least-squares line through the last
``length`` values of the source (``offset`` bars back along that line).

Formula: TA-Lib LINEARREG for offset 0 (= TradingView's ``ta.linreg(src, length, offset)``:
intercept + slope * (length - 1 - offset)). Computed per window on the source minus the
window's first value (exact for flat windows, no cancellation at high price levels)."""

from __future__ import annotations

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

from ._math import first_valid, nan
from .spec import Plot, StudySpec, length, price_source, source


def linreg(y: np.ndarray, n: int, offset: int = 0) -> np.ndarray:
    out = nan(y.shape[0])
    s = first_valid(y)
    if y.shape[0] - s < n:
        return out
    if n == 1:
        out[s:] = y[s:]
        return out
    win = sliding_window_view(y[s:], n)
    base = win[:, :1]
    w = win - base
    x = np.arange(n, dtype=np.float64)
    sx = x.sum()
    sxx = (x * x).sum()
    sy = w.sum(axis=1)
    sxy = (w * x).sum(axis=1)
    slope = (n * sxy - sx * sy) / (n * sxx - sx * sx)
    intercept = (sy - slope * sx) / n
    out[s + n - 1 :] = base[:, 0] + intercept + slope * (n - 1 - offset)
    return out


def _legend(p, last, fmt):
    return [("lsma", f"LSMA ({p['length']}, {p['offset']})  {fmt.price(last['lsma'])}")]


STUDY = StudySpec(
    name="Least Squares Moving Average",
    kind="lsma",
    aliases=("LSMA", "Linear Regression Curve", "LRC"),
    inputs=(
        length("length", 25, "length", "Length", "in_0", maximum=10000),
        length("offset", 0, "offset", "Offset", "in_1", minimum=-10000, maximum=10000),
        source("source", "Source", "src", "in_2"),
    ),
    plots=(Plot("lsma", color="#2962FF", width=1.5, names=("plot", "lsma")),),
    compute=lambda c, p: {"lsma": linreg(price_source(c, p["source"]), p["length"], p["offset"])},
    legend=_legend,
)
