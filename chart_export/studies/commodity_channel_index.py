"""Commodity Channel Index, TradingView's built-in with its "Smoothing" section (v6 default: an
SMA 14 "CCI-based MA")::

    ma = ta.sma(src, length)
    cci = (src - ma) / (0.015 * ta.dev(src, length))

``ta.dev`` is the mean absolute deviation from ``ma``; a window without deviation has no CCI
(na, a gap; TA-Lib gives 0). in_N: chart-img's positions (in_2, in_3: the smoothing type and
length), then BB StdDev (in_4). Titles are the script's: "length" is the CCI's (untitled, so
TradingView shows the variable's name), "Length" the smoothing's."""

from __future__ import annotations

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

from . import _smoothing
from ._pine import div, na, sma
from .spec import Input, Pane, Plot, StudySpec, length, price_source


def dev(x: np.ndarray, n: int, mean: np.ndarray) -> np.ndarray:
    """``ta.dev``: mean of ``|x - mean|`` over each window (``mean`` its SMA), summed newest
    first as PyneCore measured TradingView's ``sum += abs(source[i] - mean)``; 0 for n = 1."""
    if n == 1:
        return np.where(np.isnan(x), np.nan, 0.0)
    out = na(x.shape[0])
    ok = np.flatnonzero(~np.isnan(mean))
    if ok.size:
        s = int(ok[0])
        win = sliding_window_view(x[s - n + 1:], n)
        acc = np.zeros(win.shape[0])
        for j in range(n - 1, -1, -1):  # newest first, one add at a time (TradingView's loop)
            acc += np.abs(win[:, j] - mean[s:])
        out[s:] = acc / n
    return out


def cci(src: np.ndarray, n: int) -> np.ndarray:
    ma = sma(src, n)
    return div(src - ma, 0.015 * dev(src, n, ma))


def _compute(c, p):
    return _smoothing.outputs("cci", cci(price_source(c, p["source"]), p["length"]), p, c.volume)


def _legend(p, last, fmt):
    return [("cci", f"CCI ({p['length']})  {fmt.fixed2(last['cci'])}"), *_smoothing.legend(p, last, fmt.fixed2)]


STUDY = StudySpec(
    name="Commodity Channel Index",
    kind="cci",
    aliases=("CCI",),
    inputs=(
        length("length", 20, "length", "in_0"),  # untitled in the script: TradingView shows its name, "length"
        Input("source", "source", "hlc3", ("source", "Source", "src", "in_1")),
        *_smoothing.inputs(2, "SMA", legacy=("smoothingLine", "maType", "Method")),  # "Length": the script's title
    ),
    plots=(
        Plot("cci", color="#2962FF", width=1.5, names=("plot", "cci")),
        *_smoothing.plots("CCI-based MA", color="#F37F20", names=("smoothing line",)),
    ),
    pane=Pane(include=(-100.0, 100.0), lines=(-100.0, 100.0), band=(-100.0, 100.0), mid=0.0, format="integer"),
    fills=_smoothing.FILLS,
    compute=_compute,
    legend=_legend,
)
