"""Chaikin Oscillator, TradingView's built-in: ``ta.ema(ta.accdist, short) - ta.ema(ta.accdist,
long)``, each EMA seeded with the SMA of its first values (TA-Lib ADOSC seeds both with the
first A/D value). First value at bar ``max(short, long) - 1``."""

from __future__ import annotations

from ._math import ad_line
from ._pine import ema
from .spec import Pane, Plot, StudySpec, length, no_volume_note


def _compute(c, p):
    ad = ad_line(c.high, c.low, c.close, c.volume)
    return {"osc": ema(ad, p["fast"]) - ema(ad, p["slow"])}


STUDY = StudySpec(
    note=no_volume_note,
    name="Chaikin Oscillator",
    kind="chaikin_osc",
    aliases=("Chaikin Osc",),
    inputs=(
        length("fast", 3, "short", "Fast Length", "Short", "fast", "in_0", maximum=2000),
        length("slow", 10, "long", "Slow Length", "Long", "slow", "in_1", maximum=2000),
    ),
    plots=(Plot("osc", color="#EC407A", width=1.5, names=("plot", "osc")),),
    pane=Pane(include=(0.0,), lines=(0.0,), format="auto"),
    compute=_compute,
    legend=lambda p, last, fmt: [("osc", f"Chaikin Osc ({p['fast']}, {p['slow']})  {fmt.auto(last['osc'])}")],
)
