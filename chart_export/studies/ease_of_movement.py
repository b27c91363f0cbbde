"""Ease of Movement: how far the bar midpoint moved per unit of volume, scaled by the range.

Formula (TradingView Help Center: "Ease of Movement (EOM)"; TradingView's built-in script
``eom = ta.sma(div * ta.change(hl2) * (high - low) / volume, length)``, div = 10000). A bar
with zero volume has no value (NaN), so the SMA windows holding it are NaN -- as Pine's
division by zero. First value at bar length."""

from __future__ import annotations

from ._math import change, div, rolling_sum
from .spec import Pane, Plot, StudySpec, length, no_volume_note


def _compute(c, p):
    raw = div(p["divisor"] * change((c.high + c.low) / 2.0, 1) * (c.high - c.low), c.volume)
    return {"eom": rolling_sum(raw, p["length"]) / p["length"]}  # windows holding a zero-volume bar: NaN


STUDY = StudySpec(
    note=no_volume_note,
    name="Ease of Movement",
    kind="eom",
    aliases=("EOM", "EMV"),
    inputs=(
        length("length", 14, "length", "Length", "in_0", maximum=2000),
        length("divisor", 10000, "div", "Divisor", "in_1", maximum=1000000000),
    ),
    plots=(Plot("eom", color="#43A047", width=1.5, names=("plot", "eom")),),
    pane=Pane(include=(0.0,), lines=(0.0,), format="auto"),
    compute=_compute,
    legend=lambda p, last, fmt: [("eom", f"EOM ({p['length']}, {p['divisor']})  {fmt.auto(last['eom'])}")],
)
