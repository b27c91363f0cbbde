"""Chande Momentum Oscillator: (sum of gains - sum of losses) / (sum of gains + sum of
losses) over ``length`` changes, in percent.

Formula (TradingView Help Center: "Chande Momentum Oscillator"; TradingView's built-in
script ``m1 = momm >= 0 ? momm : 0; m2 = momm >= 0 ? 0 : -momm; sm1 = math.sum(m1,
length); sm2 = math.sum(m2, length); 100 * (sm1 - sm2) / (sm1 + sm2)``) -- plain sums.
TA-Lib's CMO uses Wilder smoothing instead, so it differs; we follow TradingView (verified
as 100 * TA-Lib MOM / SUM(|change|)). NaN where nothing moved in the window."""

from __future__ import annotations

import numpy as np

from ._math import change, div
from ._pine import msum
from .spec import Pane, Plot, StudySpec, length, price_source, source


def _compute(c, p):
    d = change(price_source(c, p["source"]), 1)
    up = msum(np.where(d >= 0.0, d, np.where(np.isnan(d), np.nan, 0.0)), p["length"])
    dn = msum(np.where(d >= 0.0, 0.0, -d), p["length"])
    return {"cmo": div(100.0 * (up - dn), up + dn)}  # Pine: 100 * (sm1 - sm2) / (sm1 + sm2)


STUDY = StudySpec(
    name="Chande Momentum Oscillator",
    kind="cmo",
    aliases=("CMO", "ChandeMO"),
    inputs=(
        length("length", 9, "length", "Length", "in_0", maximum=2000),
        source("source", "Source", "src", "in_1"),
    ),
    plots=(Plot("cmo", color="#2962FF", width=1.5, names=("plot", "cmo")),),
    pane=Pane(range=(-100.0, 100.0), lines=(0.0,), format="integer"),
    compute=_compute,
    legend=lambda p, last, fmt: [("cmo", f"ChandeMO ({p['length']})  {fmt.fixed2(last['cmo'])}")],
)
