"""Detrended Price Oscillator, TradingView's built-in::

    barsback = period_/2 + 1
    ma = ta.sma(close, period_)
    dpo = isCentered ? close[barsback] - ma : close - ma[barsback]
    plot(dpo, "DPO", offset = isCentered ? -barsback : 0, color = #43A047)
    hline(0, title="Zero Line", color = #787B86)

``barsback`` is used as a history offset, so a whole number of bars: ``Length // 2 + 1``
(11 for 21; the oracle's vectors agree). Not centred: first value at bar ``Length - 1 +
barsback``; centred: at bar ``Length - 1``, drawn ``barsback`` bars to the left."""

from __future__ import annotations

from ._pine import shift, sma
from .spec import Pane, Plot, StudySpec, flag, length


def barsback(p) -> int:
    return p["length"] // 2 + 1


def _compute(c, p):
    k = barsback(p)
    ma = sma(c.close, p["length"])
    dpo = shift(c.close, k) - ma if p["centered"] else c.close - shift(ma, k)
    return {"dpo": dpo}


STUDY = StudySpec(
    name="Detrended Price Oscillator",
    kind="dpo",
    aliases=("DPO",),
    inputs=(
        length("length", 21, "in_0", "Length", "period_"),
        flag("centered", False, "in_1", "Centered", "isCentered"),
    ),
    plots=(Plot("dpo", color="#43A047", width=1.3, offset=lambda p: -barsback(p) if p["centered"] else 0,
                names=("plot", "dpo")),),
    pane=Pane(include=(0.0,), lines=(0.0,), format="auto"),
    compute=_compute,
    legend=lambda p, last, fmt: [("dpo", f"DPO ({p['length']}{', centered' if p['centered'] else ''})  "
                                         f"{fmt.auto(last['dpo'])}")],
)
