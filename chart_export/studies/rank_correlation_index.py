"""Rank Correlation Index, TradingView's built-in with its "Smoothing" section (default SMA 14
"RCI-based MA")::

    src = ta.rci(source, length)
    plot(src, title = "RCI", color = color.blue)
    hline(0, "Middle band"), hline(80, "Upper band"), hline(-80, "Lower band")

``ta.rci``: Spearman's rank correlation of the last ``length`` values with time, in percent. As
TradingView: first value at bar ``length`` (not ``length - 1``); values within 1e-10 of a
group's smallest member share their average rank; na when every value is tied."""

from __future__ import annotations

import math

import numpy as np

from . import _smoothing
from .spec import Pane, Plot, StudySpec, length, price_source, source


def rci(x: np.ndarray, n: int) -> np.ndarray:
    out = np.full(x.shape[0], np.nan)
    vals = x.tolist()
    xs = [float(i) for i in range(n)]  # 0 = the newest bar
    mean_x = sum(xs) / n
    var_x = sum(v * v for v in xs) / n - mean_x * mean_x
    for end in range(n, len(vals)):
        w = vals[end - n + 1 : end + 1][::-1]  # newest first
        if any(v != v for v in w) or var_x <= 0:
            continue
        order = sorted(range(n), key=w.__getitem__)
        ranks = [0.0] * n
        pos = i = 0
        while i < n:
            anchor = w[order[i]]
            j = i
            while j < n and w[order[j]] - anchor < 1e-10:
                j += 1
            r = (n - 1) - (pos + pos + (j - i) - 1) / 2.0
            for t in range(i, j):
                ranks[order[t]] = r
            pos += j - i
            i = j
        mean_y = sum(ranks) / n
        var_y = sum(r * r for r in ranks) / n - mean_y * mean_y
        if var_y <= 0:
            continue
        cov = sum((xs[k] - mean_x) * (ranks[k] - mean_y) for k in range(n)) / n
        out[end] = (100.0 * cov) / (math.sqrt(var_x) * math.sqrt(var_y))
    return out


STUDY = StudySpec(
    name="Rank Correlation Index",
    kind="rci",
    aliases=("RCI",),
    inputs=(
        source("in_0", "Source", "source"),
        length("length", 10, "in_1", "RCI Length", "length"),
        *_smoothing.inputs(2, "SMA"),
    ),
    plots=(Plot("rci", color="#2196F3", names=("plot", "rci")), *_smoothing.plots("RCI-based MA")),
    fills=_smoothing.FILLS,
    pane=Pane(range=(-100.0, 100.0), ticks=(80.0, 0.0, -80.0), lines=(80.0, -80.0), band=(-80.0, 80.0), mid=0.0,
              format="integer"),
    compute=lambda c, p: _smoothing.outputs("rci", rci(price_source(c, p["source"]), p["length"]), p, c.volume),
    legend=lambda p, last, fmt: [("rci", f"RCI ({p['length']})  {fmt.fixed2(last['rci'])}"),
                                 *_smoothing.legend(p, last, fmt.fixed2)],
)
