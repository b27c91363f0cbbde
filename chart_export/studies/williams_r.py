"""Williams %R: where the source sits below the highest high of the range (0 .. -100),
-20/-80 band.

Formula: TA-Lib WILLR (= TradingView's ``100 * (src - highest) / (highest - lowest)``).
A zero range gives 0 like TA-Lib (Pine would give na)."""

from __future__ import annotations

import numpy as np

from ._math import nan, rolling_max, rolling_min
from .spec import Pane, Plot, StudySpec, length, price_source, source


def _compute(c, p):
    x = price_source(c, p["source"])
    hh = rolling_max(c.high, p["length"])
    ll = rolling_min(c.low, p["length"])
    rng = hh - ll
    out = nan(x.shape[0])
    ok = (rng != 0.0) & ~np.isnan(rng) & ~np.isnan(x)
    np.divide(x - hh, rng / 100.0, out=out, where=ok)
    out[(rng == 0.0) & ~np.isnan(x)] = 0.0
    return {"r": out}


STUDY = StudySpec(
    name="Williams %R",
    kind="willr",
    aliases=("%R", "Williams R", "WPR"),
    inputs=(
        length("length", 14, "length", "Length", "in_0"),
        source("source", "Source", "src", "in_1"),
    ),
    plots=(Plot("r", color="#7E57C2", width=1.5, names=("plot", "%r", "r")),),
    pane=Pane(range=(-100.0, 0.0), ticks=(-20.0, -80.0, -50.0), lines=(-80.0, -20.0), band=(-80.0, -20.0),
              mid=-50.0, format="integer"),
    compute=_compute,
    legend=lambda p, last, fmt: [("r", f"%R ({p['length']})  {fmt.fixed2(last['r'])}")],
)
