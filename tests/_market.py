"""Realistic synthetic markets for rendering tests (seeded, deterministic).

* :func:`fx_hourly` - EURUSD-like 1h bars around 1.08 on a 0.00001 tick, trading from
  Sunday 22:00 UTC to Friday 22:00 UTC (the weekend is a gap in the times).
* :func:`fx_minutes` - the same market in 1-minute bars, one session's worth.
* :func:`daily` - business-day candles (no weekends), e.g. 15 of them for a short history.
* :func:`monthly_crypto` - month-start candles of a coin around 30,000.
* :func:`from_closes` - daily candles around given closes and volumes (constructed cases).

Markets quoted on their instrument's tick, for the number-format tests (integer multiples,
rounded to the quoted decimals, as a data vendor writes them; :func:`on_tick`):

* :func:`eurusd_1m` - 1-minute EURUSD around 1.2389, 5 decimals (tick 0.00001), moves of a
  few ticks a minute, so a bar's O/H/L/C differ only in the 4th-5th decimal.
* :func:`eurusd_1h` - hourly EURUSD around 1.22904, 5 decimals.
* :func:`microcap` - daily micro-cap token around 0.00000108, 8 decimals (tick 1e-8).
* :func:`btc_1h` - hourly BTCUSDT around 60,000, 2 decimals.
"""

from __future__ import annotations

from datetime import UTC, datetime

import numpy as np

from devtools import sample_data

from chart_export.candles import Candles

HOUR = 3600
DAY = 86_400


def _ohlcv(rng: np.random.Generator, n: int, price: float, rel: float, tick: float | None) -> tuple[np.ndarray, ...]:
    close = price * np.exp(np.cumsum(rng.normal(0.0, rel, n)))
    open_ = np.concatenate([[price], close[:-1]])
    high = np.maximum(open_, close) * (1.0 + np.abs(rng.normal(0.0, rel / 2, n)))
    low = np.minimum(open_, close) * (1.0 - np.abs(rng.normal(0.0, rel / 2, n)))
    if tick is not None:
        open_, high, low, close = (np.round(a / tick) * tick for a in (open_, high, low, close))
        high = np.maximum(high, np.maximum(open_, close))
        low = np.minimum(low, np.minimum(open_, close))
    volume = rng.lognormal(7.0, 0.5, n)
    return open_, high, low, close, volume


def fx_open(t: int) -> bool:
    """Whether the FX market trades at UTC second ``t`` (devtools' rule, for epoch seconds)."""
    return sample_data.fx_open(datetime.fromtimestamp(int(t), UTC))


def fx_times(end: datetime, n: int, step: int) -> np.ndarray:
    """The last ``n`` bar open times (step seconds) at or before ``end`` when FX trades."""
    t = int(end.timestamp())
    t -= t % step
    out: list[int] = []
    while len(out) < n:
        if fx_open(t):
            out.append(t)
        t -= step
    return np.array(out[::-1], dtype=np.int64)


def fx(n: int, step: int, *, end: datetime = datetime(2024, 2, 9, 15, tzinfo=UTC), seed: int = 11,
       price: float = 1.08, rel: float = 0.0009) -> Candles:
    """``n`` FX bars of ``step`` seconds ending at ``end``, weekends left out."""
    times = fx_times(end, n, step)
    return Candles.from_arrays(times, *_ohlcv(np.random.default_rng(seed), n, price, rel, 1e-5))


def fx_hourly(n: int = 300, *, end: datetime = datetime(2024, 2, 9, 15, tzinfo=UTC), seed: int = 11) -> Candles:
    return fx(n, HOUR, end=end, seed=seed)


def fx_minutes(n: int = 500, *, end: datetime = datetime(2024, 2, 6, 14, 30, tzinfo=UTC), seed: int = 12) -> Candles:
    return fx(n, 60, end=end, seed=seed, price=1.0781, rel=0.00008)


def daily(n: int = 15, *, end: datetime = datetime(2013, 3, 1, tzinfo=UTC), seed: int = 13) -> Candles:
    t = int(end.timestamp())
    out: list[int] = []
    while len(out) < n:
        if datetime.fromtimestamp(t, UTC).weekday() < 5:
            out.append(t)
        t -= DAY
    times = np.array(out[::-1], dtype=np.int64)
    return Candles.from_arrays(times, *_ohlcv(np.random.default_rng(seed), n, 790.0, 0.015, 0.01))


def monthly_crypto(n: int = 60, *, start_year: int = 2019, seed: int = 14) -> Candles:
    times = np.array([int(datetime(start_year + i // 12, i % 12 + 1, 1, tzinfo=UTC).timestamp()) for i in range(n)],
                     dtype=np.int64)
    return Candles.from_arrays(times, *_ohlcv(np.random.default_rng(seed), n, 30_000.0, 0.12, 0.01))


def weekly(n: int, *, end: datetime = datetime(2024, 2, 5, tzinfo=UTC), seed: int = 15) -> Candles:
    """``n`` Monday-open weekly bars ending at ``end``."""
    return regular(n, 7 * DAY, start=int(end.timestamp()) - 7 * DAY * (n - 1), seed=seed)


def regular(n: int, step: int, *, start: int = 1_704_067_200 + 37 * 60, seed: int = 15) -> Candles:
    """``n`` bars every ``step`` seconds with no gaps (crypto trades around the clock)."""
    times = start + step * np.arange(n, dtype=np.int64)
    return Candles.from_arrays(times, *_ohlcv(np.random.default_rng(seed), n, 100.0, 0.01, 0.01))


def from_closes(close: np.ndarray, volume: np.ndarray, *, tf: int = DAY, start: int = 1_700_006_400,
                spread: float = 0.004) -> Candles:
    """Candles around ``close`` (open = previous close, wicks ``spread`` relative)."""
    close = np.asarray(close, dtype=np.float64)
    open_ = np.concatenate([[close[0]], close[:-1]])
    high = np.maximum(open_, close) * (1 + spread)
    low = np.minimum(open_, close) * (1 - spread)
    return Candles.from_arrays(start + tf * np.arange(len(close), dtype=np.int64), open_, high, low, close,
                               np.asarray(volume, dtype=np.float64))


# --------------------------------------------------------------------------- on the tick

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
