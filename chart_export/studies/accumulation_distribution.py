"""Accumulation/Distribution: running total of volume weighted by where the close sits in
the bar's range.

Formula: TradingView's built-in script ``ad = ta.cum(close == high and close == low or high ==
low ? 0 : ((2 * close - low - high) / (high - low)) * volume)`` (``_math.pine_ad_step``, its
arithmetic; = TA-Lib AD but for the last bits). First value at bar 0."""

from __future__ import annotations

from ._math import pine_ad_step
from ._pine import cum
from .spec import Pane, Plot, StudySpec, no_volume_note


def _compute(c, p):
    return {"ad": cum(pine_ad_step(c.high, c.low, c.close, c.volume))}


STUDY = StudySpec(
    note=no_volume_note,
    name="Accumulation/Distribution",
    kind="accdist",
    aliases=("A/D", "Accumulation Distribution", "ADL"),
    inputs=(),
    plots=(Plot("ad", color="#999915", width=1.5, names=("plot", "accumulation/distribution")),),
    pane=Pane(format="auto"),
    compute=_compute,
    legend=lambda p, last, fmt: [("ad", f"Accum/Dist  {fmt.auto(last['ad'])}")],
)
