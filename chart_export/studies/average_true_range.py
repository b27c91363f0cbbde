"""Average True Range, TradingView's built-in: ``ma_function(ta.tr(true), length)`` with the
"Smoothing" input (RMA, SMA, EMA, WMA). ``ta.tr(true)`` counts bar 0's high - low, so the
RMA starts at bar ``length - 1``, seeded with the SMA (TA-Lib ATR starts a bar later)."""

from __future__ import annotations

from ._math import MA4
from ._pine import ma, tr
from .spec import Pane, Plot, StudySpec, choice, length


def _compute(c, p):
    return {"atr": ma(p["smoothing"], tr(c.high, c.low, c.close, True), p["length"])}


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
