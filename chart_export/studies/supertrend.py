"""Supertrend: a trailing stop line below price in an up-trend (green), above it in a
down-trend (red), broken where the trend flips.

Formula (TradingView Help Center: "Supertrend"; Pine ``ta.supertrend(factor, atrPeriod)``
as published in the Pine reference): with src = hl2 and the ATR,
``upper = src + factor * atr``, ``lower = src - factor * atr``; the lower band only rises
(``lower := lower > prevLower or close[1] < prevLower ? lower : prevLower``), the upper band
only falls (mirror rule), a missing previous band counts as 0 (``nz``); direction = 1
(down) on the first ATR bar, then if the previous supertrend was the upper band, -1 (up)
when close > upper else 1; otherwise 1 when close < lower else -1. Supertrend = lower band
when direction == -1, else upper band. Outputs: the up-trend line (NaN where direction is
1), the down-trend line (NaN where -1) -- the built-in script's two ``plot.style_linebr``
plots -- and ``direction`` (-1 up / 1 down, TradingView's convention; not drawn).
ATR is Pine's ``ta.atr``: ``ta.rma(ta.tr(true), atrPeriod)``, from bar atrPeriod - 1. Checked
against TradingView's built-in through the oracle (tests/test_oracle.py)."""

from __future__ import annotations

import math

import numpy as np

from ._math import first_valid, nan
from ._pine import rma, tr
from .spec import Plot, StudySpec, length, number


def _compute(c, p):
    size = len(c)
    factor = p["factor"]
    a = rma(tr(c.high, c.low, c.close, True), p["atr_period"])
    src = (c.high + c.low) / 2.0
    upper_raw = (src + factor * a).tolist()
    lower_raw = (src - factor * a).tolist()
    close = c.close.tolist()
    st = nan(size)
    direction = nan(size)
    s = max(first_valid(a), 1)  # ta.supertrend has no value on bar 0
    prev_upper = prev_lower = 0.0  # nz() of the missing previous band
    prev_st = float("nan")
    for i in range(s, size):
        lo, up = lower_raw[i], upper_raw[i]
        pc = close[i - 1] if i > 0 else float("nan")
        lo = lo if (lo > prev_lower or pc < prev_lower) else prev_lower
        up = up if (up < prev_upper or pc > prev_upper) else prev_upper
        if i == s:
            d = 1.0
        elif prev_st == prev_upper:
            d = -1.0 if close[i] > up else 1.0
        else:
            d = 1.0 if close[i] < lo else -1.0
        cur = lo if d == -1.0 else up
        st[i] = cur
        direction[i] = d
        prev_upper, prev_lower, prev_st = up, lo, cur
    return {
        "up": np.where(direction == -1.0, st, np.nan),
        "down": np.where(direction == 1.0, st, np.nan),
        "direction": direction,
    }


def _legend(p, last, fmt):
    key = "down" if math.isnan(last["up"]) else "up"
    return [(key, f"Supertrend ({p['atr_period']}, {p['factor']:g})  {fmt.price(last[key])}")]


STUDY = StudySpec(
    name="Supertrend",
    kind="supertrend",
    aliases=("Super Trend",),
    inputs=(
        length("atr_period", 10, "atrPeriod", "ATR Length", "Length", "in_0"),
        number("factor", 3.0, "factor", "Factor", "in_1", minimum=0.01, maximum=100.0),
    ),
    plots=(
        Plot("up", color="#4CAF50", width=1.5, names=("plot", "up trend", "up")),
        Plot("down", color="#FF5252", width=1.5, names=("down trend", "down")),
    ),
    compute=_compute,
    legend=_legend,
)
