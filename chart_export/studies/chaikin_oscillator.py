"""Chaikin Oscillator: fast EMA minus slow EMA of the Accumulation/Distribution line.

Formula: TA-Lib ADOSC(3, 10) (TradingView: ``ta.ema(ta.accdist, short) - ta.ema(ta.accdist,
long)``). TA-Lib seeds both EMAs with the first A/D value and prints from bar slow - 1;
Pine's ema seeds with an SMA; the difference decays as (9/11)^k. We follow TA-Lib."""

from __future__ import annotations

from ._math import ad_line, nan
from .spec import Pane, Plot, StudySpec, length, no_volume_note


def _compute(c, p):
    fast, slow = p["fast"], p["slow"]
    ad = ad_line(c.high, c.low, c.close, c.volume)
    size = ad.shape[0]
    out = nan(size)
    first = max(fast, slow) - 1
    if size <= first:
        return {"osc": out}
    kf, ks = 2.0 / (fast + 1), 2.0 / (slow + 1)
    f = s_ = float(ad[0])
    res = []
    for i, a in enumerate(ad.tolist()):
        if i:
            f = kf * a + (1.0 - kf) * f
            s_ = ks * a + (1.0 - ks) * s_
        if i >= first:
            res.append(f - s_)
    out[first:] = res
    return {"osc": out}


STUDY = StudySpec(
    note=no_volume_note,
    name="Chaikin Oscillator",
    kind="chaikin_osc",
    aliases=("Chaikin Osc",),
    inputs=(
        length("fast", 3, "short", "Short", "fast", "in_0", maximum=2000),
        length("slow", 10, "long", "Long", "slow", "in_1", maximum=2000),
    ),
    plots=(Plot("osc", color="#EC407A", width=1.5, names=("plot", "osc")),),
    pane=Pane(include=(0.0,), lines=(0.0,), format="auto"),
    compute=_compute,
    legend=lambda p, last, fmt: [("osc", f"Chaikin Osc ({p['fast']}, {p['slow']})  {fmt.auto(last['osc'])}")],
)
