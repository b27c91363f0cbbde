"""Performance: TradingView's built-in of that name (``Performance.pine``): a table of % changes
over 1W, 1M, 3M, 6M, 12M, YTD and 5Y (the script's default ``Timeframe list``).

The script asks ``request.security(symbol, "1D", VAT.getDataAtPeriodOffsets(...),
lookahead_on)`` for each symbol of its list; the ``ValueAtTime`` library is published
(docs/official/libraries/TradingView/ValueAtTime-v2.pine) and ported with the script to the
oracle (devtools/oracle/ports/performance.py: the chart symbol's row, the "1D" request built
by PyneCore from the chart's own bars, on the daily, short and intraday series), equal to it. A day's close is the close of its last bar in
the exchange's trading day (:mod:`chart_export.sessions`; the chart's time zone when the exchange
is unknown); the change over a period is ``(close - then) / then * 100``, ``then``
being the close of the last day at or before ``periodToTimestamp``: ``1W`` (``nW``, ``nD``) 7 x 24 hours before
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
template that gives one has it named as an ignored key with the reason (a WARNING in the logs and
the manifest's ``meta.ignored_keys`` / ``ignored_reasons``, the renderer's warning for keys it
draws without), as the table's width / height percentages (the renderer fits the table to its
pane); turning ``Include chart symbol`` off, which would leave only other symbols, is refused by
``check``. "Positive Color" / "Negative Color" (``in_3`` / ``in_4``) colour the cells. The
``Timeframe list`` (``in_2``) gives the table's columns: ``[n]Y``, ``[n]M`` (as ``periodToTimestamp``),
``[n]W`` / ``[n]D`` (n weeks / days back) and ``YTD``; the outputs (the manifest's ``last``, the
oracle's vectors) stay the default list's.
"""

from __future__ import annotations

from datetime import UTC

import numpy as np

from ._math import local_seconds, period_ids
from ._table import Cell, Table
from .seasonality import table_size
from .spec import NA, Pane, Plot, StudySpec, choice, colour, flag, ignored, length, text

POS, NEG, GRAY = "#089981", "#f23745", "#787b86"
OTHER_SYMBOLS = ("a chart is drawn from one symbol's candles: only the chart symbol's row is drawn (the other symbols' "
                 "data is not available)")
PERIODS = (("w1", "1W"), ("m1", "1M"), ("m3", "3M"), ("m6", "6M"), ("m12", "12M"), ("ytd", "YTD"), ("y5", "5Y"))
DEFAULT_LIST = ", ".join(title for _, title in PERIODS)


def periods(text: str) -> list[str]:
    """ValueAtTime's ``getArrayFromString(str.upper(tfListInput))``: the comma-separated items,
    trimmed, empty ones left out."""
    return [t.strip() for t in text.upper().split(",") if t.strip()]


def _period(period: str) -> tuple[str, int]:
    """``periodToTimestamp``'s unit (``YTD``, ``Y``, ``M``, ``W``, ``D``) and multiplier (``getTFMult``:
    the number before the unit, 1 when there is none)."""
    if period == "YTD":
        return "YTD", 0
    unit, prefix = period[-1:], period[:-1]
    if unit not in ("Y", "M", "W", "D") or (prefix and not prefix.isdigit()):
        raise ValueError(f"{period!r} is not a period: Y, M, W or D with an optional multiplier (3M, 5Y), or YTD")
    return unit, int(prefix) if prefix else 1


def check_periods(text: str) -> str:
    """``text`` check of the Timeframe list (Pine stops with "Invalid period" on another unit)."""
    found = periods(text)
    if not found:
        raise ValueError("names no period (e.g. 1W, 1M, 3M, 6M, 12M, YTD, 5Y)")
    for period in found:
        _period(period)
    return ", ".join(found)


def _months_back(days: np.ndarray, n: int) -> np.ndarray:
    """ValueAtTime's ``periodToTimestamp`` for ``nM`` / ``nY``: ``timestamp(year, month - n, day)``,
    whose day rolls over into the next month when that month is shorter (31 March - 1M: 3 March,
    or 2 March in a leap year), as Pine's ``timestamp`` does."""
    d = days.astype("datetime64[D]")
    month = d.astype("datetime64[M]")
    dom = (d - month.astype("datetime64[D]")).astype(np.int64)
    return (month - np.timedelta64(n, "M")).astype("datetime64[D]").astype(np.int64) + dom


def changes(c, tz, names: list[str], open_minute: int = 0) -> list[np.ndarray]:
    """The % change over each period of ``names`` (``1W``, ``3M``, ``YTD``...) on every bar
    (``open_minute``: the session's open after the clock's midnight, the daily bars' time)."""
    n = len(c)
    close = np.asarray(c.close, dtype=np.float64)
    days = period_ids(c.time, tz, "day")
    if n == 0:
        return [np.empty(0) for _ in names]
    last_of_day = np.flatnonzero(np.r_[days[1:] != days[:-1], True])
    day_ids, day_close = days[last_of_day], close[last_of_day]
    # each day's opening time (UTC): the session open in the clock, with the day's first bar's offset
    first = np.r_[0, last_of_day[:-1] + 1]
    t = np.asarray(c.time, dtype=np.int64)
    day_open = t[first] - (local_seconds(t[first], tz) - (day_ids * 86400 + 60 * int(open_minute)))
    bar_open = day_open[np.cumsum(np.r_[True, days[1:] != days[:-1]]) - 1]
    out = []
    for name in names:
        unit, k = _period(name)
        if unit in ("W", "D"):  # referenceTime - timeframe.in_seconds(period): from the day's open
            idx = np.searchsorted(day_open, bar_open - k * (7 if unit == "W" else 1) * 86400, side="right") - 1
        else:
            if unit == "YTD":  # January 1st of the bar's year (its bar, else the last day before)
                target = days.astype("datetime64[D]").astype("datetime64[Y]").astype("datetime64[D]").astype(np.int64)
            else:
                target = _months_back(days, k * (12 if unit == "Y" else 1))
            idx = np.searchsorted(day_ids, target, side="right") - 1
        ok = idx >= 0
        then = np.full(n, np.nan)
        then[ok] = day_close[idx[ok]]
        with np.errstate(divide="ignore", invalid="ignore"):
            change = np.where(then != 0, (close - then) / then * 100.0, np.nan)
        change[~np.isfinite(change)] = np.nan
        out.append(change)
    return out


def _compute(c, p):
    """The default list's changes (the outputs: TradingView's columns, held to the oracle)."""
    found = changes(c, p.get("tz") or UTC, [title for _, title in PERIODS], p.get("session_open", 0))
    return {key: a for (key, _), a in zip(PERIODS, found)}


def _drawings(c, p, outputs):
    cutoff = float(p["cutoff"])
    names = periods(p["timeframes"])
    default = {title: key for key, title in PERIODS}
    other = [t for t in names if t not in default]  # a column of the default list is an output already
    found = dict(zip(other, changes(c, p.get("tz") or UTC, other, p.get("session_open", 0))))
    cells = [Cell(i + 1, 0, title, background=GRAY, alpha=0.2) for i, title in enumerate(names)]
    cells.append(Cell(0, 1, "Chart symbol", background=GRAY, alpha=0.2))
    for i, title in enumerate(names):
        series = outputs[default[title]] if title in default else found[title]
        v = float(series[-1]) if len(series) else float("nan")
        if np.isfinite(v):
            base = p["pos_color" if v >= 0 else "neg_color"][:7]  # color.new(input.color(...), 0)
            cells.append(Cell(i + 1, 1, number=("percent", v), text_color=base, background=base,
                              alpha=0.1 + 0.2 * min(abs(v) / cutoff, 1.0) if cutoff > 0 else 0.3))
        else:
            cells.append(Cell(i + 1, 1, number=("percent", v), na_text="No data", background=GRAY, alpha=0.02))
    return [Table(f"{p['position_y']}_{p['position_x']}", len(names) + 1, 2, tuple(cells), header_rows=1,
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
        # TradingView's positions count every input of the script: in_1 the symbol list, in_8 / in_9
        # the table's size (ignored, with the reason)
        flag("include_current", True, "Include chart symbol", "in_0"),
        text("timeframes", DEFAULT_LIST, "Timeframe list", "tfListInput", "in_2", check=check_periods, max_length=500),
        colour("pos_color", POS, "Positive Color", "posColorInput", "in_3"),
        colour("neg_color", NEG, "Negative Color", "negColorInput", "in_4"),
        length("cutoff", 10, "Color intensity cutoff (%)", "cutoff", "in_5", minimum=1, maximum=1000),
        choice("position_x", "center", {"left": "left", "center": "center", "right": "right"},
               "Table position", "in_6"),
        choice("position_y", "middle", {"top": "top", "middle": "middle", "bottom": "bottom"}, "in_7"),
    ),
    plots=tuple(Plot(key, kind="custom", color="#787b86", names=(title.lower(),)) for key, title in PERIODS),
    pane=Pane(range=(0.0, 1.0), ticks=()),
    compute=_compute, calendar=True, drawings=_drawings, legend=_legend, check=_check,
    ignored=(ignored(OTHER_SYMBOLS, "Symbol list", "symbolListInput", "in_1"),
             *table_size("Table width (%)", "Table height (%)", 8)),
)
