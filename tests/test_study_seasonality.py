"""Seasonality: TradingView's inputs, monthly changes from monthly bars built from the chart's
bars by hand (the current month never in the table, the first month without a previous close
empty, rows from the starting year, months in the chart's time zone), the metrics rows (mean,
sample standard deviation, share of positive months), the status-line values of the current
month, the table's cells and manifest, and the picture in both themes (oldest years dropped
first when the pane is short)."""

from datetime import UTC, datetime, timedelta, timezone

import numpy as np

from chart_export.studies import seasonality as m
from chart_export.studies._table import Table
from chart_export.templates import parse_template
from tests._studies import check_renders, check_tv_positions, check_robust, run, spec
from chart_export.rendering import ChartRenderer
from chart_export.candles import Candles

NAME = "Seasonality"


def _monthly(first: tuple[int, int], closes: list[float], day: int = 1) -> Candles:
    """One bar per month from ``first`` (year, month), on the ``day``-th at 00:00 UTC."""
    y, mo = first
    t = []
    for _ in closes:
        t.append(int(datetime(y, mo, day, tzinfo=UTC).timestamp()))
        y, mo = (y + 1, 1) if mo == 12 else (y, mo + 1)
    c = np.asarray(closes, dtype=np.float64)
    return Candles.from_arrays(np.asarray(t, dtype=np.int64), c, c, c, c, np.ones(len(c)))


def _p(**kw):
    return {i.key: i.default for i in spec(NAME).inputs} | kw


def _table(c, **kw) -> Table:
    p = _p(**kw)
    (t,) = [d for d in spec(NAME).drawings(c, p, spec(NAME).run(c, p)) if isinstance(d, Table)]
    return t


def _cells(t: Table) -> dict[tuple[int, int], str]:
    return {(c.column, c.row): c.shown for c in t.cells}


def test_inputs():
    # Seasonality.pine's positions count every input: in_5 / in_6 the table's size (ignored, with a reason)
    check_tv_positions(NAME, {"start_year": 0, "pos_color": 1, "neg_color": 2, "cutoff": 3, "position": 4, "show_avg": 7,
                              "show_stdev": 8, "show_pos": 9, "ignored_months": 10},
                       {"start_year": ("Starting year",), "cutoff": ("Color intensity cutoff (%)",),
                        "position": ("Table Position",), "show_avg": ("Show Averages",),
                        "show_stdev": ("Show Standard Deviation",), "show_pos": ("Show Percent Positive",)})
    assert [i.default for i in spec(NAME).inputs] == [2015, "#089981", "#f23745", 10, "center", True, True, True,
                                                      "YYYY-MM, YYYY-MM"]


def test_monthly_changes_by_hand():
    # Jan 100, Feb 110 (+10 %), Mar 99 (-10 %), Apr 120 (the current month: not in the table)
    years, mat = m.monthly_changes(_monthly((2016, 1), [100, 110, 99, 120]), 2015)
    assert years == [2016]
    assert np.isnan(mat[0, 1])  # January has no previous close
    assert mat[0, 2] == 10.0 and round(mat[0, 3], 10) == -10.0
    assert np.isnan(mat[0, 4:]).all()
    assert m.monthly_changes(_monthly((2016, 1), [100, 110, 99, 120]), 2017)[0] == []


def test_month_close_is_its_last_bar_and_follows_the_time_zone():
    # two bars in January (the second one's close counts), one in February
    t = [datetime(2016, 1, 5, tzinfo=UTC), datetime(2016, 1, 31, 23, 30, tzinfo=UTC),
         datetime(2016, 2, 10, tzinfo=UTC), datetime(2016, 3, 10, tzinfo=UTC)]
    c = np.array([100.0, 200.0, 250.0, 1.0])
    bars = Candles.from_arrays(np.array([int(x.timestamp()) for x in t]), c, c, c, c, np.ones(4))
    _, utc = m.monthly_changes(bars, 2015)
    assert utc[0, 2] == 25.0  # Feb: 250 against January's last close 200
    _, plus1 = m.monthly_changes(bars, 2015, timezone(timedelta(hours=1)))
    assert plus1[0, 2] == 150.0  # 23:30 UTC is February 00:30 at UTC+1: January closes at 100, February at 250


def test_metrics_rows_and_cells():
    # 2016: Jan 100, Feb 110 (+10), Mar 99 (-10); 2017: Jan 99 (0), Feb 89.1 (-10), Mar 98.01 (+10); Apr current
    c = _monthly((2016, 1), [100, 110, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 89.1, 98.01, 1.0])
    t = _table(c)
    cells = _cells(t)
    assert (t.columns, t.rows, t.position) == (13, 1 + 2 + 4, "bottom_center")
    assert [cells[(i, 0)] for i in range(13)] == list(m.MONTHS)
    assert [cells[(0, r)] for r in range(1, 7)] == ["2016", "2017", "", "Avgs:", "StDev:", "Pos%:"]
    assert [cells[(i, 1)] for i in (1, 2, 3, 4)] == ["", "+10.00%", "-10.00%", "0.00%"]
    assert [cells[(i, 2)] for i in (1, 2, 3, 4)] == ["0.00%", "-10.00%", "+10.00%", ""]
    assert [cells[(i, 4)] for i in (1, 2, 3)] == ["0.00%", "0.00%", "0.00%"]  # means of (0), (10, -10), (-10, 10)
    assert [cells[(i, 5)] for i in (1, 2, 3, 4)] == ["n/a", "14.14", "14.14", "n/a"]  # sample stdev; one value: n/a
    assert [cells[(i, 6)] for i in (1, 2, 3, 4)] == ["100%", "50%", "50%", "100%"]
    assert cells[(4, 4)] == "0.00%"
    by = {(c.column, c.row): c for c in t.cells}
    assert by[(2, 1)].background == m.POS and by[(3, 1)].background == m.NEG
    assert by[(2, 1)].alpha == 0.5 and by[(4, 1)].alpha == 0.1  # 10 % = the cutoff: darkest; 0 %: lightest
    assert by[(1, 1)].background is None  # no value, no colour
    t2 = _table(c, show_avg=False, show_stdev=False, show_pos=False)
    assert t2.rows == 3 and t2.footer_rows == 0
    assert _table(c, position="right").position == "bottom_right"


def test_status_line_values_of_the_current_month():
    # March's changes: 2016 -10 %, 2017 +10 %; the bar of March 2018 sees both (mean 0, sd 14.14)
    closes = [100, 110, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 89.1, 98.01] + [98.01] * 11 + [50.0]
    out = run(NAME, _monthly((2016, 1), closes))
    i = len(closes) - 1  # March 2018
    assert round(out["average"][i], 10) == 0.0 and round(out["stdev"][i], 2) == 14.14 and out["count"][i] == 2
    assert round(out["expected"][i], 6) == 98.01  # the previous close moved by the 0 % average
    j = 14  # March 2017: only 2016's -10 %
    assert round(out["average"][j], 10) == -10.0 and out["count"][j] == 1 and np.isnan(out["stdev"][j])
    assert round(out["expected"][j], 6) == round(89.1 * 0.9, 6)
    assert np.isnan(out["average"][0])


def test_robust():
    check_robust(NAME)


def _chart(theme: str, height: int = 600):
    n = 2400  # daily bars from 2017: 6+ years
    rng = np.random.default_rng(5)
    c = 100 * np.exp(np.cumsum(rng.normal(0.0003, 0.012, n)))
    o = np.r_[c[0], c[:-1]]
    t0 = int(datetime(2017, 1, 2, tzinfo=UTC).timestamp())
    bars = Candles.from_arrays(t0 + 86400 * np.arange(n, dtype=np.int64), o, np.maximum(o, c) * 1.004,
                               np.minimum(o, c) * 0.996, c, np.ones(n))
    tpl = parse_template({"request": {"width": 800, "height": height, "theme": theme,
                                      "studies": [{"name": NAME}]}}, template_id="s")
    return ChartRenderer(record_text=True).render(tpl, bars, symbol="S", timeframe="1D")


def test_renders_the_table_and_writes_its_numbers():
    check_renders(NAME, bars=400)
    chart = _chart("dark")
    (tab,) = chart.meta["studies"][0]["tables"]
    years = [c["text"] for c in tab["cells"] if c["column"] == 0 and c["text"].isdigit()]
    assert years[0] == "2017" and len(years) >= 6
    rows = tab["drawn_rows"]
    assert rows[0] == 0 and rows[-3:] == [tab["rows"] - 3, tab["rows"] - 2, tab["rows"] - 1]  # header, metrics
    dropped = [r for r in range(tab["rows"]) if r not in rows]
    assert dropped and dropped[0] == 1  # the oldest year goes first
    drawn = [x.text for x in chart.texts if x.role == "drawing:table"]
    for cell in tab["cells"]:
        if cell["row"] in rows and cell["text"]:
            assert cell["text"] in drawn, cell
        if "value" in cell and cell["value"] is not None and cell["format"] == "percent":
            assert cell["text"] == f"{cell['value']:+.2f}%" or cell["text"] == "0.00%"
    boxes = [x.box for x in chart.texts if x.role == "drawing:table"]
    assert all(0 <= b[0] and b[2] <= 800 and 0 <= b[1] and b[3] <= 600 for b in boxes)
    taller = _chart("light", height=1000)
    assert len(taller.meta["studies"][0]["tables"][0]["drawn_rows"]) > len(rows)


def test_ignored_months_and_colours():
    """"Ignored months" (in_10) leaves a month out of the matrix, its metrics and the status line,
    its cell written SKIP; "Positive Color" / "Negative Color" (in_1 / in_2) colour the heat map.
    The default ("YYYY-MM, YYYY-MM", no number) ignores nothing."""
    c = _monthly((2016, 1), [100, 110, 99, 120, 100, 90, 100, 100, 100, 100, 100, 100, 100, 121, 130])
    assert m.ignored_months("YYYY-MM, YYYY-MM") == frozenset()
    assert m.ignored_months(" 2016-02,2017-1 , x") == frozenset({201602, 20171})  # "2017-1" is 20171, as Pine's
    _, full = m.monthly_changes(c, 2015)
    _, skipped = m.monthly_changes(c, 2015, ignored=m.ignored_months("2016-02"))
    assert full[0, 2] == 10.0 and np.isnan(skipped[0, 2]) and skipped[0, 3] == full[0, 3]
    t = parse_template({"request": {"studies": [{"name": NAME, "input": {
        "in_10": "2016-02", "in_1": "#0000ff", "Negative Color": "rgba(255,0,0,1)"}}]}}, template_id="t")
    p = {**_p(), **t.studies[0].inputs}
    assert p["ignored_months"] == "2016-02" and p["pos_color"] == "#0000ff" and p["neg_color"] == "#ff0000"
    default, chosen = _table(c), _table(c, **{k: p[k] for k in ("ignored_months", "pos_color", "neg_color")})
    before, after = _cells(default), _cells(chosen)
    assert before[(2, 1)] == "+10.00%" and after[(2, 1)] == "SKIP"
    cells = {(x.column, x.row): x for x in chosen.cells}
    assert cells[(3, 1)].background == "#ff0000" and cells[(4, 1)].background == "#0000ff"  # Mar -10 %, Apr +21 %
    assert {(x.column, x.row): x for x in default.cells}[(3, 1)].background == m.NEG
    # the February average (status line in the next year's February) loses the ignored month
    out, kept = run(NAME, c, ignored_months="2016-02"), run(NAME, c)
    assert kept["average"][-2] == 10.0 and np.isnan(out["average"][-2])


def test_the_legend_takes_the_colour_inputs_by_the_average_sign() -> None:
    # the script's status line: plot(currMonthAverage / currMonthExpectedPrice, color = calcColor(currMonthAverage))
    from chart_export.studies.spec import Formats

    sp = spec("Seasonality")
    p = {i.key: i.default for i in sp.inputs} | {"pos_color": "#00ff00", "neg_color": "#ff00ff"}
    fmt = Formats(str, str, str, str)
    for average, want in ((-1.5, "#ff00ff"), (0.0, "#00ff00"), (2.0, "#00ff00"), (float("nan"), "#787b86")):
        rows = sp.legend(p, {"average": average, "stdev": 1.0, "expected": 100.0}, fmt)
        assert [c for c, _ in rows] == [want, "muted", want], average
