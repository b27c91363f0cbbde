"""Seasonality: TradingView's built-in of that name (``Seasonality.pine``): a heat-map table of
each month's % change by year, with the averages, standard deviations and share of positive
months of each calendar month, and the current month's historical average in the status line.

The script reads ``request.security(syminfo.tickerid, "1M", ..., lookahead_on)``: the same
symbol's monthly bars. We build those monthly bars from the chart's own candles: a month's close
is the close of its last bar in the exchange's trading day (:mod:`chart_export.sessions`; the
chart's time zone when the exchange is unknown; ``period_ids``: what TradingView's
monthly bar closes at when the chart's bars cover the month; a weekly bar counts in the month it
starts in, and a month with no bars has no monthly bar, as on TradingView). Then as the script:
on monthly bar ``j`` the change of the month before it, ``100 * (C[j-1] - C[j-2]) / C[j-2]``, is
written in the row of that month's year (rows from ``Starting year`` on); the current month,
not closed, is never in the table. Averages and standard deviations (``stdev(false)``: the
sample one) skip the cells that have no value, as Pine's array functions skip ``na``.

Not reproduced: the projection box the script draws on the price pane for the current month
(``force_overlay`` boxes are outside the chart's drawing of a study's own pane) and the table's
width / height percentages (the table is fitted to the pane: the oldest years are dropped first
when it is too short; a template giving them has them named as ignored keys, with the reason).
"Positive Color" / "Negative Color" (``in_1`` / ``in_2``) colour the heat map and, by the
current month's average's sign, the legend's average and expected price (the status line's
``calcColor(currMonthAverage)``: gray while it is na); "Ignored months"
(``in_10``, ``YYYY-MM, YYYY-MM``) leaves those months out of the matrix and its metrics and
writes ``SKIP`` in their cells, as the script. Checked against
the oracle (``devtools/oracle/ports/seasonality.py``: the script's ``request.security(.., "1M",
calculateMontlyChanges(..), lookahead_on)`` on monthly bars PyneCore builds from the chart's own
bars, and its four status-line plots, on the daily, weekly (twelve years) and intraday series);
the table shows the same matrix on the last bar. TradingView's monthly feed reaches back before
the chart's first bar, the oracle's and ours do not.
"""

from __future__ import annotations

from datetime import UTC

import numpy as np

from ._math import period_ids
from ._table import Cell, Table
from .spec import NA, Pane, Plot, StudySpec, choice, colour, flag, ignored, length, text

POS, NEG, GRAY = "#089981", "#f23745", "#787b86"


def table_size(width: str, height: str, at: int) -> tuple:
    """The settings dialog's table size (titles ``width`` / ``height`` at ``in_<at>``, ``in_<at+1>``),
    ignored: the renderer sizes a table to its text and fits it to its pane."""
    why = "the table is sized to its text and fitted to its pane by the renderer (no percentage {})"
    return (ignored(why.format("width"), width, "tableWidthInput", f"in_{at}"),
            ignored(why.format("height"), height, "tableHeightInput", f"in_{at + 1}"))
MONTHS = ("Year", "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_POSITIONS = {"left": "bottom_left", "center": "bottom_center", "right": "bottom_right"}


def ignored_months(text: str) -> frozenset[int]:
    """The script's "Ignored months": ``YYYY-MM`` items, comma-separated, as ``YYYYMM`` numbers
    (``str.tonumber(str.replace_all(item, "-", ""))`` rounded; an item that is no number, as the
    default's ``YYYY-MM``, is na and ignores nothing)."""
    out = set()
    for item in text.replace(" ", "").split(","):
        try:
            num = float(item.replace("-", ""))
        except ValueError:
            continue
        if np.isfinite(num):
            out.add(int(np.floor(num + 0.5)))  # math.round
    return frozenset(out)


def monthly_changes(candles, start_year: int, tz=UTC, ignored: frozenset[int] = frozenset()) -> tuple[list[int], np.ndarray]:
    """(years, matrix): one row per year from ``start_year`` on, columns 1..12 the % change of
    each closed month (NaN where there is none; column 0 unused), as the script's
    ``calculateMontlyChanges`` on monthly bars built from ``candles``; a month of ``ignored``
    (``YYYYMM``) is not recorded."""
    ids = period_ids(candles.time, tz, "month")
    if ids.size == 0:
        return [], np.empty((0, 13))
    last = np.flatnonzero(np.r_[ids[1:] != ids[:-1], True])  # each month's last bar
    months = ids[last]
    closes = np.asarray(candles.close, dtype=np.float64)[last]
    years: list[int] = []
    rows: list[np.ndarray] = []
    for j in range(len(months) - 1):  # month j is recorded on monthly bar j + 1 (the current month never)
        year, month = 1970 + int(months[j]) // 12, int(months[j]) % 12 + 1
        if year < start_year or year * 100 + month in ignored:
            continue
        change = 100.0 * (closes[j] - closes[j - 1]) / closes[j - 1] if j >= 1 else np.nan
        if not years or years[-1] != year:
            years.append(year)
            rows.append(np.full(13, np.nan))
        rows[-1][month] = change
    return years, np.array(rows) if rows else np.empty((0, 13))


def _avg(col: np.ndarray) -> float:
    v = col[np.isfinite(col)]
    return float(v.mean()) if v.size else float("nan")


def _stdev(col: np.ndarray) -> float:
    v = col[np.isfinite(col)]
    return float(v.std(ddof=1)) if v.size > 1 else float("nan")


def _pos(col: np.ndarray) -> float:
    v = col[np.isfinite(col)]
    return 100.0 * float(np.sum(v >= 0)) / v.size if v.size else float("nan")


def _compute(c, p):
    """The status-line values: on each bar, the current month's historical average and
    standard deviation over the closed months before it, the number of those months, and the
    expected price (the previous bar's close moved by the average), as the script sets them on
    the first bar of each month."""
    n = len(c)
    tz = p.get("tz") or UTC
    ids = period_ids(c.time, tz, "month")
    avg, sd, cnt, exp = (np.full(n, np.nan) for _ in range(4))
    close = np.asarray(c.close, dtype=np.float64)
    starts = np.flatnonzero(np.r_[True, ids[1:] != ids[:-1]])
    ends = np.r_[starts[1:], n]
    years, matrix = monthly_changes(c, p["start_year"], tz, ignored_months(p["ignored_months"]))
    recorded = _recorded_months(years, matrix)
    for s, e in zip(starts.tolist(), ends.tolist()):
        if s == 0:
            continue  # close[1] of the first bar is na
        mid = int(ids[s])
        month = mid % 12 + 1
        col = np.array([v for (m, v) in recorded.get(month, []) if m < mid])
        a = _avg(col) if col.size else float("nan")
        avg[s:e] = a
        sd[s:e] = _stdev(col) if col.size else float("nan")
        cnt[s:e] = float(np.sum(np.isfinite(col)))
        exp[s:e] = close[s - 1] + close[s - 1] * a / 100.0
    return {"expected": exp, "average": avg, "stdev": sd, "count": cnt}


def _recorded_months(years: list[int], matrix: np.ndarray) -> dict[int, list[tuple[int, float]]]:
    """Calendar month -> [(month id, change)] of the table's cells that exist."""
    out: dict[int, list[tuple[int, float]]] = {}
    for y, row in zip(years, matrix):
        for m in range(1, 13):
            if np.isfinite(row[m]):
                out.setdefault(m, []).append(((y - 1970) * 12 + m - 1, float(row[m])))
    return out


def _heat(value: float, cutoff: float, p) -> tuple[str | None, float]:
    """``calcColor``: the sign's colour ("Positive Color" / "Negative Color", ``color.new(c, 0)``)
    from 90 % to 50 % transparency as |value| goes 0..cutoff."""
    if not np.isfinite(value):
        return None, 1.0
    f = min(abs(value) / cutoff, 1.0) if cutoff > 0 else 1.0
    return p["pos_color" if value >= 0 else "neg_color"][:7], 0.1 + 0.4 * f


def _drawings(c, p, outputs):
    skipped = ignored_months(p["ignored_months"])
    years, matrix = monthly_changes(c, p["start_year"], p.get("tz") or UTC, skipped)
    cutoff = float(p["cutoff"])
    cells: list[Cell] = [Cell(i, 0, name, background=GRAY, alpha=0.2) for i, name in enumerate(MONTHS)]
    for r, (year, row) in enumerate(zip(years, matrix), start=1):
        cells.append(Cell(0, r, str(year), background=GRAY, alpha=0.2))
        for m in range(1, 13):
            if year * 100 + m in skipped:  # the script: "SKIP" on color.new(color.gray, 50)
                cells.append(Cell(m, r, "SKIP", background=GRAY, alpha=0.5))
                continue
            bg, alpha = _heat(row[m], cutoff, p)
            cells.append(Cell(m, r, number=("percent", row[m]), background=bg, alpha=alpha, na_text=""))
    metrics = [(key, title) for key, title in (("show_avg", "Avgs:"), ("show_stdev", "StDev:"), ("show_pos", "Pos%:"))
               if p[key]]
    r = len(years) + 1
    if metrics:
        cells.append(Cell(0, r, "", background=GRAY, alpha=0.2, span=13))
        r += 1
    for key, title in metrics:
        cells.append(Cell(0, r, title, background=GRAY, alpha=0.2))
        for m in range(1, 13):
            col = matrix[:, m] if len(years) else np.empty(0)
            if key == "show_avg":
                v = _avg(col)
                bg, alpha = _heat(v, cutoff, p)
                cells.append(Cell(m, r, number=("percent", v), background=bg, alpha=alpha))
            elif key == "show_stdev":
                cells.append(Cell(m, r, number=("fixed", _stdev(col)), background=GRAY, alpha=0.2))
            else:
                v = _pos(col)
                bg, alpha = _heat(v - 50.0, 50.0, p)
                cells.append(Cell(m, r, number=("percent0", v), background=bg, alpha=alpha))
        r += 1
    return [Table(_POSITIONS[p["position"]], 13, r, tuple(cells), header_rows=1,
                  footer_rows=(len(metrics) + 1) if metrics else 0, drop="top", key="seasonality",
                  drop_first=(len(years) + 1,) if metrics else ())]


def _legend(p, last, fmt):
    a, s = last.get("average", float("nan")), last.get("stdev", float("nan"))
    pct = NA if not np.isfinite(a) else f"{a:+.2f}%".replace("+0.00%", "0.00%").replace("-0.00%", "0.00%")
    colour = GRAY if not np.isfinite(a) else p["pos_color" if a >= 0 else "neg_color"]  # calcColor(currMonthAverage)
    return [(colour, f"Seasonality ({p['start_year']})  {pct}"),
            ("muted", f"StDev  {fmt.fixed2(s)}"),
            (colour, f"Expected  {fmt.price(last.get('expected', float('nan')))}")]


STUDY = StudySpec(
    name="Seasonality", kind="seasonality", aliases=("seasonals",),
    inputs=(
        # TradingView's positions count every input: in_5 / in_6 the table's size (ignored)
        length("start_year", 2015, "Starting year", "startYear", "in_0", minimum=1800, maximum=3000),
        colour("pos_color", POS, "Positive Color", "posColorInput", "in_1"),
        colour("neg_color", NEG, "Negative Color", "negColorInput", "in_2"),
        length("cutoff", 10, "Color intensity cutoff (%)", "cutoff", "in_3", minimum=1, maximum=1000),
        choice("position", "center", {"left": "left", "center": "center", "right": "right"},
               "Table Position", "position", "in_4"),
        flag("show_avg", True, "Show Averages", "in_7"),
        flag("show_stdev", True, "Show Standard Deviation", "in_8"),
        flag("show_pos", True, "Show Percent Positive", "in_9"),
        text("ignored_months", "YYYY-MM, YYYY-MM", "Ignored months", "skippedMonthsInput", "in_10", max_length=2000),
    ),
    ignored=table_size("Table Width (%)", "Table Height (%)", 5),
    plots=(Plot("expected", kind="custom", color="#089981", names=("expected price for current month",)),
           Plot("average", kind="custom", color="#089981", names=("historical average for current month",)),
           Plot("stdev", kind="custom", color="#787b86", names=("historical standard deviation for current month",)),
           Plot("count", kind="custom", color="#787b86", names=("no. of months used in the current average",))),
    pane=Pane(range=(0.0, 1.0), ticks=()),
    compute=_compute, calendar=True, drawings=_drawings, legend=_legend,
)
