"""Volatility Index: Chart-IMG's older name for J. Welles Wilder's Volatility System ("New
Concepts in Technical Trading Systems", 1978): a stop-and-reverse line ``ARC = factor x ATR``
away from the extreme close of the current trend (the significant close), over the price pane.
No Pine source; it is the construction of TradingView's Volatility Stop (``volatility_stop.vstop``,
oracle-checked) at Wilder's own constants, a 7-bar ATR and a factor of 3.0."""

from __future__ import annotations

import numpy as np

from .spec import Plot, StudySpec, length, number
from .volatility_stop import vstop


def _compute(c, p):
    stop, up = vstop(c.close, c.high, c.low, c.close, p["length"], p["factor"])
    return {"sar": stop, "uptrend": up, "sar_up": np.where(up == 1.0, stop, np.nan),
            "sar_down": np.where(up == 0.0, stop, np.nan)}


STUDY = StudySpec(
    name="Volatility Index",
    kind="volatility_index",
    aliases=("Wilder Volatility Index", "Volatility System"),
    source=("J. Welles Wilder, New Concepts in Technical Trading Systems (1978): the Volatility System's SAR, "
            "ARC = 3.0 x ATR(7) from the significant close (TradingView's Volatility Stop construction)"),
    inputs=(length("length", 7, "length", "Length", "period", "in_0", minimum=2),
            number("factor", 3.0, "factor", "ATR Multiplier", "atrMult", "in_1", minimum=0.25)),
    plots=(Plot("sar_up", kind="cross", color="#009688", width=1.5, names=("plot", "sar_up")),
           Plot("sar_down", kind="cross", color="#F44336", width=1.5, names=("sar_down",))),
    compute=_compute,
    legend=lambda p, last, fmt: [("sar_up" if last.get("uptrend") == 1.0 else "sar_down",
                                  f"Volatility Index ({p['length']}, {p['factor']:g})  {fmt.price(last['sar'])}")],
)
