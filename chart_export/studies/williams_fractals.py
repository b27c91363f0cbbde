"""Williams Fractals, TradingView's built-in: a bar whose high has ``n`` lower highs after it and
``n`` lower highs before it (up to four equal highs just before it allowed) is an up fractal,
marked by a triangle above it; the same with lows, a triangle below::

    for i = 1 to n
        upflagDownFrontier := upflagDownFrontier and (high[n-i] < high[n])
        upflagUpFrontier0 := upflagUpFrontier0 and (high[n+i] < high[n])
        upflagUpFrontier1 := upflagUpFrontier1 and (high[n+1] <= high[n] and high[n+i + 1] < high[n])
        ...                                            // Frontier2..4: two to four equal highs
    upFractal = upflagDownFrontier and (upflagUpFrontier0 or ... or upflagUpFrontier4)
    plotshape(downFractal, style=shape.triangledown, location=location.belowbar, offset=-n, color=#F44336)
    plotshape(upFractal, style=shape.triangleup,   location=location.abovebar, offset=-n, color=#009688)

Detected ``n`` bars late (the bars after it must exist) and drawn ``n`` bars back, on the fractal
bar. Comparisons tolerant; a comparison with a bar before the history is false. ``up_flag`` /
``down_flag``: 1 on the detecting bar; ``up`` / ``down``: the fractal bar's high / low there;
``last_up`` / ``last_down``: the latest fractal's high / low (the legend's values)."""

from __future__ import annotations

import numpy as np

from ._pine import fixnan, gt, lt, shift
from .spec import Plot, StudySpec, length


def _fractal(x: np.ndarray, n: int, before) -> np.ndarray:
    """``before(a, b)``: Pine's ``a < b`` for highs (``a > b`` for lows); ``a <= b`` is its negation
    the other way round (and false where either is na)."""
    c = shift(x, n)

    def strict(k):  # x[k] beyond x[n] on the strict side
        return before(shift(x, k), c)

    def loose(k):  # x[k] <= x[n] (highs): not beyond the other way, both defined
        v = shift(x, k)
        return ~before(c, v) & ~np.isnan(v) & ~np.isnan(c)

    down_frontier = np.logical_and.reduce([strict(n - i) for i in range(1, n + 1)])
    frontiers = []
    for e in range(5):  # e equal bars just before the fractal
        equal = np.logical_and.reduce([loose(n + j) for j in range(1, e + 1)]) if e else True
        frontiers.append(np.logical_and.reduce([equal & strict(n + i + e) for i in range(1, n + 1)]))
    return down_frontier & np.logical_or.reduce(frontiers)


def _compute(c, p):
    n = p["n"]
    up = _fractal(c.high, n, lt)
    down = _fractal(c.low, n, gt)
    up_price, down_price = np.where(up, shift(c.high, n), np.nan), np.where(down, shift(c.low, n), np.nan)
    return {"up_flag": up.astype(np.float64), "down_flag": down.astype(np.float64), "up": up_price,
            "down": down_price, "last_up": fixnan(up_price), "last_down": fixnan(down_price)}


def _offset(p):
    return -p["n"]


def _legend(p, last, fmt):
    return [("up", f"Fractals ({p['n']})  {fmt.price(last['last_up'])}"),
            ("down", f"Down  {fmt.price(last['last_down'])}")]


STUDY = StudySpec(
    name="Williams Fractals",
    kind="fractals",
    aliases=("Fractals", "Williams Fractal"),
    inputs=(length("n", 2, "in_0", "Periods", "n", minimum=2),),
    plots=(
        Plot("up", kind="triangle_up", color="#009688", width=1.3, offset=_offset, names=("plot", "up", "up fractal", "up fractals")),
        Plot("down", kind="triangle_down", color="#F44336", width=1.3, offset=_offset,
             names=("down", "down fractal", "down fractals")),
    ),
    compute=_compute,
    legend=_legend,
)
