"""Relative Volume at Time, TradingView's built-in (``Relative Volume at Time.pine``, "RelVol")::

    [currentVolume, pastVolume, _] = ta.relativeVolume(lengthInput, anchorTimeframeInput,
                                                       calculationModeInput == "Cumulative", adjustRealtimeInput)
    plot(currentVolume / pastVolume, "Relative Volume Ratio", ..., plot.style_columns, histbase = 1)
    hline(1)

``ta.relativeVolume`` is TradingView's ``ta`` library's (docs/official/libraries/TradingView/
ta-v10.pine; the script imports ta/7, whose function has the same text but imports
``RelativeValue/2`` where v10 imports ``RelativeValue/3``: only v3 is published,
RelativeValue-v3.pine, and ported): ported with the script to the oracle
(devtools/oracle/ports/relative_volume_at_time.py) and equal to it on every committed series.
A new period starts with each bar of the "Anchor Timeframe" (``timeframe.change``; 1D default;
1W, 1M, 3M, 12M: calendar periods of the exchange's trading day, :mod:`chart_export.sessions`; the chart's time
zone when the exchange is unknown; intraday anchors "1" to "240" minutes, ``_math.INTRADAY``,
from the regular session's open, ``session_open``: on NASDAQ "60" at 09:30, 10:30..., "240" at
09:30 and 13:30, as TradingView's intraday bars; around the clock from the trading day's start) and
starts at ``time(anchor)``, the period's own start (midnight, Monday, the 1st, the session open), not its first
bar; the current volume is the bar's own ("Regular") or the period's volume up to and including
the bar ("Cumulative", default); the past volume is the mean over the previous ``length``
periods (fewer at the start of the history; none: na) of each one's value at the last bar whose
time is at most its start + this bar's offset from its period's start (``binary_search_leftmost``:
the bar at that time, else the one before, else the period's first). When the anchor is not
longer than the chart's bars every bar is its own period: the ratio of the bar's volume to the
mean of the previous ``length`` bars'. "Adjust Unconfirmed" changes only a bar still forming;
candles are closed bars, so it changes nothing here.
Columns from 1 (``histbase = 1``), green above 1, red below, the dashed line at 1."""

from __future__ import annotations

from datetime import UTC

import numpy as np

from ._math import intraday_periods, local_seconds, period_ids
from ._bars import bar_seconds
from .multi_time_period_charts import TIMEFRAMES as ANCHORS, UNITS  # the same five anchor timeframes
from .spec import Pane, Plot, StudySpec, choice, flag, length, no_volume_note

SECONDS = {"1D": 86400, "1W": 7 * 86400, "1M": 28 * 86400, "3M": 89 * 86400, "12M": 365 * 86400}
MODES = {"cumulative": "Cumulative", "regular": "Regular"}


def _period_start(t: np.ndarray, tz, unit: str) -> np.ndarray:
    """``time(anchor)``: the UTC epoch second at which each bar's calendar period begins in
    ``tz`` (local midnight of the day, Monday, first of the month / quarter / year), taken with
    the bar's own UTC offset."""
    local = local_seconds(t, tz)
    days = local // 86400
    if unit == "day":
        first = days
    elif unit == "week":
        first = (days + 3) // 7 * 7 - 3
    else:
        months = days.astype("datetime64[D]").astype("datetime64[M]").astype(np.int64)
        months = {"month": months, "quarter": months // 3 * 3, "year": months // 12 * 12}[unit]
        first = months.astype("datetime64[M]").astype("datetime64[D]").astype(np.int64)
    return t - (local - first * 86400)


def relative_volume(time: np.ndarray, volume: np.ndarray, n: int, anchor: str, cumulative: bool, tz=UTC,
                    open_minute: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """(current volume, past volume) per bar: ``ta.relativeVolume`` of TradingView's ta library
    with RelativeValue's ``calcCumulativeSeries`` and ``averageAtTime`` (an intraday anchor's
    periods from the session open, ``open_minute`` after the clock's midnight)."""
    t = np.asarray(time, dtype=np.int64)
    v = np.nan_to_num(np.asarray(volume, dtype=np.float64))
    size = t.shape[0]
    past = np.full(size, np.nan)
    if size == 0:
        return v.copy(), past
    if bar_seconds(t) >= (60 * int(anchor) if anchor.isdigit() else SECONDS[anchor]):
        pid, start = np.arange(size), t  # every bar opens a period of the anchor, which starts at the bar
    elif anchor.isdigit():
        pid, start = intraday_periods(t, tz, int(anchor), open_minute)
    else:
        pid, start = period_ids(t, tz, UNITS[anchor]), _period_start(t, tz, UNITS[anchor])
    new = np.r_[True, pid[1:] != pid[:-1]]  # timeframe.change(anchor); the first bar opens the first period too
    number = np.cumsum(new) - 1
    starts = np.flatnonzero(new)
    current = v.copy()
    if cumulative:  # calcCumulativeSeries: var sum reset on an anchor bar, then sum += volume
        for a, b in zip(starts, np.r_[starts[1:], size]):
            current[a:b] = np.cumsum(v[a:b])
    # averageAtTime: each of the previous n periods gives its value at the last bar whose time is at
    # most its start + the bar's offset from its own period's start (binary_search_leftmost: an exact
    # time, else the one before, the period's first when none is), summed oldest first, / n periods
    offset = t - start[starts[number]]
    acc, count = np.zeros(size), np.zeros(size, dtype=np.int64)
    bounds = np.r_[starts, size]
    for j in range(len(starts)):
        times, data = t[bounds[j]:bounds[j + 1]], current[bounds[j]:bounds[j + 1]]
        lo, hi = bounds[min(j + 1, len(starts))], bounds[min(j + 1 + n, len(starts))]
        if lo >= hi:
            continue
        target = start[bounds[j]] + offset[lo:hi]
        idx = np.searchsorted(times, target, side="left")
        hit = (idx < times.shape[0]) & (times[np.minimum(idx, times.shape[0] - 1)] == target)
        idx = np.where(hit, idx, np.maximum(idx - 1, 0))
        acc[lo:hi] += data[idx]
        count[lo:hi] += 1
    with np.errstate(invalid="ignore", divide="ignore"):
        past = np.where(count > 0, acc / np.maximum(count, 1), np.nan)
    return current, past


def _compute(c, p):
    current, past = relative_volume(c.time, c.volume, p["length"], p["anchor"], p["mode"] == "Cumulative",
                                    p.get("tz") or UTC, p.get("session_open", 0))
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.where(past > 0, current / np.where(past > 0, past, 1.0), np.nan)
    return {"ratio": ratio, "above": np.where(ratio > 1, ratio, np.nan), "below": np.where(ratio <= 1, ratio, np.nan),
            "current": current, "past": past}


STUDY = StudySpec(
    name="Relative Volume at Time",
    kind="relvol",
    aliases=("RelVol", "Relative Volume", "RVOL"),
    inputs=(
        choice("anchor", "1D", ANCHORS, "Anchor Timeframe", "anchorTimeframe", "in_0"),
        length("length", 10, "Length", "length", "in_1"),
        choice("mode", "Cumulative", MODES, "Calculation Mode", "calculationMode", "in_2"),
        flag("adjust", True, "Adjust Unconfirmed", "adjustRealtime", "in_3"),
    ),
    plots=(
        Plot("above", kind="histogram", color="#4CAF50", rule="sign", colors=("#4CAF50", "#4CAF50"), alpha=0.5,
             base=1.0, names=("plot", "relative volume ratio")),
        Plot("below", kind="histogram", color="#F44336", rule="sign", colors=("#F44336", "#F44336"), alpha=0.5,
             base=1.0, names=("relative volume ratio (below 1)",)),
    ),
    pane=Pane(include=(1.0,), lines=(1.0,), format="auto"),
    calendar=True,
    compute=_compute,
    note=no_volume_note,
    legend=lambda p, last, fmt: [("above" if last.get("ratio", 0) > 1 else "below",
                                  f"RelVol ({p['anchor']}, {p['length']}, {p['mode']})  {fmt.fixed2(last['ratio'])}")],
)
