"""The time axis: calendar-boundary ticks and their labels for any timeframe, minutes to years.

The x axis is the bar index (no weekend or holiday gaps), so how far apart two calendar
boundaries are is a matter of bars, not seconds. Ticks are chosen from the bars
themselves: each calendar step (1 minute .. 100 years, never finer than one bar) gives its
candidates, the first bar of each new period in the chart's time zone; the finest step
whose candidates are typically at least ``spacing_px`` apart wins; then candidates whose
labels would come closer than ``gap_px`` to a label already kept are dropped, the more
important first kept (a new year over a new month over a new day ..., then the period with
more bars: Monday's session over the two Sunday-evening bars of an FX week). With fewer
than three ticks a finer step is used when its labels fit.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime, tzinfo

import numpy as np

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
MIN_TICKS = 3


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


_SAME_OFFSET_SPAN = 20 * 86_400


def _offset(t: int, tz: tzinfo) -> int:
    off = datetime.fromtimestamp(t, tz).utcoffset()
    return int(off.total_seconds()) if off is not None else 0


def _utc_offsets(times: np.ndarray, tz: tzinfo) -> np.ndarray:
    """The zone's UTC offset at each time, asked at few bars: a run of bars whose ends have
    the same offset and lie at most ``_SAME_OFFSET_SPAN`` apart has it throughout (no zone
    switches there and back within 20 days); other runs are split in two."""
    n = len(times)
    if n and (int(times[-1]) - int(times[0])) / _SAME_OFFSET_SPAN > n / 8:  # sparse bars: ask each
        return np.array([_offset(t, tz) for t in times.tolist()], dtype=np.int64)
    out = np.empty(n, dtype=np.int64)
    asked: dict[int, int] = {}

    def off(i: int) -> int:
        if i not in asked:
            asked[i] = _offset(int(times[i]), tz)
        return asked[i]

    stack = [(0, n - 1)] if n else []
    while stack:
        lo, hi = stack.pop()
        a, b = off(lo), off(hi)
        if a == b and int(times[hi]) - int(times[lo]) <= _SAME_OFFSET_SPAN:
            out[lo:hi + 1] = a
        elif hi - lo <= 1:
            out[lo], out[hi] = a, b
        else:
            mid = (lo + hi) // 2
            stack += [(lo, mid), (mid, hi)]
    return out


class _Clock:
    """Local wall-clock fields of each bar (vectorised): seconds, days, months, years
    since 1970 in the chart's time zone."""

    def __init__(self, times: np.ndarray, tz: tzinfo) -> None:
        self.local = times.astype(np.int64) + _utc_offsets(times, tz)
        self.day = self.local // 86_400
        ymd = self.day.astype("datetime64[D]")
        self.month = ymd.astype("datetime64[M]").astype(np.int64)
        self.year = ymd.astype("datetime64[Y]").astype(np.int64)

    def keys(self, unit: str, count: int) -> np.ndarray:
        if unit == "minute":
            return self.local // (60 * count)
        if unit == "hour":
            return self.local // (3600 * count)
        if unit == "day":
            return self.day // count
        if unit == "week":
            return ((self.day + 3) // 7) // count  # 1970-01-05 (day 4) is a Monday
        if unit == "month":
            return self.month // count
        return (self.year + 1970) // count

    def levels(self) -> np.ndarray:
        """The largest boundary crossed from the bar before: 4 year .. 0 minute (bar 0: 0)."""
        out = np.zeros(len(self.local), dtype=np.int64)
        if len(out) > 1:
            for level, field in ((1, self.local // 3600), (2, self.day), (3, self.month), (4, self.year)):
                changed = np.concatenate([[False], field[1:] != field[:-1]])
                out[changed] = level
        return out


def _label(moment: datetime, level: int, unit: str) -> str:
    """The label of a tick at ``moment`` that crosses a ``level`` boundary on a ``unit`` step."""
    if level >= 4 or unit == "year":
        return str(moment.year)
    if unit == "month":
        return _MONTHS[moment.month - 1]
    if unit in ("day", "week") or level >= 2:
        return f"{moment.day} {_MONTHS[moment.month - 1]}"
    return f"{moment.hour:02d}:{moment.minute:02d}"


def _start_label(moment: datetime, unit: str) -> str:
    """The label of bar 0 when it starts the data (no bar before it): what it is, not a
    period it may not start (``13:37``, ``11 Feb``, ``Mar 2019``)."""
    aligned = (moment.hour, moment.minute, moment.second) == (0, 0, 0)
    level = (4 if (moment.month, moment.day) == (1, 1) else 3 if moment.day == 1 else 2) if aligned else 0
    day = f"{moment.day} {_MONTHS[moment.month - 1]}"
    if level >= 4:
        return str(moment.year)
    if unit in ("minute", "hour"):
        return day if level >= 2 else f"{moment.hour:02d}:{moment.minute:02d}"
    if unit in ("day", "week"):
        return day
    if unit == "month":
        return _MONTHS[moment.month - 1] if level >= 3 else day
    return f"{_MONTHS[moment.month - 1]} {moment.year}" if level == 3 else f"{day} {moment.year}"


def time_ticks(
    times: np.ndarray,
    tz: tzinfo,
    *,
    bar_seconds: float | None = None,
    prev_time: int | None = None,
    px_per_bar: float = 5.0,
    first_px: float | None = None,
    plot_w: float | None = None,
    text_w: Callable[[str], float] | None = None,
    text_px: float = 11.0,
) -> list[tuple[int, str]]:
    """``(bar index, label)`` for the visible bars ``times`` (UTC epoch seconds).

    Bar ``i`` is drawn at ``first_px + i * px_per_bar`` in a plot ``plot_w`` px wide; a
    label is centred on its tick, kept inside the plot, and never comes closer than
    ``gap_px`` (about a character) to another. Ticks go on the first bar of each new
    calendar period in ``tz`` (``prev_time``, the bar before the window, tells whether
    bar 0 starts one; without it, bar 0 may carry the start of the data). Labels: ``HH:MM``
    within a day, ``D Mon`` on a new day or for day/week steps, ``Mon`` for month steps,
    the year on a new year; with day/week/month steps and no new year in view the first
    label carries the year (``Sep 2023``). With no tick at all (or one bar), bar 0 gets a full label.
    """
    n = len(times)
    if n == 0:
        return []
    times = np.asarray(times, dtype=np.int64)
    if bar_seconds is None:
        bar_seconds = float(np.median(np.diff(times))) if n > 1 else 60.0
    width = text_w or (lambda s: 6.2 * len(s))
    if first_px is None:
        first_px = px_per_bar / 2
    if plot_w is None:
        plot_w = first_px + (n + 2.5) * px_per_bar
    gap_px = max(8.0, 0.8 * text_px)
    spacing_px = 7.0 * text_px

    all_times = times if prev_time is None else np.concatenate([[int(prev_time)], times])
    clock = _Clock(all_times, tz)
    shift = 0 if prev_time is None else 1
    levels = clock.levels()[shift:]
    if prev_time is None:
        levels[0] = -1  # the start of the data: the least important tick

    def moment(i: int) -> datetime:
        return datetime.fromtimestamp(int(times[i]), tz)

    def boundaries(unit: str, count: int) -> np.ndarray:
        """The bars that start a new period of the step (bar 0 only after a bar before it)."""
        keys = clock.keys(unit, count)
        return np.flatnonzero(keys[1:] != keys[:-1]) + 1 - shift

    def candidates(unit: str, count: int) -> list[tuple[int, int, int]]:
        """(bar, level, bars in its period) of the step's boundaries (and the start of the data)."""
        starts = boundaries(unit, count).tolist()
        if prev_time is None:
            starts = [0] + starts
        ends = starts[1:] + [n]
        return [(i, int(levels[i]), e - i) for i, e in zip(starts, ends)]

    def labelled(cands: list[tuple[int, int, int]], unit: str) -> list[tuple[int, str, int, int]]:
        return [(i, _start_label(moment(i), unit) if level < 0 else _label(moment(i), level, unit), level, bars)
                for i, level, bars in cands]

    def box(i: int, text: str) -> tuple[float, float]:
        half = width(text) / 2
        cx = min(max(first_px + i * px_per_bar, half + 1), plot_w - half - 1)
        return cx - half, cx + half

    def thin(ticks: list[tuple[int, str, int, int]]) -> list[tuple[int, str, int, int]]:
        kept: list[tuple[int, str, int, int]] = []
        boxes: list[tuple[float, float]] = []
        for tick in sorted(ticks, key=lambda t: (-t[2], -t[3], t[0])):
            b = box(tick[0], tick[1])
            if all(b[1] + gap_px <= o[0] or o[1] + gap_px <= b[0] for o in boxes):
                kept.append(tick)
                boxes.append(b)
        return sorted(kept)

    steps = [(u, c) for u, c, s in TIME_STEPS if s >= bar_seconds * 0.85] or [TIME_STEPS[-1][:2]]
    chosen = len(steps) - 1
    for j, (unit, count) in enumerate(steps):
        pos = boundaries(unit, count)
        if len(pos) < 2 or float(np.median(np.diff(pos))) * px_per_bar >= spacing_px:
            chosen = j
            break
    unit = steps[chosen][0]
    kept = thin(labelled(candidates(*steps[chosen]), unit))
    j = chosen
    while len(kept) < MIN_TICKS and j > 0:  # a short history: a finer step, if its labels fit
        j -= 1
        finer = thin(labelled(candidates(*steps[j]), steps[j][0]))
        if len(finer) > len(kept):
            kept, unit = finer, steps[j][0]
    if not kept or n == 1:
        m = moment(0)
        if unit in ("minute", "hour"):
            return [(0, f"{m.day} {_MONTHS[m.month - 1]} {m.hour:02d}:{m.minute:02d}")]
        if unit in ("day", "week"):
            return [(0, f"{m.day} {_MONTHS[m.month - 1]} {m.year}")]
        if unit == "month":
            return [(0, f"{_MONTHS[m.month - 1]} {m.year}")]
        return [(0, str(m.year))]
    year = str(moment(kept[0][0]).year)
    if unit in ("day", "week", "month") and not any(t[2] == 4 for t in kept) and year not in kept[0][1]:
        # no year boundary in view: the first label carries the year ("Sep 2023"), if it fits
        i, text, level, bars = kept[0]
        first = (i, f"{text} {year}", level, bars)
        rest = kept[1:]
        b = box(first[0], first[1])
        while rest and box(rest[0][0], rest[0][1])[0] < b[1] + gap_px and len(rest) >= MIN_TICKS:
            rest = rest[1:]
        if not rest or box(rest[0][0], rest[0][1])[0] >= b[1] + gap_px:
            kept = [first] + rest
    return [(i, text) for i, text, _, _ in kept]


_TF_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 7 * 86400, "M": 30 * 86400, "y": 365 * 86400}
_TF_WORDS = {"sec": "s", "second": "s", "seconds": "s", "min": "m", "minute": "m", "minutes": "m", "hour": "h",
             "hours": "h", "day": "d", "days": "d", "week": "w", "weeks": "w", "month": "M", "months": "M",
             "year": "y", "years": "y"}
_TF = re.compile(r"\s*(\d+)?\s*([A-Za-z]+)?\s*")


def parse_timeframe(timeframe: str) -> tuple[int, str] | None:
    """``(count, unit)`` of a timeframe, unit one of ``s m h d w M y``: ``1m``, ``15m``,
    ``4h``, ``1d``/``1D``/``D``, ``1w``, ``1M``/``M``, ``1 hour``, ``1min``; a bare number is
    minutes (TradingView's ``60``, ``240``). Minutes are lower case and months upper case, as
    the workflow writes them. None for anything else."""
    m = _TF.fullmatch(timeframe or "")
    if not m or not (m.group(1) or m.group(2)):
        return None
    count = int(m.group(1)) if m.group(1) else 1
    unit = m.group(2) or "m"
    if unit in ("D", "W", "H", "S", "Y"):  # TradingView writes days and weeks upper case
        unit = unit.lower()
    elif len(unit) > 1:
        unit = _TF_WORDS.get(unit.lower(), unit)
    return (count, unit) if unit in _TF_UNITS and count > 0 else None


def timeframe_seconds(timeframe: str) -> int | None:
    """Approximate seconds of a timeframe (:func:`parse_timeframe`; a month is 30 days);
    None when unknown. Used only when the candles cannot tell (a single bar)."""
    parsed = parse_timeframe(timeframe)
    return None if parsed is None else parsed[0] * _TF_UNITS[parsed[1]]


__all__ = ["MIN_TICKS", "TIME_STEPS", "parse_timeframe", "time_ticks", "timeframe_seconds"]
