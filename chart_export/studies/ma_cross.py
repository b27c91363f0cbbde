"""MA Cross, TradingView's built-in::

    short = ta.sma(close, shortlen)
    long = ta.sma(close, longlen)
    plot(short, color = #FF6D00, title="Short MA")
    plot(long, color = #43A047, title="Long MA")
    plot(ta.cross(short, long) ? short : na, color=#2962FF, style = plot.style_cross, linewidth = 4, title="Cross")

``ta.cross`` as TradingView: it remembers the last strict (beyond 1e-10) relation of the two and
fires when the other strict relation follows, across equal runs; never before the first strict
relation (the ``cross`` helper here)."""

from __future__ import annotations

import numpy as np

from ._pine import EPSILON, sma
from .spec import Plot, StudySpec, length


def cross(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """``ta.cross(a, b)``: True where ``a`` crosses ``b`` either way (na bars: False, no change)."""
    out = np.zeros(a.shape[0], dtype=bool)
    armed = 0
    for i, (x, y) in enumerate(zip(a.tolist(), b.tolist())):
        if x != x or y != y:
            continue
        out[i] = (armed < 0 and x > y) or (armed > 0 and x < y)
        d = x - y
        if d < -EPSILON:
            armed = -1
        elif d > EPSILON:
            armed = 1
    return out


def _compute(c, p):
    short = sma(c.close, p["shortlen"])
    long = sma(c.close, p["longlen"])
    return {"short": short, "long": long, "cross": np.where(cross(short, long), short, np.nan)}


STUDY = StudySpec(
    name="MA Cross",
    kind="ma_cross",
    aliases=(),
    inputs=(
        length("shortlen", 9, "in_0", "Short MA Length", "shortlen"),
        length("longlen", 21, "in_1", "Long MA Length", "longlen"),
    ),
    plots=(
        Plot("short", color="#FF6D00", names=("plot", "short ma", "plotshort")),
        Plot("long", color="#43A047", names=("long ma", "plotlong")),
        Plot("cross", kind="cross", color="#2962FF", width=4.0, names=("cross", "plotcrosses")),
    ),
    compute=_compute,
    legend=lambda p, last, fmt: [("short", f"MA ({p['shortlen']})  {fmt.price(last['short'])}"),
                                 ("long", f"MA ({p['longlen']})  {fmt.price(last['long'])}")],
)
