"""Multi-Time Period Charts, TradingView's built-in (``Multi-Time Period Charts.pine``, "MTPC"):
each period of a higher timeframe drawn as a box behind the chart's bars, from the period's first
bar to its last, between its high and low (or open and close, or its true range), green when the
period closed at or above its open, red below.

Ported from the Pine source with its default "Use daily-based values" off, where the higher
timeframe's bars are built from the chart's own bars (``chartOHLC``)::

    if timeframe.change(tf)
        htfOpen := open, htfHigh := high, htfLow := low, prevClose := close[1]
    htfHigh := math.max(high, htfHigh), htfLow := math.min(low, htfLow)
    OHLC.new(htfOpen, htfHigh, htfLow, close, prevClose)

so one symbol's candles determine it exactly. ``timeframe.change`` is false on the chart's first
bar, so the period the data starts in has no values and no box. ``open``, ``high``, ``low``, ``close``,
``prev_close`` are those developing values bar by bar (checked against the oracle,
``devtools/oracle/ports/multi_time_period_charts.py``); the boxes use each period's final
values, as TradingView's boxes do once a period is complete (the last one: the values so far).
Auto-timeframe (default): 1 day below daily charts, 1 week below weekly, 1 month below monthly,
3 months, else 12 months (``selectAutoTimeframe``; seconds charts' 2 hours are not offered);
otherwise "Timeframe" 1D, 1W, 1M (default), 3M or 12M, or an intraday one ("1" to "240"
minutes, ``_math.INTRADAY``). Periods are calendar periods of the exchange's trading day
(:mod:`chart_export.sessions`, as TradingView; the chart's time zone when the exchange is
unknown), a week from Monday; intraday periods start at the regular session's open
(``session_open``: on NASDAQ "60" at 09:30, 10:30..., "240" at 09:30 and 13:30, as TradingView's
intraday bars of a US stock; around the clock from the trading day's start). Calculation "High/Low
Range" (default), "Open/Close Range" or "True Range"; "OHLC" (a body box inside) is not offered.
"Display Heikin Ashi values" (``in_3``) draws the periods' Heikin Ashi values as ``chartOHLC``
computes them from the chart's bars (``haFrom``). "Use daily-based values" (``in_4``) asks
TradingView's own higher-timeframe feed: not in a candle file, it is named as an ignored key with
the reason. Boxes: a fill per period (alternate periods in separate outputs so neighbouring boxes
stay apart) and its top and bottom edges, in the "Border and fill colors" inputs (``in_5`` ..
``in_8``: up border, up fill, down border, down fill; the fills at their own opacity)."""

from __future__ import annotations

from datetime import UTC

import numpy as np

from ._math import INTRADAY, options, timeframe_ids
from ._bars import bar_seconds
from .spec import Fill, Plot, StudySpec, choice, colour, flag, ignored

UP, DOWN = "#009688", "#f44336"
TIMEFRAMES = {"1d": "1D", "d": "1D", "1440": "1D", "1w": "1W", "w": "1W", "1m": "1M", "m": "1M", "3m": "3M",
              "12m": "12M", "1y": "12M", **INTRADAY}
UNITS = {"1D": "day", "1W": "week", "1M": "month", "3M": "quarter", "12M": "year"}
CALC = {**options("High/Low Range", "Open/Close Range", "True Range"), "hl": "High/Low Range",
        "oc": "Open/Close Range", "tr": "True Range"}


def auto_timeframe(step: int) -> str:
    """``selectAutoTimeframe`` for a chart whose bars are ``step`` seconds long."""
    if step < 86400:
        return "1D"
    if step < 604800:
        return "1W"
    if step < 2628003:
        return "1M"
    return "3M" if step < 7884009 else "12M"


def developing(c, pid: np.ndarray, ha: bool = False) -> dict[str, np.ndarray]:
    """``chartOHLC``: the period's open, high and low so far, the close, the close before the period;
    with ``ha`` ("Display Heikin Ashi values") its Heikin Ashi values (``haFrom``)."""
    n = len(c)
    new = np.r_[True, pid[1:] != pid[:-1]] if n else np.zeros(0, dtype=bool)
    start = np.maximum.accumulate(np.where(new, np.arange(n), 0))
    o, h, l, cl = (np.asarray(x, dtype=np.float64) for x in (c.open, c.high, c.low, c.close))
    high, low = np.empty(n), np.empty(n)
    for a, b in zip(np.flatnonzero(new).tolist(), [*np.flatnonzero(new)[1:].tolist(), n]):
        high[a:b] = np.fmax.accumulate(h[a:b])
        low[a:b] = np.fmin.accumulate(l[a:b])
    prev = np.r_[np.nan, cl[:-1]] if n else np.zeros(0)
    out = {"open": o[start], "high": high, "low": low, "close": cl.copy(), "prev_close": prev[start]}
    first = start == 0  # timeframe.change() is false on the first bar: na until the first new period
    for key in ("open", "high", "low", "prev_close"):
        out[key][first] = np.nan
    return heikin_ashi(out, new) if ha else out


def heikin_ashi(bar: dict[str, np.ndarray], new: np.ndarray) -> dict[str, np.ndarray]:
    """``chartOHLC(tf, true)``: on each bar ``haFrom(htfOpen, htfHigh, htfLow, close, prevHaO, prevHaC)``,
    ``prevHaO`` / ``prevHaC`` the Heikin Ashi open / close of the previous period's last bar (na in the
    first one: the open is then ``(o + c) / 2``); ``prev_close`` is ``prevHaC``."""
    o, h, l, c = bar["open"], bar["high"], bar["low"], bar["close"]
    n = len(c)
    ha_c = (o + h + l + c) / 4
    ha_o, prev_c = np.full(n, np.nan), np.full(n, np.nan)
    starts = np.flatnonzero(new).tolist()
    p_o = p_c = np.nan
    for a, b in zip(starts, [*starts[1:], n]):
        if a > 0:  # timeframe.change: prevHaO := haOpen, prevHaC := haClose (the last bar's)
            p_o, p_c = ha_o[a - 1], ha_c[a - 1]
        ha_o[a:b] = (o[a:b] + c[a:b]) / 2 if np.isnan(p_o) or np.isnan(p_c) else (p_o + p_c) / 2
        prev_c[a:b] = p_c
    with np.errstate(invalid="ignore"):
        high = np.maximum(np.maximum(h, ha_o), ha_c)  # math.max: na when any is na
        low = np.minimum(np.minimum(l, ha_o), ha_c)
    return {"open": ha_o, "high": high, "low": low, "close": ha_c, "prev_close": prev_c}


def _compute(c, p):
    tf = auto_timeframe(bar_seconds(c.time)) if p["auto"] else p["timeframe"]
    pid = timeframe_ids(c.time, p.get("tz") or UTC, tf, p.get("session_open", 0))
    dev = developing(c, pid, p["heikin_ashi"])
    n = len(c)
    out = dict(dev)
    if not n:
        return out | {k: np.zeros(0) for k in _BOX_KEYS}
    new = np.r_[True, pid[1:] != pid[:-1]]
    index = np.cumsum(new) - 1  # period number of each bar
    last = np.r_[np.flatnonzero(new)[1:] - 1, n - 1][index]  # each bar's period's last bar
    if p["calc"] == "Open/Close Range":
        top, bottom = dev["close"][last], dev["open"]
    elif p["calc"] == "True Range":
        top, bottom = np.fmax(dev["high"][last], dev["prev_close"]), np.fmin(dev["low"][last], dev["prev_close"])
    else:
        top, bottom = dev["high"][last], dev["low"][last]
    if p["calc"] == "Open/Close Range":
        top, bottom = np.fmax(top, bottom), np.fmin(top, bottom)
    up = dev["close"][last] - dev["open"] >= 0
    for d, mask in (("up", up), ("dn", ~up)):
        out[f"top_{d}"] = np.where(mask, top, np.nan)
        out[f"bottom_{d}"] = np.where(mask, bottom, np.nan)
        for parity in (0, 1):
            m = mask & (index % 2 == parity)
            out[f"box_top_{d}{parity}"] = np.where(m, top, np.nan)
            out[f"box_bottom_{d}{parity}"] = np.where(m, bottom, np.nan)
    return out


_BOX_KEYS = tuple(f"{edge}_{d}" for d in ("up", "dn") for edge in ("top", "bottom")) + tuple(
    f"box_{edge}_{d}{p}" for d in ("up", "dn") for p in (0, 1) for edge in ("top", "bottom"))


def _legend(p, last, fmt):
    tf = "auto" if p["auto"] else p["timeframe"]
    return [("top_up" if last.get("close", np.nan) >= last.get("open", np.nan) else "top_dn",
             f"MTPC ({tf}, {p['calc']}{', Heikin Ashi' if p['heikin_ashi'] else ''})  "
             f"{fmt.price(last['high'])} / {fmt.price(last['low'])}")]


STUDY = StudySpec(
    name="Multi-Time Period Charts",
    kind="mtpc",
    aliases=("MTPC", "Multi Time Period Charts"),
    inputs=(
        flag("auto", True, "Auto-timeframe", "autoTF", "in_0"),
        choice("timeframe", "1M", TIMEFRAMES, "Timeframe", "timeframe", "in_1"),
        choice("calc", "High/Low Range", CALC, "Calculation", "calc", "in_2"),
        flag("heikin_ashi", False, "Display Heikin Ashi values", "useHaInput", "in_3"),
        # "Border and fill colors": borders, then fills at their own opacity (color.new(c, 70): 70 %
        # transparent, alpha 0x4D)
        colour("up_border", UP, "Up bars", "upBorderColorInput", "in_5"),
        colour("up_body", UP + "4D", "upBodyColorInput", "in_6"),
        colour("down_border", DOWN, "Down bars", "dnBorderColorInput", "in_7"),
        colour("down_body", DOWN + "4D", "dnBodyColorInput", "in_8"),
    ),
    ignored=(ignored("daily-based values are TradingView's own higher-timeframe feed (a stock's daily bars differ from "
                     "its intraday ones, and reach before the chart's first bar); one symbol's chart candles give the "
                     "chart-based values drawn", "Use daily-based values", "useDailyInput", "in_4"),),
    plots=(
        Plot("top_up", kind="levels", color="input:up_border", width=1.0, scale=False, names=("plot", "up bars")),
        Plot("bottom_up", kind="levels", color="input:up_border", width=1.0, scale=False, names=("up bars bottom",)),
        Plot("top_dn", kind="levels", color="input:down_border", width=1.0, scale=False, names=("down bars",)),
        Plot("bottom_dn", kind="levels", color="input:down_border", width=1.0, scale=False,
             names=("down bars bottom",)),
    ),
    fills=tuple(Fill(f"box_top_{d}{p}", f"box_bottom_{d}{p}", color=f"input:{d.replace('dn', 'down')}_body",
                     color_below=f"input:{d.replace('dn', 'down')}_body", alpha=None, z=0.6)
                for d in ("up", "dn") for p in (0, 1)),
    calendar=True,
    compute=_compute,
    legend=_legend,
)
