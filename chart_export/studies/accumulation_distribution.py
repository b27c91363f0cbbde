"""Accumulation/Distribution: running total of volume weighted by where the close sits in
the bar's range.

Formula: TA-Lib AD (= TradingView's ``ta.accdist``: cumulative ((close - low) - (high -
close)) / (high - low) * volume, adding 0 for a zero-range bar). First value at bar 0."""

from __future__ import annotations

from ._math import ad_line
from .spec import Pane, Plot, StudySpec, no_volume_note


def _compute(c, p):
    return {"ad": ad_line(c.high, c.low, c.close, c.volume)}


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
