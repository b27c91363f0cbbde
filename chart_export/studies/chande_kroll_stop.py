"""Chande Kroll Stop, TradingView's built-in::

    first_high_stop = ta.highest(high, p) - x * ta.atr(p)
    first_low_stop = ta.lowest(low, p) + x * ta.atr(p)
    stop_short = ta.highest(first_high_stop, q)
    stop_long = ta.lowest(first_low_stop, q)
    plot(stop_long, color=#2962FF, title="Stop Long")
    plot(stop_short, color=#FF6D00, title="Stop Short")

First values at bar ``p - 1`` (the ATR's first), the outer highest / lowest over the values that
exist until their window is full."""

from __future__ import annotations

from ._pine import atr, highest, lowest
from .spec import Plot, StudySpec, length


def _compute(c, p):
    a = atr(c.high, c.low, c.close, p["p"])
    first_high_stop = highest(c.high, p["p"]) - p["x"] * a
    first_low_stop = lowest(c.low, p["p"]) + p["x"] * a
    return {"stop_long": lowest(first_low_stop, p["q"]), "stop_short": highest(first_high_stop, p["q"])}


def _legend(p, last, fmt):
    return [("stop_long", f"Chande Kroll Stop ({p['p']}, {p['x']}, {p['q']})  {fmt.price(last['stop_long'])}"),
            ("stop_short", f"Stop Short  {fmt.price(last['stop_short'])}")]


STUDY = StudySpec(
    name="Chande Kroll Stop",
    kind="chande_kroll_stop",
    aliases=(),
    inputs=(
        length("p", 10, "in_0", "ATR Length (p)", "p"),
        length("x", 1, "in_1", "ATR Coefficient (x)", "x"),
        length("q", 9, "in_2", "Stop Length (q)", "q"),
    ),
    plots=(Plot("stop_long", color="#2962FF", names=("plot", "stop long", "long")),
           Plot("stop_short", color="#FF6D00", names=("stop short", "short"))),
    compute=_compute,
    legend=_legend,
)
