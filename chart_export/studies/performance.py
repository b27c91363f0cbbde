"""Performance: TradingView's built-in of that name (``Performance.pine``): a table of % changes
over 1W, 1M, 3M, 6M, 12M, YTD and 5Y (the script's default ``Timeframe list``).

The script asks ``request.security(symbol, "1D", VAT.getDataAtPeriodOffsets(...),
lookahead_on)`` for each symbol of its list; the ``ValueAtTime`` library is published
(docs/official/libraries/TradingView/ValueAtTime-v2.pine) and ported with the script to the
oracle (devtools/oracle/ports/performance.py: the chart symbol's row, the "1D" request built
by PyneCore from the chart's own bars, on the daily, short and intraday series), equal to it. A day's close is the close of its last bar in
the exchange's trading day (:mod:`chart_export.sessions`; the chart's time zone when the exchange
is unknown); the change over a period is ``(close - then) / then * 100``, ``then``
being the close of the last day at or before ``periodToTimestamp``: ``1W`` 7 x 24 hours before
the day's opening time (a daily bar's ``time``: the regular session's open, ``session_open``),
so across a daylight-saving change it can fall an hour before that day's open (NASDAQ, the week
after the spring change: 09:30 EDT - 7 days = 08:30 EST, before the day's 09:30 open, so the
trading day before it; measured on the oracle's NASDAQ run); ``nM``
``timestamp(year, month - n, day)`` and ``nY`` ``timestamp(year - n, month, day)``, whose day
rolls over into the next month when that month is shorter (31 March - 1M: 3 March); ``YTD``
January 1st. A period the history does not reach back to is ``No data`` (the manifest: null):
TradingView's daily request reaches further back than a chart's candles, and the library would
clamp to the first bar (``binary_search_leftmost``), a change over a shorter period than the
column's; the port says the same. Computed on every bar (that bar as the newest, the script's
``last_bar_time`` on the last), so the manifest's ``last`` holds the chart's own row.

Other symbols: TradingView's default ``Symbol list`` compares five other symbols (AAPL,
NASDAQ:AMZN, EURUSD, ES1!, BTCUSD). A chart has one symbol's candles, so only the chart symbol's
row is drawn and the legend says so; no row is invented. There is no ``Symbol list`` input: a
template that gives one has it named as an ignored key (a WARNING in the logs and the manifest's
``meta.ignored_keys``, the renderer's warning for keys it draws without), and turning ``Include
chart symbol`` off, which would leave only other symbols, is refused by ``check``.
"""

from __future__ import annotations

from datetime import UTC

import numpy as np

from ._math import local_seconds, period_ids
from ._table import Cell, Table
from .spec import NA, Pane, Plot, StudySpec, choice, flag, length

POS, NEG, GRAY = "#089981", "#F23745", "#787b86"
PERIODS = (("w1", "1W"), ("m1", "1M"), ("m3", "3M"), ("m6", "6M"), ("m12", "12M"), ("ytd", "YTD"), ("y5", "5Y"))
_MONTHS = {"m1": 1, "m3": 3, "m6": 6, "m12": 12, "y5": 60}


def _months_back(days: np.ndarray, n: int) -> np.ndarray:
    """ValueAtTime's ``periodToTimestamp`` for ``nM`` / ``nY``: ``timestamp(year, month - n, day)``,
    whose day rolls over into the next month when that month is shorter (31 March - 1M: 3 March,
    or 2 March in a leap year), as Pine's ``timestamp`` does."""
    d = days.astype("datetime64[D]")
    month = d.astype("datetime64[M]")
    dom = (d - month.astype("datetime64[D]")).astype(np.int64)
    return (month - np.timedelta64(n, "M")).astype("datetime64[D]").astype(np.int64) + dom


def _compute(c, p):
    tz = p.get("tz") or UTC
    n = len(c)
    close = np.asarray(c.close, dtype=np.float64)
    days = period_ids(c.time, tz, "day")
    if n == 0:
        return {key: np.empty(0) for key, _ in PERIODS}
    last_of_day = np.flatnonzero(np.r_[days[1:] != days[:-1], True])
    day_ids, day_close = days[last_of_day], close[last_of_day]
    # each day's opening time (UTC): the session open in the clock, with the day's first bar's offset
    first = np.r_[0, last_of_day[:-1] + 1]
    t = np.asarray(c.time, dtype=np.int64)
    day_open = t[first] - (local_seconds(t[first], tz) - (day_ids * 86400 + 60 * int(p.get("session_open", 0))))
    bar_open = day_open[np.cumsum(np.r_[True, days[1:] != days[:-1]]) - 1]
    out = {}
    for key, _ in PERIODS:
        if key == "w1":  # 7 x 24 hours before the day's open: the last day opened by then
            idx = np.searchsorted(day_open, bar_open - 7 * 86400, side="right") - 1
        else:  # YTD: January 1st of the bar's year (its bar, else the last day before); nM, nY
            target = (days.astype("datetime64[D]").astype("datetime64[Y]").astype("datetime64[D]").astype(np.int64)
                      if key == "ytd" else _months_back(days, _MONTHS[key]))
            idx = np.searchsorted(day_ids, target, side="right") - 1
        ok = idx >= 0
        then = np.full(n, np.nan)
        then[ok] = day_close[idx[ok]]
        with np.errstate(divide="ignore", invalid="ignore"):
            change = np.where(then != 0, (close - then) / then * 100.0, np.nan)
        change[~np.isfinite(change)] = np.nan
        out[key] = change
    return out


def _drawings(c, p, outputs):
    cutoff = float(p["cutoff"])
    cells = [Cell(i + 1, 0, title, background=GRAY, alpha=0.2) for i, (_, title) in enumerate(PERIODS)]
    cells.append(Cell(0, 1, "Chart symbol", background=GRAY, alpha=0.2))
    for i, (key, _) in enumerate(PERIODS):
        v = float(outputs[key][-1]) if len(outputs[key]) else float("nan")
        if np.isfinite(v):
            base = POS if v >= 0 else NEG
            cells.append(Cell(i + 1, 1, number=("percent", v), text_color=base, background=base,
                              alpha=0.1 + 0.2 * min(abs(v) / cutoff, 1.0) if cutoff > 0 else 0.3))
        else:
            cells.append(Cell(i + 1, 1, number=("percent", v), na_text="No data", background=GRAY, alpha=0.02))
    return [Table(f"{p['position_y']}_{p['position_x']}", len(PERIODS) + 1, 2, tuple(cells), header_rows=1,
                  key="performance")]


def _legend(p, last, fmt):
    """The 1W change (the table has them all) and that only the chart symbol's row is drawn."""
    from ._table import cell_text

    return [("text", f"Performance (1W, chart symbol only)  {cell_text(('percent', last.get('w1', float('nan'))), '', NA)}")]


def _check(p):
    if not p["include_current"]:
        return ("Performance draws the chart symbol's row only (a chart has one symbol's candles; the other "
                "symbols of TradingView's Symbol list are not available): 'Include chart symbol' cannot be off")
    return None


STUDY = StudySpec(
    name="Performance", kind="performance", aliases=("performance table",),
    inputs=(
        # TradingView's positions count every input of the script: in_1 / in_2 the symbol and
        # timeframe lists, in_3 / in_4 the colours, in_8 / in_9 the table's size
        flag("include_current", True, "Include chart symbol", "in_0"),
        length("cutoff", 10, "Color intensity cutoff (%)", "cutoff", "in_5", minimum=1, maximum=1000),
        choice("position_x", "center", {"left": "left", "center": "center", "right": "right"},
               "Table position", "in_6"),
        choice("position_y", "middle", {"top": "top", "middle": "middle", "bottom": "bottom"}, "in_7"),
    ),
    plots=tuple(Plot(key, kind="custom", color="#787b86", names=(title.lower(),)) for key, title in PERIODS),
    pane=Pane(range=(0.0, 1.0), ticks=()),
    compute=_compute, calendar=True, drawings=_drawings, legend=_legend, check=_check,
)
