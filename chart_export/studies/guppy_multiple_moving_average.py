"""Guppy Multiple Moving Average: Daryl Guppy's twelve exponential averages of the close ("Trading
Tactics", 1997) over the price pane, a short-term group (3, 5, 8, 10, 12, 15 bars, blue) and a
long-term group (30, 35, 40, 45, 50, 60 bars, red). No Pine source (Chart-IMG's catalogue):
TradingView's ``ta.ema`` (SMA-seeded) at Guppy's lengths."""

from __future__ import annotations

from ._pine import ema
from .spec import Plot, StudySpec, length

SHORT = (3, 5, 8, 10, 12, 15)
LONG = (30, 35, 40, 45, 50, 60)
KEYS = tuple(f"short{i + 1}" for i in range(6)) + tuple(f"long{i + 1}" for i in range(6))


def _legend(p, last, fmt):
    return [("short1", f"GMMA short ({', '.join(str(p[k]) for k in KEYS[:6])})  {fmt.price(last['short1'])}"),
            ("long1", f"GMMA long ({', '.join(str(p[k]) for k in KEYS[6:])})  {fmt.price(last['long1'])}")]


STUDY = StudySpec(
    name="Guppy Multiple Moving Average",
    kind="gmma",
    aliases=("GMMA", "Guppy MMA", "Guppy"),
    source="Daryl Guppy, Trading Tactics (1997): EMAs 3, 5, 8, 10, 12, 15 and 30, 35, 40, 45, 50, 60 of the close",
    inputs=tuple(length(k, n, k, f"in_{i}") for i, (k, n) in enumerate(zip(KEYS, SHORT + LONG))),
    plots=tuple(Plot(k, color="#2962FF" if k.startswith("short") else "#F23645", width=1.0,
                     names=(("plot", k) if k == "short1" else (k,))) for k in KEYS),
    compute=lambda c, p: {k: ema(c.close, p[k]) for k in KEYS},
    legend=_legend,
)
