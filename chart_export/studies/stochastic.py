"""Stochastic: where the close sits in the high-low range of the last %K-length bars;
%K and its SMA %D, 20/80 band.

Formula: TA-Lib STOCHF / STOCH with SMA smoothing (= TradingView's script
``k = ta.sma(ta.stoch(close, high, low, periodK), smoothK); d = ta.sma(k, periodD)``).
raw = 100 (close - lowest low) / (highest high - lowest low); a flat window (range
within 1e-14 of the window's magnitude, TA-Lib's TA_IS_ZERO_SCALED) gives 0 like TA-Lib
(Pine would give na). %K is defined as soon as its SMA is (bar periodK + smoothK - 2);
TA-Lib STOCH leaves slow-K NaN until %D exists (the same documented deviation as
chart_export.indicators.stochrsi)."""

from __future__ import annotations

import numpy as np

from ._math import nan, rolling_max, rolling_min, sma
from .spec import Pane, Plot, StudySpec, length

_EPS = 1e-14


def raw_stoch(h: np.ndarray, l: np.ndarray, c: np.ndarray, n: int) -> np.ndarray:
    hh = rolling_max(h, n)
    ll = rolling_min(l, n)
    rng = hh - ll
    flat = np.abs(rng) <= _EPS * (np.abs(hh) + np.abs(ll))
    ok = ~flat & ~np.isnan(rng) & ~np.isnan(c)
    out = nan(c.shape[0])
    np.divide(c - ll, rng / 100.0, out=out, where=ok)
    out[flat & ~np.isnan(c)] = 0.0
    return out


def _compute(c, p):
    k = sma(raw_stoch(c.high, c.low, c.close, p["k_length"]), p["k_smoothing"])
    return {"k": k, "d": sma(k, p["d_smoothing"])}


def _legend(p, last, fmt):
    return [("k", f"Stoch ({p['k_length']}, {p['k_smoothing']}, {p['d_smoothing']}) %K  {fmt.fixed2(last['k'])}"),
            ("d", f"%D  {fmt.fixed2(last['d'])}")]


STUDY = StudySpec(
    name="Stochastic",
    kind="stoch",
    aliases=("Stoch", "Stochastic Oscillator"),
    inputs=(
        length("k_length", 14, "periodK", "%K Length", "length", "in_0"),
        length("k_smoothing", 1, "smoothK", "%K Smoothing", "in_1"),
        length("d_smoothing", 3, "periodD", "%D Smoothing", "in_2"),
    ),
    plots=(
        Plot("k", color="#2962FF", width=1.5, names=("plot", "%k", "k")),
        Plot("d", color="#FF6D00", width=1.5, names=("%d", "d")),
    ),
    pane=Pane(range=(0.0, 100.0), ticks=(20.0, 80.0, 50.0), lines=(20.0, 80.0), band=(20.0, 80.0), mid=50.0,
              format="integer"),
    compute=_compute,
    legend=_legend,
)
