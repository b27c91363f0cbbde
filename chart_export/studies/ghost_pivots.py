"""Rob Booker - Ziv Ghost Pivots ("Ghost Pivots"), TradingView's built-in: the typical price
(hlc3) of the 4-hour, day, week and month bar each chart bar belongs to, taken with
``barmerge.lookahead_on`` (the whole period's bar, so historical bars see their period's final
value), marked "8", "d", "w", "m"; and a close line (Pine source: deepentropy/oakscriptJS,
docs/official/indicators_standard/Rob Booker - Ziv Ghost Pivots.pine, commit be99ba4e)::

    plot(close, "Close Price", color = #00BCD4)
    etime_pivot = sd == true ? request.security(syminfo.tickerid, "240", hlc3[0], barmerge.gaps_off, barmerge.lookahead_on) : na
    dtime_pivot = sd == true ? request.security(..., "D", hlc3[0], ...) : na      // likewise "W" (sw), "M" (sm)
    plotchar(etime_pivot, color=#00BCD4, char="8", location = location.absolute)   // "d" #2962FF, "w" #673AB7, "m" #E91E63

As the script, "Show Next 4 HR Pivot" gates nothing (the 4-hour value follows "Show Next Day (8
HR) Pivot"). The higher-timeframe bars are built from the chart's own bars: periods of the
exchange's trading day (``calendar``, :mod:`chart_export.sessions`; the chart's time zone when the
exchange is unknown; 4-hour periods from the regular session's open, ``session_open``: 09:30
and 13:30 New York on NASDAQ, from the trading day's start around the clock; weeks from Monday), high
= the period's highest high, low its lowest low, close its last close; a period no longer than
the chart's bars is the bar itself (the chart's bars cannot tell TradingView's lower-timeframe
value: a "240" request on a daily chart). Equal to the oracle (``devtools/oracle/ports/
ghost_pivots.py``): PyneCore cannot give a bare ``hlc3[0]`` with lookahead_on (it gives the
period built so far), so the port requests ``hlc3[1]``, fixed when the period opens, and
``tests/test_oracle.py`` (``next_period``) compares our value on the bars of period k with the
port's on the first bar of period k+1 (period k's final hlc3); the last period of a series is
compared to nothing. Like the oracle, the first period holds only the chart's bars (TradingView's
own D / W / M feeds reach further back). Drawing: ``plotchar`` writes its
character on every bar, a solid smear at 5 px per bar; here each value is a level line per
period in its colour with its character at the start of each period of three bars or more
(pinned to the window)."""

from __future__ import annotations

from datetime import UTC

import numpy as np

from ._drawing import Label
from ._math import timeframe_ids
from .spec import Plot, StudySpec, flag

# (output, plotchar character, colour, the toggle that shows it, the request's timeframe)
SERIES = (("four_hour", "8", "#00BCD4", "show_day", "240"), ("day", "d", "#2962FF", "show_day", "1D"),
          ("week", "w", "#673AB7", "show_week", "1W"), ("month", "m", "#E91E63", "show_month", "1M"))


def period_hlc3(c, ids: np.ndarray) -> np.ndarray:
    """hlc3 of each bar's whole period (lookahead): highest high, lowest low, last close."""
    n = len(c)
    if n == 0:
        return np.zeros(0)
    starts = np.flatnonzero(np.r_[True, ids[1:] != ids[:-1]])
    hi = np.maximum.reduceat(np.asarray(c.high, dtype=np.float64), starts)
    lo = np.minimum.reduceat(np.asarray(c.low, dtype=np.float64), starts)
    ends = np.r_[starts[1:], n] - 1
    val = (hi + lo + np.asarray(c.close, dtype=np.float64)[ends]) / 3.0
    return np.repeat(val, np.diff(np.r_[starts, n]))


def _compute(c, p):
    tz = p.get("tz") or UTC
    n = len(c)
    out = {"close": np.asarray(c.close, dtype=np.float64)}
    for key, _, _, show, timeframe in SERIES:
        if not p[show]:
            out[key] = np.full(n, np.nan)
            continue  # 240 periods from the session open, as TradingView's 4-hour bars (_math.intraday_periods)
        out[key] = period_hlc3(c, timeframe_ids(c.time, tz, timeframe, p.get("session_open", 0)))
    return out


def _drawings(c, p, out):
    drawn = []
    for key, char, _, _, _ in SERIES:
        v = out[key]
        if not np.isfinite(v).any():
            continue
        change = np.flatnonzero(np.r_[True, v[1:] != v[:-1]])
        ends = np.r_[change[1:], len(v)]
        for a, b in zip(change.tolist(), ends.tolist()):
            if b - a < 3:  # a period of one or two chart bars: its character would only crowd the bars
                continue
            drawn.append(Label(a - 0.5, float(v[a]), char, until=b - 0.5, style="left", text_color="=" + key,
                               plot=key))
    return drawn


def _legend(p, last, fmt):
    return [("close", f"Ghost Pivots  {fmt.price(last['close'])}"), ("day", f"d  {fmt.price(last['day'])}"),
            ("week", f"w  {fmt.price(last['week'])}"), ("month", f"m  {fmt.price(last['month'])}")]


STUDY = StudySpec(
    name="Rob Booker - Ziv Ghost Pivots",
    kind="ghost_pivots",
    aliases=("Ghost Pivots", "Ziv Ghost Pivots"),
    inputs=(
        flag("show_4h", True, "in_0", "Show Next 4 HR Pivot", "s4"),
        flag("show_day", True, "in_1", "Show Next Day (8 HR) Pivot", "sd"),
        flag("show_week", True, "in_2", "Show Next Week Pivot", "sw"),
        flag("show_month", True, "in_3", "Show Next Month Pivot", "sm"),
    ),
    plots=(Plot("close", color="#00BCD4", width=1.0, names=("plot", "close price")),
           *(Plot(k, kind="levels", color=col, width=1.0, names=(k.replace("_", " "),)) for k, _, col, _, _ in SERIES)),
    compute=_compute,
    legend=_legend,
    drawings=_drawings,
    calendar=True,
)
