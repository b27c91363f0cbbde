"""Commodity Channel Index: distance of the source from its SMA in units of mean deviation.

Formula: TA-Lib CCI for source hlc3 (= TradingView's ``(src - ta.sma(src, length)) /
(0.015 * ta.dev(src, length))``). A zero mean deviation (flat window), or a distance or
deviation within 1e-14 of the price level (rounding noise of hlc3), gives 0 like TA-Lib
0.8 (Pine would give na / noise). Optional smoothing line (TradingView's "Smoothing" group:
SMA, EMA, SMMA (RMA), WMA of the CCI); off by default ("None"), and then not returned."""

from __future__ import annotations

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

from ._math import SMOOTHING4, first_valid, nan
from .spec import Input, Pane, Plot, StudySpec, choice, length, price_source, smoothing_legend, with_smoothing


def cci(x, n):
    out = nan(x.shape[0])
    s = first_valid(x)
    if x.shape[0] - s < n:
        return out
    win = sliding_window_view(x[s:], n)
    # TA-Lib's arithmetic, operation for operation (sums oldest to newest), so rounding
    # noise of hlc3 gives the same 0-or-not decisions as TA-Lib
    tot = win[:, 0].copy()
    for j in range(1, n):
        tot += win[:, j]
    mean = tot / n
    dev = np.abs(win[:, 0] - mean)
    for j in range(1, n):
        dev += np.abs(win[:, j] - mean)
    dev /= n
    num = win[:, -1] - mean
    res = np.zeros(dev.shape)
    # TA-Lib 0.8 treats a deviation within ~1e-14 of the price level as zero
    tiny = 1e-14 * np.abs(mean)
    ok = (np.abs(dev) > tiny) & (np.abs(num) > tiny)
    np.divide(num, 0.015 * dev, out=res, where=ok)
    out[s + n - 1 :] = res
    return out


def _compute(c, p):
    return with_smoothing("cci", cci(price_source(c, p["source"]), p["length"]), p)


def _legend(p, last, fmt):
    return [("cci", f"CCI ({p['length']})  {fmt.fixed2(last['cci'])}"), *smoothing_legend(p, last, fmt.fixed2)]


STUDY = StudySpec(
    name="Commodity Channel Index",
    kind="cci",
    aliases=("CCI",),
    inputs=(
        length("length", 20, "length", "Length", "in_0"),
        Input("source", "source", "hlc3", ("source", "Source", "src", "in_1")),
        choice("smoothing", "None", SMOOTHING4, "smoothingLine", "maType", "Method", "in_2"),
        length("smoothing_length", 5, "smoothingLength", "maLength", "in_3", maximum=100),
    ),
    plots=(
        Plot("cci", color="#2962FF", width=1.5, names=("plot", "cci")),
        Plot("smoothing", color="#F37F20", width=1.0, names=("smoothing line", "smoothing")),
    ),
    pane=Pane(include=(-100.0, 100.0), lines=(-100.0, 100.0), band=(-100.0, 100.0), mid=0.0, format="integer"),
    compute=_compute,
    legend=_legend,
)
