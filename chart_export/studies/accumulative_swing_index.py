"""Accumulative Swing Index: J. Welles Wilder's Swing Index summed bar by bar ("New Concepts in
Technical Trading Systems", 1978), in its own pane. No Pine source (Chart-IMG's catalogue);
Wilder's definition, with C, O, H, L this bar's and Cy, Oy the previous bar's:

    K  = max(|H - Cy|, |L - Cy|)
    R  = |H - Cy| - |L - Cy|/2 + |Cy - Oy|/4   when |H - Cy| is the largest of |H - Cy|, |L - Cy|, H - L
         |L - Cy| - |H - Cy|/2 + |Cy - Oy|/4   when |L - Cy| is
         (H - L) + |Cy - Oy|/4                 otherwise
    SI = 50 * (C - Cy + (C - O)/2 + (Cy - Oy)/4) / R * K / T        (0 when R is 0)
    ASI = cumulative sum of SI from the second bar

``T`` is the limit move ("Limit Move Value", default 10: the TradingView charting library's).

Input and plot from Chart-IMG's API documentation (doc.chart-img.com, "TradingView Chart Indicators"; saved copy in 217th/tda_worker_chart_export,
docs-worker-chart-export/chart-img-docs/API Documentation.htm, commit aed440f7): ``in_0`` limit move value 10
(0.1..100000); one line "ASI", blue (rgb(33,150,243)). The formula is not on that page (Wilder's)."""

from __future__ import annotations

import numpy as np

from ._pine import shift
from .spec import Pane, Plot, StudySpec, number


def swing_index(o, h, l, c, limit: float) -> np.ndarray:
    cy, oy = shift(c, 1), shift(o, 1)
    a, b, hl, d = np.abs(h - cy), np.abs(l - cy), h - l, np.abs(cy - oy)
    r = np.where((a >= b) & (a >= hl), a - b / 2 + d / 4, np.where((b >= a) & (b >= hl), b - a / 2 + d / 4, hl + d / 4))
    k = np.maximum(a, b)
    num = 50.0 * (c - cy + (c - o) / 2 + (cy - oy) / 4) * k / limit
    return np.where(r > 0, num / np.where(r > 0, r, 1.0), np.where(np.isnan(r), np.nan, 0.0))


def _compute(c, p):
    si = swing_index(c.open, c.high, c.low, c.close, p["limit"])
    asi = np.cumsum(np.nan_to_num(si))
    return {"asi": np.where(np.isnan(si), np.nan, asi)}


STUDY = StudySpec(
    name="Accumulative Swing Index",
    kind="asi",
    aliases=("ASI", "Accumulation Swing Index"),
    source="J. Welles Wilder, New Concepts in Technical Trading Systems (1978): the Swing Index, summed",
    inputs=(number("limit", 10.0, "in_0", "limitMove", "Limit Move Value", minimum=0.0, exclusive_minimum=True, maximum=100000.0),),
    plots=(Plot("asi", color="#2196F3", names=("plot", "asi")),),
    pane=Pane(include=(0.0,), mid=0.0),
    compute=_compute,
    legend=lambda p, last, fmt: [("asi", f"ASI ({p['limit']:g})  {fmt.auto(last['asi'])}")],
)
