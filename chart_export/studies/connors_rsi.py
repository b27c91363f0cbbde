"""Connors RSI, TradingView's built-in::

    updown(s) =>
        isEqual = s == s[1]
        isGrowing = s > s[1]
        ud = 0.0
        ud := isEqual ? 0 : isGrowing ? (nz(ud[1]) <= 0 ? 1 : nz(ud[1])+1) : (nz(ud[1]) >= 0 ? -1 : nz(ud[1])-1)
    rsi = ta.rsi(src, lenrsi)
    updownrsi = ta.rsi(updown(src), lenupdown)
    percentrank = ta.percentrank(ta.roc(src, 1), lenroc)
    crsi = math.avg(rsi, updownrsi, percentrank)

The streak ``ud`` runs bar by bar with Pine's tolerant comparisons (bar 0: no previous close,
neither equal nor growing: -1). First value at bar ``ROC Length`` (100). 30/70 band, 50 midline."""

from __future__ import annotations

import numpy as np

from ._pine import EPSILON, percentrank, roc, rsi
from .spec import Pane, Plot, StudySpec, length


def updown(s: np.ndarray) -> np.ndarray:
    out = np.empty(s.shape[0])
    ud = 0.0
    prev = np.nan
    for i, v in enumerate(s.tolist()):
        d = v - prev  # nan on bar 0: neither equal nor growing
        if abs(d) <= EPSILON:
            ud = 0.0
        elif d > EPSILON:
            ud = 1.0 if ud <= 0 else ud + 1
        else:
            ud = -1.0 if ud >= 0 else ud - 1
        out[i] = ud
        prev = v
    return out


def _compute(c, p):
    src = c.close
    r = rsi(src, p["lenrsi"])
    updownrsi = rsi(updown(src), p["lenupdown"])
    rank = percentrank(roc(src, 1), p["lenroc"])
    return {"crsi": (r + updownrsi + rank) / 3}


STUDY = StudySpec(
    name="Connors RSI",
    kind="crsi",
    aliases=("CRSI",),
    inputs=(
        length("lenrsi", 3, "in_0", "RSI Length", "lenrsi"),
        length("lenupdown", 2, "in_1", "UpDown Length", "lenupdown"),
        length("lenroc", 100, "in_2", "ROC Length", "lenroc"),
    ),
    plots=(Plot("crsi", color="#2962FF", names=("plot", "crsi")),),
    pane=Pane(range=(0.0, 100.0), ticks=(30.0, 70.0, 50.0), lines=(30.0, 70.0), band=(30.0, 70.0), mid=50.0,
              format="integer"),
    compute=_compute,
    legend=lambda p, last, fmt: [("crsi", f"CRSI ({p['lenrsi']}, {p['lenupdown']}, {p['lenroc']})  "
                                          f"{fmt.fixed2(last['crsi'])}")],
)
