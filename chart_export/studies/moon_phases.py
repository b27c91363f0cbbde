"""Moon Phases, TradingView's built-in (``Moon Phases.pine``): a circle above the bar in which a
new moon falls and below the bar of a full moon, from the time of each bar's close alone.

Ported bar by bar from the Pine source: ``getLastNewMoon(time_close)`` takes the bar's year and
day of year (the calendar of the exchange's time zone, ``inputs["exchange_tz"]``, as TradingView; the chart's when the exchange is unknown), the lunation
number ``k = (dayOfYear / 364.25 + year - 1900) * 12.3685`` rounded down to a new moon (phase +1)
or a half lunation (full moon, -1), the mean phase's Julian date corrected by the Sun's and the
Moon's anomalies (Meeus' classical series), converted back to a time with Pine's ``timestamp``
(its components truncate to integers, so the script's float hour drops its minutes: kept as
is). When that time is not before the bar's close the previous bar's is kept; the phase follows
each change of that time, and a change of phase marks the bar (``moon_type`` +1 new, -1 full).
``phase`` is +1 waxing, -1 waning (the script's background tint, 95 % transparent, is not
drawn). The colours are the inputs "Waxing Moon" (``in_0``, the new moon's circles) and "Waning
Moon" (``in_1``, the full moon's; Pine's default ``color.white``, drawn at 50 % as the script, so on
the light theme a full moon is as faint as on TradingView's), each at its own opacity. Checked against the oracle (``devtools/oracle/ports/moon_phases.py``)."""

from __future__ import annotations

import math
from datetime import UTC, datetime, timedelta

import numpy as np

from ._bars import bar_seconds
from .spec import Plot, StudySpec, colour

def _timestamp(tz, year: int, month: int, day: int, hour: int, minute: int, second: int) -> int:
    """Pine's ``timestamp`` in ``tz`` (out-of-range components roll over), in seconds."""
    year += (month - 1) // 12
    month = (month - 1) % 12 + 1
    wall = datetime(year, month, 1) + timedelta(days=day - 1, seconds=hour * 3600 + minute * 60 + second)
    return int(wall.replace(tzinfo=tz).timestamp())


def _time_from_jd(jd: float, tz) -> int:
    z = math.floor(jd + 0.5)
    f = (jd + 0.5) % 1
    alpha = math.floor((z - 1867216.25) / 36524.25)
    a = z if z < 2299161 else z + 1 + alpha - math.floor(alpha / 4.0)
    b = a + 1524
    c = math.floor((b - 122.1) / 365.25)
    d = math.floor(365.25 * c)
    e = math.floor((b - d) / 30.6001)
    day_float = b - d - math.floor(30.6001 * e) + f
    month = int(e - 1) if e < 13.5 else int(e - 13)
    year = int(c - 4716) if month > 2.5 else int(c - 4715)
    seconds = int((day_float % 1) * 60 * 60 * 24)
    hour = seconds / 3600  # a float in Pine v6; timestamp() truncates every component
    minute = (seconds - hour * 3600) / 60
    return _timestamp(tz, year, month, int(day_float), int(hour), int(minute), seconds % 60)


def _last_phase(close_time: int, tz) -> tuple[int, int]:
    """(time of the last new or full moon by the script's formula, +1 new / -1 full)."""
    d = datetime.fromtimestamp(close_time, tz)
    k = (d.timetuple().tm_yday / 364.25 + d.year - 1900) * 12.3685
    if k % 1.0 < 0.5:
        k, phase = math.floor(k), 1
    else:
        k, phase = math.floor(k) + 0.5, -1
    t = k / 1236.85
    sun = math.radians(359.2242 + 29.10535608 * k - 0.0000333 * t ** 2 - 0.00000347 * t ** 3)
    moon = math.radians(306.0253 + 385.81691806 * k + 0.0107306 * t ** 2 + 0.00001236 * t ** 3)
    f = math.radians(21.2964 + (390.67050646 * k - 0.0016528 * t ** 2 - 0.00000239 * t ** 3))
    dev = ((0.1734 - 0.000393 * t) * math.sin(sun) + 0.0021 * math.sin(2 * sun) - 0.4068 * math.sin(moon)
           + 0.0161 * math.sin(2 * moon) - 0.0004 * math.sin(3 * moon) + 0.0104 * math.sin(2 * f)
           - 0.0051 * math.sin(sun + moon) - 0.0074 * math.sin(sun - moon) + 0.0004 * math.sin(2 * f + sun)
           - 0.0004 * math.sin(2 * f - sun) - 0.0006 * math.sin(2 * f + moon) + 0.0010 * math.sin(2 * f - moon)
           + 0.0005 * math.sin(sun + 2 * moon))
    jd = (2415020.75933 + 29.53058868 * k + 0.0001178 * t ** 2 - 0.000000155 * t ** 3
          + 0.00033 * math.sin(math.radians(166.56) + math.radians(132.87) * t - math.radians(0.009173) * t ** 2)
          + dev)
    return _time_from_jd(jd, tz), phase


def moon_phases(time: np.ndarray, tz=UTC) -> tuple[np.ndarray, np.ndarray]:
    """(phase, moon_type) per bar, as the script's ``[moonPhaseAdjusted, moonType]``."""
    n = len(time)
    phase_out, type_out = np.full(n, np.nan), np.full(n, np.nan)
    step = bar_seconds(time)
    prev_last: int | None = None
    adjusted: int | None = None
    for i, t in enumerate(np.asarray(time, dtype=np.int64).tolist()):
        close_time = t + step
        last, phase = _last_phase(close_time, tz)
        if last >= close_time:
            last = prev_last  # timeLastMoonPhase[1]
        changed = i > 0 and last is not None and prev_last is not None and last != prev_last
        before = adjusted
        adjusted = phase if i == 0 or changed else adjusted
        if i > 0 and before is not None and adjusted != before:
            type_out[i] = phase
        phase_out[i] = adjusted
        prev_last = last
    return phase_out, type_out


def _compute(c, p):
    phase, kind = moon_phases(c.time, p.get("exchange_tz") or p.get("tz") or UTC)  # Pine: the exchange time zone
    return {"phase": phase, "moon_type": kind,
            "new_moon": np.where(kind == 1.0, c.high, np.nan), "full_moon": np.where(kind == -1.0, c.low, np.nan)}


def _legend(p, last, fmt):
    waxing = last.get("phase") == 1.0
    return [("new_moon" if waxing else "full_moon", f"Moon Phases  {'waxing' if waxing else 'waning'}")]


STUDY = StudySpec(
    name="Moon Phases",
    kind="moon_phases",
    aliases=("Moon Phase",),
    inputs=(colour("waxing_color", "#2962ff", "in_0", "Waxing Moon", "waxingMoonColorInput"),
            colour("waning_color", "#ffffff", "in_1", "Waning Moon", "waningMoonColorInput")),
    plots=(Plot("new_moon", kind="circles", color="input:waxing_color", width=5.0, scale=False,
                names=("plot", "new moon")),
           Plot("full_moon", kind="circles", color="input:waning_color", width=5.0, scale=False, names=("full moon",))),
    calendar=True,
    compute=_compute,
    legend=_legend,
)
