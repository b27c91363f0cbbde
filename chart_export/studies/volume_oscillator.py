"""Volume Oscillator, TradingView's built-in::

    short = ta.ema(volume, shortlen)
    long = ta.ema(volume, longlen)
    osc = 100 * (short - long) / long
    hline(0, color = #787B86, title="Zero")
    plot(osc, color=#2962FF)

In percent; first value at bar ``Long Length - 1``; na where the long EMA is 0 (nothing traded).
Without volume TradingView raises "No volume is provided by the data vendor": ours draws
nothing and its legend says "no volume data"."""

from __future__ import annotations

from ._pine import div, ema
from .spec import Pane, Plot, StudySpec, length, no_volume_note


def _compute(c, p):
    short = ema(c.volume, p["short"])
    long = ema(c.volume, p["long"])
    return {"osc": div(100 * (short - long), long)}


STUDY = StudySpec(
    name="Volume Oscillator",
    kind="volume_osc",
    aliases=("Volume Osc",),
    inputs=(
        length("short", 5, "in_0", "Short Length", "shortlen"),
        length("long", 10, "in_1", "Long Length", "longlen"),
    ),
    plots=(Plot("osc", color="#2962FF", width=1.3, names=("plot", "osc")),),
    pane=Pane(include=(0.0,), lines=(0.0,), format="auto"),
    compute=_compute,
    legend=lambda p, last, fmt: [("osc", f"Volume Osc ({p['short']}, {p['long']})  {fmt.fixed2(last['osc'])}%")],
    note=no_volume_note,
)
