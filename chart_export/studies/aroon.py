"""Aroon, TradingView's built-in::

    upper = 100 * (ta.highestbars(high, length + 1) + length) / length
    lower = 100 * (ta.lowestbars(low, length + 1) + length) / length

A tied high/low counts at its oldest bar (TradingView's ``ta.highestbars``; TA-Lib takes the
newest). First value at bar length."""

from __future__ import annotations

from ._pine import highestbars, lowestbars
from .spec import Pane, Plot, StudySpec, length


def _compute(c, p):
    n = p["length"]
    return {"up": 100.0 * (highestbars(c.high, n + 1) + n) / n,
            "down": 100.0 * (lowestbars(c.low, n + 1) + n) / n}


STUDY = StudySpec(
    name="Aroon",
    kind="aroon",
    aliases=("Aroon Indicator",),
    inputs=(length("length", 14, "length", "Length", "in_0", maximum=2000),),
    plots=(
        Plot("up", color="#FF6D00", width=1.5, names=("plot", "aroon up", "up", "upper")),
        Plot("down", color="#2962FF", width=1.5, names=("aroon down", "down", "lower")),
    ),
    pane=Pane(range=(0.0, 100.0), format="integer"),
    compute=_compute,
    legend=lambda p, last, fmt: [("up", f"Aroon ({p['length']}) Up  {fmt.fixed2(last['up'])}"),
                                 ("down", f"Down  {fmt.fixed2(last['down'])}")],
)
