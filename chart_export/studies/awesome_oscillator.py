"""Awesome Oscillator: SMA(5) - SMA(34) of the bar midpoint, as a histogram coloured by
whether it rose or fell.

Formula (TradingView Help Center: "Awesome Oscillator (AO)"; TradingView's built-in script
``ao = ta.sma(hl2, 5) - ta.sma(hl2, 34); diff = ao - ao[1]; color = diff <= 0 ? #F44336 :
#009688``). No TA-Lib function (equals TA-Lib SMA(MEDPRICE, 5) - SMA(MEDPRICE, 34)).

The bar colour is the registry's ``sign_trend`` histogram rule with the same colour for
both signs: #009688 when AO is >= the previous bar, #F44336 below. (TradingView colours a
bar equal to the previous one red; the rule colours it green -- only exact ties differ.)
``ao_color`` (0 rose / 1 fell or unchanged, NaN where AO is NaN) is not returned: the
renderer derives the colour from the values."""

from __future__ import annotations

from ._math import sma
from .spec import Pane, Plot, StudySpec, length

UP, DOWN = "#009688", "#F44336"


def _compute(c, p):
    mid = (c.high + c.low) / 2.0
    return {"ao": sma(mid, p["fast"]) - sma(mid, p["slow"])}


STUDY = StudySpec(
    name="Awesome Oscillator",
    kind="ao",
    aliases=("AO",),
    inputs=(
        length("fast", 5, "fastLength", "fast", "in_0"),
        length("slow", 34, "slowLength", "slow", "in_1"),
    ),
    plots=(Plot("ao", kind="histogram", rule="sign_trend", colors=(UP, DOWN, UP, DOWN), width=1.0, alpha=1.0,
                names=("plot", "ao")),),
    pane=Pane(include=(0.0,), lines=(0.0,), format="auto"),
    compute=_compute,
    legend=lambda p, last, fmt: [("ao", f"AO  {fmt.auto(last['ao'])}")],
)
