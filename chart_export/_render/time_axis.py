"""The time axis: calendar-boundary ticks and their labels for any timeframe, minutes to years."""

from __future__ import annotations

import re
from datetime import UTC, datetime, tzinfo

import numpy as np

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _step_table() -> tuple[tuple[str, int, int], ...]:
    m, h, d = 60, 3600, 86400
    return (
        ("minute", 1, m), ("minute", 2, 2 * m), ("minute", 5, 5 * m), ("minute", 10, 10 * m),
        ("minute", 15, 15 * m), ("minute", 30, 30 * m),
        ("hour", 1, h), ("hour", 2, 2 * h), ("hour", 3, 3 * h), ("hour", 4, 4 * h),
        ("hour", 6, 6 * h), ("hour", 12, 12 * h),
        ("day", 1, d), ("day", 2, 2 * d), ("week", 1, 7 * d), ("week", 2, 14 * d),
        ("month", 1, 2_629_746), ("month", 2, 2 * 2_629_746), ("month", 3, 3 * 2_629_746), ("month", 6, 6 * 2_629_746),
        ("year", 1, 31_556_952), ("year", 2, 2 * 31_556_952), ("year", 5, 5 * 31_556_952), ("year", 10, 10 * 31_556_952),
        ("year", 20, 20 * 31_556_952), ("year", 50, 50 * 31_556_952), ("year", 100, 100 * 31_556_952),
    )


TIME_STEPS = _step_table()
_LEVEL = {"minute": 0, "hour": 1, "day": 2, "week": 2, "month": 3, "year": 4}


def choose_time_step(span_seconds: float, bar_seconds: float, max_ticks: int) -> tuple[str, int]:
    """The smallest calendar step (unit, count) not finer than one bar that puts at most
    ``max_ticks`` boundaries in ``span_seconds``."""
    max_ticks = max(1, max_ticks)
    for unit, count, seconds in TIME_STEPS:
        # 0.85: a calendar month is 28..31 days, its nominal length here is 30.4
        if seconds >= bar_seconds * 0.85 and span_seconds / seconds <= max_ticks:
            return unit, count
    return TIME_STEPS[-1][0], TIME_STEPS[-1][1]


def _bucket(moment: datetime, unit: str, count: int) -> int:
    if unit == "minute":
        local = moment.replace(tzinfo=UTC).timestamp()
        return int(local // (60 * count))
    if unit == "hour":
        local = moment.replace(tzinfo=UTC).timestamp()
        return int(local // (3600 * count))
    if unit == "day":
        return moment.toordinal() // count
    if unit == "week":
        return ((moment.toordinal() - 1) // 7) // count  # ordinal 1 is a Monday
    if unit == "month":
        return (moment.year * 12 + moment.month - 1) // count
    return moment.year // count


def _tick_label(moment: datetime, prev: datetime | None, unit: str) -> tuple[str, int]:
    """Label and level (0 minute .. 4 year) of a tick at ``moment``."""
    new_year = prev is not None and prev.year != moment.year
    new_day = prev is not None and prev.date() != moment.date()
    if unit in ("minute", "hour"):
        if new_year:
            return str(moment.year), 4
        if new_day:
            return f"{moment.day} {_MONTHS[moment.month - 1]}", 2
        return f"{moment.hour:02d}:{moment.minute:02d}", _LEVEL[unit]
    if unit in ("day", "week"):
        if new_year:
            return str(moment.year), 4
        return f"{moment.day} {_MONTHS[moment.month - 1]}", 2
    if unit == "month":
        if new_year:
            return str(moment.year), 4
        return _MONTHS[moment.month - 1], 3
    return str(moment.year), 4


def time_ticks(
    times: np.ndarray,
    tz: tzinfo,
    *,
    max_ticks: int = 8,
    bar_seconds: float | None = None,
    prev_time: int | None = None,
    min_gap_bars: float = 0.0,
) -> list[tuple[int, str]]:
    """``(bar index, label)`` for the visible bars ``times`` (UTC epoch seconds).

    A step is picked from :data:`TIME_STEPS` (minutes .. 100 years) so that at most
    ``max_ticks`` boundaries fall in the visible span and the step is not finer than one
    bar; ticks go on the first bar of each new calendar bucket in ``tz`` (``prev_time``,
    the bar before the window, tells whether bar 0 starts one). Labels: ``HH:MM`` within a
    day, ``D Mon`` on a new day or for day/week steps, ``Mon`` for month steps, the year on
    a new year (with day/week/month steps and no new year in view, the first label also
    carries the year: ``Sep 2023``). Ticks closer than ``min_gap_bars`` to the previous one are dropped, keeping
    the higher-level boundary. With no boundary at all, bar 0 gets a full date label.
    """
    n = len(times)
    if n == 0:
        return []
    span = float(times[-1] - times[0]) if n > 1 else 0.0
    if bar_seconds is None:
        bar_seconds = float(np.median(np.diff(times))) if n > 1 else 60.0
    unit, count = choose_time_step(span, bar_seconds, max_ticks)
    moments = [datetime.fromtimestamp(int(t), tz) for t in times]
    prev_moment = datetime.fromtimestamp(int(prev_time), tz) if prev_time is not None else None
    keys = [_bucket(m, unit, count) for m in moments]
    prev_key = _bucket(prev_moment, unit, count) if prev_moment is not None else None
    raw: list[tuple[int, str, int]] = []
    for i in range(n):
        before_key = keys[i - 1] if i > 0 else prev_key
        if before_key is None or keys[i] == before_key:
            continue
        before = moments[i - 1] if i > 0 else prev_moment
        label, level = _tick_label(moments[i], before, unit)
        raw.append((i, label, level))
    kept: list[tuple[int, str, int]] = []
    for tick in raw:
        if kept and tick[0] - kept[-1][0] < min_gap_bars:
            if tick[2] > kept[-1][2]:
                kept[-1] = tick
            continue
        kept.append(tick)
    if not kept:
        m = moments[0]
        if unit in ("minute", "hour"):
            label = f"{m.day} {_MONTHS[m.month - 1]} {m.hour:02d}:{m.minute:02d}"
        elif unit in ("day", "week"):
            label = f"{m.day} {_MONTHS[m.month - 1]} {m.year}"
        elif unit == "month":
            label = f"{_MONTHS[m.month - 1]} {m.year}"
        else:
            label = str(m.year)
        return [(0, label)]
    out = [(i, label) for i, label, _ in kept]
    if unit in ("day", "week", "month") and not any(level == 4 for _, _, level in kept):
        # no year boundary in view: the first label carries the year ("Sep 2023")
        i, label = out[0]
        out[0] = (i, f"{label} {moments[i].year}")
    return out


_TF_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 7 * 86400, "M": 30 * 86400, "y": 365 * 86400}


def timeframe_seconds(timeframe: str) -> int | None:
    """``1m``/``15m``/``4h``/``1d``/``1w``/``1M``/``1y`` (also ``D``/``W``/``M``, ``60``
    minutes) -> approximate seconds; None when unknown. Used only when the candles cannot
    tell (a single bar)."""
    m = re.fullmatch(r"\s*(\d*)\s*([smhdwMy]|min|D|W)?\s*", timeframe or "")
    if not m or not (m.group(1) or m.group(2)):
        return None
    count = int(m.group(1) or 1)
    unit = m.group(2) or "m"  # a bare number is minutes (TradingView intervals)
    unit = {"min": "m", "D": "d", "W": "w"}.get(unit, unit)
    return count * _TF_UNITS[unit] if count > 0 else None
