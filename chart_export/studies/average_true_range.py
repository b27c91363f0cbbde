"""Average True Range: average of the true range, a volatility measure in price units.

Formula: TA-Lib ATR for the default RMA smoothing (Wilder: seed = mean of the true range
of bars 1..n, first value at bar n, then (atr * (n - 1) + tr) / n). The other smoothings
are TA-Lib SMA / EMA / WMA of TA-Lib TRANGE (bar 0 has no true range).
TradingView's script (``ta.rma(ta.tr(true), length)``) counts bar 0's high - low as a
true range and so starts one bar earlier with a slightly different seed; the difference
decays as (13/14)^k. We follow TA-Lib (as chart_export.indicators does for ADX/DI)."""

from __future__ import annotations

from ._math import MA4, atr, ma, true_range
from .spec import Pane, Plot, StudySpec, choice, length


def _compute(c, p):
    if p["smoothing"] == "RMA":
        return {"atr": atr(c.high, c.low, c.close, p["length"])}
    return {"atr": ma(true_range(c.high, c.low, c.close), p["length"], p["smoothing"])}


STUDY = StudySpec(
    name="Average True Range",
    kind="atr",
    aliases=("ATR",),
    inputs=(
        length("length", 14, "length", "Length", "in_0"),
        choice("smoothing", "RMA", MA4, "smoothing", "Smoothing", "in_1"),
    ),
    plots=(Plot("atr", color="#B71C1C", width=1.5, names=("plot", "atr")),),
    pane=Pane(),
    compute=_compute,
    legend=lambda p, last, fmt: [("atr", f"ATR ({p['length']}, {p['smoothing']})  {fmt.price(last['atr'])}")],
)
