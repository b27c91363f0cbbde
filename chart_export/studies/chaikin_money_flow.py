"""Chaikin Money Flow: volume-weighted close location within the bar range, averaged.

Formula (TradingView Help Center: "Chaikin Money Flow (CMF)"; TradingView's built-in
script ``ad = close == high and close == low or high == low ? 0 : ((2 * close - low -
high) / (high - low)) * volume; mf = math.sum(ad, length) / math.sum(volume, length)``;
``ad`` is the Accumulation/Distribution script's step, ``_math.pine_ad_step``).
NaN where the window's volume is 0. No TA-Lib function. First value at bar length - 1."""

from __future__ import annotations

from ._math import div, pine_ad_step
from ._pine import msum
from .spec import Pane, Plot, StudySpec, length, no_volume_note


def _compute(c, p):
    n = p["length"]
    return {"cmf": div(msum(pine_ad_step(c.high, c.low, c.close, c.volume), n),
                       msum(c.volume, n))}


STUDY = StudySpec(
    note=no_volume_note,
    name="Chaikin Money Flow",
    kind="cmf",
    aliases=("CMF",),
    inputs=(length("length", 20, "length", "Length", "in_0", maximum=2000),),
    plots=(Plot("cmf", color="#43A047", width=1.5, names=("plot", "mf", "cmf")),),
    pane=Pane(include=(0.0,), lines=(0.0,)),
    compute=_compute,
    legend=lambda p, last, fmt: [("cmf", f"CMF ({p['length']})  {fmt.fixed2(last['cmf'])}")],
)
