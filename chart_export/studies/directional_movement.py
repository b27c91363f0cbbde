"""Directional Movement: +DI, -DI and ADX (Wilder's Directional Movement System).

Formula: TA-Lib PLUS_DI, MINUS_DI and ADX when DI length == ADX smoothing (the defaults,
14/14); the two lengths are independent here as in TradingView's script (``trur =
ta.rma(ta.tr, len); plus = 100 * ta.rma(plusDM, len) / trur; adx = 100 * ta.rma(|plus -
minus| / sum, lensig)``). TA-Lib's Wilder seeding is used (smoothed sums start from the
plain sum of bars 1..n-1; ADX from the mean of the first ``adx_smoothing`` DX values, a bar
with no DX -- zero DI sum -- adding nothing): chart_export.indicators.dmi computes it;
Pine's rma seeds with an SMA, so early values differ slightly and converge.
Input order follows chart-img's catalogue (in_0 DI Length, in_1 ADX Smoothing); TV's
script declares ADX Smoothing first -- both default to 14. ("DMI" is the Average
Directional Index study's alias.)"""

from __future__ import annotations

from .. import indicators as ind
from .spec import Pane, Plot, StudySpec, length


def _compute(c, p):
    pdi, mdi, adx = ind.dmi(c.high, c.low, c.close, p["di_length"], p["adx_smoothing"])
    return {"adx": adx, "plus_di": pdi, "minus_di": mdi}


STUDY = StudySpec(
    name="Directional Movement",
    kind="directional_movement",
    aliases=("Directional Movement Index",),
    inputs=(
        length("di_length", 14, "len", "DI Length", "diLength", "in_0", maximum=2000),
        length("adx_smoothing", 14, "lensig", "ADX Smoothing", "adxSmoothing", "in_1", maximum=50),
    ),
    plots=(
        Plot("adx", color="#F50057", width=1.5, names=("plot", "adx")),
        Plot("plus_di", color="#2962FF", width=1.5, names=("+di",)),
        Plot("minus_di", color="#FF6D00", width=1.5, names=("-di",)),
    ),
    pane=Pane(include=(0.0,), format="integer"),
    compute=_compute,
    legend=lambda p, last, fmt: [("adx", f"DMI ({p['di_length']}, {p['adx_smoothing']})  {fmt.fixed2(last['adx'])}"),
                                 ("plus_di", f"+DI  {fmt.fixed2(last['plus_di'])}"),
                                 ("minus_di", f"-DI  {fmt.fixed2(last['minus_di'])}")],
)
