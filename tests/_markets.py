"""Realistic synthetic markets for the number-format tests: prices on their instrument's
tick (integer multiples, rounded to the quoted decimals, as a data vendor writes them).

* ``eurusd_1m``  - 1-minute EURUSD around 1.2389, 5 decimals (tick 0.00001), moves of a
                   few ticks a minute, so a bar's O/H/L/C differ only in the 4th-5th decimal.
* ``eurusd_1h``  - hourly EURUSD around 1.22904, 5 decimals.
* ``microcap``   - daily micro-cap token around 0.00000108, 8 decimals (tick 1e-8).
* ``btc_1h``     - hourly BTCUSDT around 60,000, 2 decimals.
"""

from __future__ import annotations

import numpy as np

from chart_export.candles import Candles

START = 1_704_412_800  # 2024-01-05 00:00 UTC


def on_tick(n: int, *, start_ticks: int, tick: float, decimals: int, step_ticks: float, wick_ticks: float,
            tf: int, seed: int, start: int = START, volume: float = 1_000.0) -> Candles:
    """A random walk in whole ticks: ``start_ticks`` ticks, moves of ~``step_ticks`` per bar."""
    rng = np.random.default_rng(seed)
    moves = np.rint(rng.normal(0.0, step_ticks, n)).astype(np.int64)
    close_t = start_ticks + np.cumsum(moves)
    open_t = np.concatenate([[start_ticks], close_t[:-1]])
    high_t = np.maximum(open_t, close_t) + np.rint(np.abs(rng.normal(0.0, wick_ticks, n))).astype(np.int64)
    low_t = np.minimum(open_t, close_t) - np.rint(np.abs(rng.normal(0.0, wick_ticks, n))).astype(np.int64)
    low_t = np.maximum(low_t, 1)
    close_t, open_t = np.maximum(close_t, low_t), np.maximum(open_t, low_t)

    def px(t: np.ndarray) -> np.ndarray:
        return np.round(t * tick, decimals)

    vol = np.round(rng.lognormal(np.log(volume), 0.5, n), 2)
    times = start + tf * np.arange(n, dtype=np.int64)
    return Candles.from_arrays(times, px(open_t), px(high_t), px(low_t), px(close_t), vol)


def eurusd_1m(n: int = 400, seed: int = 11) -> Candles:
    return on_tick(n, start_ticks=123_890, tick=1e-5, decimals=5, step_ticks=2.0, wick_ticks=1.5, tf=60, seed=seed,
                   volume=80.0)


def eurusd_1h(n: int = 400, seed: int = 12) -> Candles:
    return on_tick(n, start_ticks=122_904, tick=1e-5, decimals=5, step_ticks=12.0, wick_ticks=8.0, tf=3600, seed=seed,
                   volume=5_000.0)


def microcap(n: int = 400, seed: int = 13) -> Candles:
    return on_tick(n, start_ticks=108, tick=1e-8, decimals=8, step_ticks=1.5, wick_ticks=1.0, tf=86_400, seed=seed,
                   volume=4e9)


def btc_1h(n: int = 400, seed: int = 14) -> Candles:
    return on_tick(n, start_ticks=6_000_000, tick=0.01, decimals=2, step_ticks=8_000.0, wick_ticks=4_000.0, tf=3600,
                   seed=seed, volume=120.0)
