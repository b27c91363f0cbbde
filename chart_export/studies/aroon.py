"""Aroon: how many bars since the highest high / lowest low of the last length + 1 bars.

Formula: TA-Lib AROON (= TradingView's ``100 * (ta.highestbars(high, length + 1) + length)
/ length``): up = 100 (n - bars since highest high) / n over a window of n + 1 bars; on a
tie the most recent extreme counts (TA-Lib's rule). First value at bar n."""

from __future__ import annotations

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

from ._math import first_valid, nan
from .spec import Pane, Plot, StudySpec, length


def _since(x, n, pick):
    out = nan(x.shape[0])
    s = first_valid(x)
    if x.shape[0] - s < n + 1:
        return out
    win = sliding_window_view(x[s:], n + 1)[:, ::-1]  # newest first
    out[s + n :] = pick(win, axis=1)  # first match = most recent extreme
    return out


def _compute(c, p):
    n = p["length"]
    return {"up": 100.0 * (n - _since(c.high, n, np.argmax)) / n,
            "down": 100.0 * (n - _since(c.low, n, np.argmin)) / n}


STUDY = StudySpec(
    name="Aroon",
    kind="aroon",
    aliases=("Aroon Indicator",),
    inputs=(length("length", 14, "length", "Length", "in_0", maximum=2000),),
    plots=(
        Plot("up", color="#FF6D00", width=1.5, names=("plot", "aroon up", "up")),
        Plot("down", color="#2962FF", width=1.5, names=("aroon down", "down")),
    ),
    pane=Pane(range=(0.0, 100.0), format="integer"),
    compute=_compute,
    legend=lambda p, last, fmt: [("up", f"Aroon ({p['length']}) Up  {fmt.fixed2(last['up'])}"),
                                 ("down", f"Down  {fmt.fixed2(last['down'])}")],
)
