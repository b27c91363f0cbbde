"""Performance: TradingView's built-in of that name (``Performance.pine``): a table of % changes
over 1W, 1M, 3M, 6M, 12M, YTD and 5Y (the script's default ``Timeframe list``).

The script asks ``request.security(symbol, "1D", VAT.getDataAtPeriodOffsets(...),
lookahead_on)`` for each symbol of its list; the ``ValueAtTime`` library is published
(docs/official/libraries/TradingView/ValueAtTime-v2.pine) and ported with the script to the
oracle (devtools/oracle/ports/performance.py: the chart symbol's row, the "1D" request built
by PyneCore from the chart's own bars, on the daily, short and intraday series), equal to it. A day's close is the close of its last bar in
the exchange's trading day (:mod:`chart_export.sessions`; the chart's time zone when the exchange
is unknown); the change over a period is ``(close - then) / then * 100``, ``then``
being the close of the last day at or before ``periodToTimestamp``: ``1W`` 7 days back; ``nM``
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
draws without), as the ``Timeframe list`` (the columns are the default list) and the table's
width / height percentages (the renderer fits the table to its pane); turning ``Include chart
symbol`` off, which would leave only other symbols, is refused by ``check``. "Positive Color" /
"Negative Color" (``in_3`` / ``in_4``) colour the cells.
"""

from __future__ import annotations

from datetime import UTC

import numpy as np

from ._math import period_ids
from ._table import Cell, Table
from .seasonality import table_size
from .spec import NA, Pane, Plot, StudySpec, choice, colour, flag, ignored, length

POS, NEG, GRAY = "#089981", "#f23745", "#787b86"
OTHER_SYMBOLS = ("a chart is drawn from one symbol's candles: only the chart symbol's row is drawn (the other symbols' "
                 "data is not available)")
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
    out = {}
    for key, _ in PERIODS:
        if key == "w1":
            target, side = days - 7, "right"
        elif key == "ytd":  # January 1st of the bar's year (its bar, else the last day before)
            target = days.astype("datetime64[D]").astype("datetime64[Y]").astype("datetime64[D]").astype(np.int64)
            side = "right"
        else:
            target, side = _months_back(days, _MONTHS[key]), "right"
        idx = np.searchsorted(day_ids, target, side=side) - 1
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
            base = p["pos_color" if v >= 0 else "neg_color"][:7]  # color.new(input.color(...), 0)
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
        # timeframe lists, in_8 / in_9 the table's size (ignored, see IGNORED)
        flag("include_current", True, "Include chart symbol", "in_0"),
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
             ignored("the columns are TradingView's default list (1W, 1M, 3M, 6M, 12M, YTD, 5Y); another list is not "
                     "drawn", "Timeframe list", "tfListInput", "in_2"),
             *table_size("Table width (%)", "Table height (%)", 8)),
)
