"""Volatility Stop, TradingView's built-in::

    volStop(src, atrlen, atrfactor) =>
        if not na(src)
            var max     = src
            var min     = src
            var uptrend = true
            var float stop    = na
            atrM        = nz(ta.atr(atrlen) * atrfactor, ta.tr)
            max         := math.max(max, src)
            min         := math.min(min, src)
            stop        := nz(uptrend ? math.max(stop, max - atrM) : math.min(stop, min + atrM), src)
            uptrend     := src - stop >= 0.0
            if uptrend != uptrend[1] and not barstate.isfirst
                max    := src
                min    := src
                stop   := uptrend ? max - atrM : min + atrM
            [stop, uptrend]
    plot(vStop, "Volatility Stop", style=plot.style_cross, color= uptrend ? #009688 : #F44336)

Run bar by bar (``math.max`` / ``min`` are na when either is; ``>=`` is Pine's tolerant
comparison). Until the ATR exists ``atrM`` is the bar's true range (na on bar 0, where the stop
is the source). Drawn as crosses, green while the trend is up, red while down (``vstop_up`` /
``vstop_down``); ``uptrend`` is 1 or 0."""

from __future__ import annotations

import math

import numpy as np

from ._pine import EPSILON, atr, tr
from .spec import Plot, StudySpec, length, number, price_source, source


def stop_and_reverse(src: np.ndarray, arc: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``volStop``'s bar-by-bar machine on ``src`` with the offsets ``arc`` (``atrM`` above, one
    per bar): the stop and the trend (1 up, 0 down), na where ``src`` is na."""
    stops = np.full(src.shape[0], np.nan)
    trend = np.full(src.shape[0], np.nan)
    hi = lo = math.nan
    up, stop, first = True, math.nan, True
    for i, (x, a) in enumerate(zip(src.tolist(), np.asarray(arc, dtype=np.float64).tolist())):
        if math.isnan(x):
            continue
        if first:
            hi = lo = x
        hi, lo = max(hi, x), min(lo, x)
        cand = (max(stop, hi - a) if up else min(stop, lo + a)) if not (math.isnan(stop) or math.isnan(a)) else math.nan
        stop = x if math.isnan(cand) else cand
        was = up
        up = (x - stop) >= -EPSILON
        if up != was and i > 0:
            hi = lo = x
            stop = hi - a if up else lo + a
        first = False
        stops[i], trend[i] = stop, 1.0 if up else 0.0
    return stops, trend


def vstop(src: np.ndarray, high: np.ndarray, low: np.ndarray, close: np.ndarray, n: int, factor: float):
    atr_m = atr(high, low, close, n) * factor
    return stop_and_reverse(src, np.where(np.isnan(atr_m), tr(high, low, close), atr_m))


def _compute(c, p):
    stop, up = vstop(price_source(c, p["source"]), c.high, c.low, c.close, p["length"], p["factor"])
    return {"vstop": stop, "uptrend": up, "vstop_up": np.where(up == 1.0, stop, np.nan),
            "vstop_down": np.where(up == 0.0, stop, np.nan)}


STUDY = StudySpec(
    name="Volatility Stop",
    kind="vstop",
    aliases=("VStop",),
    inputs=(
        length("length", 20, "in_0", "Length", minimum=2),
        source("in_1", "Source", "src"),
        number("factor", 2.0, "in_2", "Multiplier", "factor", minimum=0.25),
    ),
    plots=(
        Plot("vstop_up", kind="cross", color="#009688", width=1.5, names=("plot", "volatility stop")),
        Plot("vstop_down", kind="cross", color="#F44336", width=1.5, names=("volatility stop (down)",)),
    ),
    compute=_compute,
    legend=lambda p, last, fmt: [("vstop_up" if last.get("uptrend") == 1.0 else "vstop_down",
                                  f"VStop ({p['length']}, {p['factor']:g})  {fmt.price(last['vstop'])}")],
)
