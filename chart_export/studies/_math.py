"""Numpy helpers shared by the study modules (rolling windows, the A/D line, calendar periods,
choice tables). The Pine built-ins (``sma``, ``ema``, ``rma``, ``wma``, ``tr``...) are
studies/_pine.py's; ``sma``, ``ema``, ``rma``, ``wma`` are re-exported here.

Conventions (every helper):

* inputs are float64 1-D arrays; outputs have the same length, NaN where undefined;
* leading NaNs are skipped the TA-Lib way (the warm-up starts at the first non-NaN bar);
* no division warnings: every quotient is taken with ``where=`` and is NaN where the
  denominator is 0 (callers that follow a TA-Lib "0 instead" rule say so);
* windowed sums are summed per window (no running total), so flat windows are exact;
* inputs are never written (the candles' arrays are read-only).

Not a study module (its name starts with ``_``): the registry skips it.
"""

from __future__ import annotations

from datetime import datetime

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

from ._pine import change, ema, eq, rma, shift, sma, tr, wma

__all__ = ["MA4", "ad_line", "change", "div", "ema", "first_valid", "ma", "nan",
           "options", "period_ids", "INTRADAY", "intraday_periods", "timeframe_ids", "pine_ad_step", "rma", "rolling_max", "rolling_min", "rolling_sum", "shift", "sma",
           "true_range", "wma"]


def nan(n: int) -> np.ndarray:
    return np.full(n, np.nan)


def first_valid(*arrays: np.ndarray) -> int:
    ok = ~np.isnan(arrays[0])
    for a in arrays[1:]:
        ok &= ~np.isnan(a)
    idx = np.flatnonzero(ok)
    return int(idx[0]) if idx.size else arrays[0].shape[0]


def div(num, den) -> np.ndarray:
    """num / den, NaN where den == 0 or either is NaN; never warns."""
    num = np.asarray(num, dtype=np.float64)
    den = np.asarray(den, dtype=np.float64)
    num, den = np.broadcast_arrays(num, den)
    out = np.full(num.shape, np.nan)
    ok = (den != 0.0) & ~np.isnan(den) & ~np.isnan(num)
    np.divide(num, den, out=out, where=ok)
    return out


def _windowed(x: np.ndarray, n: int, reduce) -> np.ndarray:
    out = nan(x.shape[0])
    s = first_valid(x)
    if x.shape[0] - s >= n:
        out[s + n - 1 :] = reduce(sliding_window_view(x[s:], n))
    return out


def rolling_sum(x: np.ndarray, n: int) -> np.ndarray:
    """Sum of each window of ``n`` from the first non-NaN value, NaN where the window holds a
    NaN (numpy's summation). Not ``math.sum``: ``_pine.msum`` skips na bars and is TradingView's
    arithmetic; this is for a window that must go blank over a NaN (Ease of Movement)."""
    return _windowed(x, n, lambda w: w.sum(axis=1))


def rolling_max(x: np.ndarray, n: int) -> np.ndarray:
    return _windowed(x, n, lambda w: w.max(axis=1))


def rolling_min(x: np.ndarray, n: int) -> np.ndarray:
    return _windowed(x, n, lambda w: w.min(axis=1))


def true_range(h: np.ndarray, l: np.ndarray, c: np.ndarray, first_bar_hl: bool = False) -> np.ndarray:
    """``max(h - l, |h - prev c|, |l - prev c|)``; bar 0 NaN, or h - l with ``first_bar_hl``
    (Pine ``ta.tr(true)``)."""
    return tr(h, l, c, first_bar_hl)


def ma(x: np.ndarray, n: int, method: str) -> np.ndarray:
    """Moving average by TradingView method name."""
    m = method.lower()
    if m in ("sma", "simple"):
        return sma(x, n)
    if m in ("ema", "exponential"):
        return ema(x, n)
    if m in ("wma", "weighted"):
        return wma(x, n)
    if m in ("smma (rma)", "rma", "smma", "smoothed"):
        return rma(x, n)
    raise ValueError(f"unknown moving average method {method!r}")


def options(*names: str) -> dict[str, str]:
    """A choice input's table (lower-case text -> canonical name)."""
    return {name.lower(): name for name in names}


# Chart-IMG's "method" choice of its older multi-average studies (Moving Average Triple / Multiple,
# Standard Error Bands): Simple / Exponential / Weighted, the Pine short names accepted too; and
# the legend's short name of each
SEW_METHODS = {**options("Simple", "Exponential", "Weighted"), "sma": "Simple", "ema": "Exponential", "wma": "Weighted"}
SEW_SHORT = {"Simple": "SMA", "Exponential": "EMA", "Weighted": "WMA"}

# Choice table (normalised template text -> canonical value): ATR's "Smoothing"
MA4 = {"rma": "RMA", "sma": "SMA", "ema": "EMA", "wma": "WMA"}


def pine_ad_step(h, l, c, v) -> np.ndarray:
    """The A/D step as the Accumulation/Distribution and Chaikin Money Flow scripts write it:
    ``close == high and close == low or high == low ? 0 : ((2 * close - low - high) / (high -
    low)) * volume`` (tolerant ``==``, Pine's); NaN where an input is."""
    zero = (eq(c, h) & eq(c, l)) | eq(h, l)
    with np.errstate(divide="ignore", invalid="ignore"):
        step = np.where(zero, 0.0, ((2.0 * c - l - h) / (h - l)) * v)
    step[np.isnan(h) | np.isnan(l) | np.isnan(c) | np.isnan(v)] = np.nan
    return step


def ad_line(h, l, c, v) -> np.ndarray:
    """``ta.accdist`` (= TA-Lib AD): the running total of Chaikin's money flow volume
    ``((c - l) - (h - c)) / (h - l) * v``, 0 for a zero-range bar; NaN from an na input on.
    (The Accumulation/Distribution script writes its own step: ``pine_ad_step``.)"""
    rng = h - l
    step = np.where(rng > 0.0, div((c - l) - (h - c), rng) * v, 0.0)
    step[np.isnan(rng) | np.isnan(c) | np.isnan(v)] = np.nan
    return np.cumsum(step)


def local_seconds(t: np.ndarray, tz) -> np.ndarray:
    """Each UTC epoch second as the wall-clock second of time zone ``tz`` (a ``tzinfo``),
    int64. The UTC offset is looked up once per 15 minutes of UTC time that has bars (every
    real offset change happens on a quarter hour), the rest is vectorised."""
    t = np.asarray(t, dtype=np.int64)
    if t.shape[0] == 0:
        return np.empty(0, dtype=np.int64)
    keys, inverse = np.unique(t // 900, return_inverse=True)
    offsets = np.array([int(datetime.fromtimestamp(int(k) * 900, tz).utcoffset().total_seconds())
                        for k in keys.tolist()], dtype=np.int64)
    return t + offsets[inverse.reshape(-1)]


def period_ids(t: np.ndarray, tz, unit: str) -> np.ndarray:
    """Calendar period of each bar in time zone ``tz`` (a ``tzinfo``): day | week (Monday
    start) | month | quarter | year; int64 ids, equal for the bars of one period."""
    days = local_seconds(t, tz) // 86400  # local calendar day, days since 1970-01-01
    if unit == "day":
        return days
    if unit == "week":
        return (days + 3) // 7  # 1970-01-01 was a Thursday: weeks from Monday 1969-12-29
    months = days.astype("datetime64[D]").astype("datetime64[M]").astype(np.int64)
    if unit == "month":
        return months
    if unit == "quarter":
        return months // 3
    if unit == "year":
        return months // 12
    raise ValueError(f"unknown period unit {unit!r}")


#: TradingView's intraday timeframes (minutes, its timeframe menu's 1 minute to 4 hours) that a
#: study's timeframe / anchor input accepts besides the calendar ones ("60" or "1h" -> "60").
INTRADAY = {**{m: m for m in ("1", "3", "5", "15", "30", "45", "60", "120", "180", "240")},
            "1h": "60", "2h": "120", "3h": "180", "4h": "240"}


def intraday_periods(t: np.ndarray, tz, minutes: int, open_minute: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """(period id, period start as a UTC epoch second) of each bar for an intraday timeframe of
    ``minutes``: TradingView's bars of that timeframe start at the regular session's open,
    ``open_minute`` after midnight of clock ``tz`` (``Session.open_minute``: a NASDAQ "60" bar at
    09:30, 10:30...; "240" at 09:30 and 13:30; 0 around the clock), and again at each trading
    day's open (a last period shorter than ``minutes`` when they do not divide the day). A bar
    before the open belongs to the previous day's session. The start is taken with the bar's
    own UTC offset (Pine's ``time(timeframe)``)."""
    local = local_seconds(t, tz)
    shifted = local - 60 * int(open_minute)
    day = shifted // 86400
    k = (shifted - day * 86400) // (60 * int(minutes))
    ids = day * -(-1440 // int(minutes)) + k
    return ids, np.asarray(t, dtype=np.int64) - (shifted - day * 86400 - k * 60 * int(minutes))


def timeframe_ids(t: np.ndarray, tz, timeframe: str, open_minute: int = 0) -> np.ndarray:
    """Period of each bar for a timeframe: an intraday one (``INTRADAY``'s minutes,
    ``intraday_periods``) or a calendar one (1D, 1W, 1M, 3M, 12M: ``period_ids``)."""
    if timeframe.isdigit():
        return intraday_periods(t, tz, int(timeframe), open_minute)[0]
    return period_ids(t, tz, {"1D": "day", "1W": "week", "1M": "month", "3M": "quarter", "12M": "year"}[timeframe])
