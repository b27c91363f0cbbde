"""Performance: TradingView's inputs, the % changes over 1W..5Y and YTD by hand from daily
closes (ValueAtTime's rules, which tests/test_oracle.py holds to its port: a missing day takes
the day before, a day past a shorter month's end rolls into the next month as Pine's timestamp
does, YTD from January 1st's close, a period the history does not reach: no data), the chart symbol's row only (no
invented rows; a symbol list is an ignored key, 'Include chart symbol' off is refused), the
table's cells and manifest, and the picture in both themes."""

from datetime import UTC, datetime

import numpy as np
import pytest

from chart_export.candles import Candles
from chart_export.errors import StepFailure
from chart_export.rendering import ChartRenderer
from chart_export.studies import performance as m
from chart_export.studies._table import Table
from chart_export.templates import parse_template
from tests._studies import check_renders, check_tv_positions, check_robust, run, spec

NAME = "Performance"

D0 = datetime(2019, 1, 1, tzinfo=UTC)


def _days(n: int, skip: tuple[int, ...] = ()) -> Candles:
    """Daily bars from 2019-01-01; the close of day i is 100 + i; days in ``skip`` have no bar."""
    i = np.array([k for k in range(n) if k not in skip], dtype=np.int64)
    c = 100.0 + i
    return Candles.from_arrays(int(D0.timestamp()) + 86400 * i, c, c, c, c, np.ones(len(i)))


def _day(y, mo, d) -> int:
    return (datetime(y, mo, d, tzinfo=UTC) - D0).days


def test_inputs():
    # Performance.pine's positions count every input: in_1 / in_2 the symbol and timeframe lists,
    # in_8 / in_9 the table's size (ignored, with a reason)
    check_tv_positions(NAME, {"include_current": 0, "timeframes": 2, "pos_color": 3, "neg_color": 4, "cutoff": 5, "position_x": 6,
                              "position_y": 7},
                       {"include_current": ("Include chart symbol",), "cutoff": ("Color intensity cutoff (%)",),
                        "position_x": ("Table position",)})
    assert [i.default for i in spec(NAME).inputs] == [True, "1W, 1M, 3M, 6M, 12M, YTD, 5Y", "#089981", "#f23745", 10, "center", "middle"]
    assert [t for _, t in m.PERIODS] == ["1W", "1M", "3M", "6M", "12M", "YTD", "5Y"]


def test_changes_by_hand():
    last = _day(2020, 3, 31)
    out = run(NAME, _days(last + 1))
    now = 100.0 + last

    def pct(then_day):
        then = 100.0 + then_day
        return (now - then) / then * 100

    assert out["w1"][-1] == pytest.approx(pct(last - 7))
    assert out["m1"][-1] == pytest.approx(pct(_day(2020, 3, 2)))  # March 31st -> "February 31st": March 2nd (leap year)
    assert out["m3"][-1] == pytest.approx(pct(_day(2019, 12, 31)))
    assert out["m6"][-1] == pytest.approx(pct(_day(2019, 10, 1)))  # "September 31st"
    assert out["m12"][-1] == pytest.approx(pct(_day(2019, 3, 31)))
    assert out["ytd"][-1] == pytest.approx(pct(_day(2020, 1, 1)))  # timestamp(2020, 1, 1): that day's bar
    assert np.isnan(out["y5"][-1])  # the history starts in 2019: no data
    assert np.isnan(out["m1"][:31]).all() and np.isfinite(out["m1"][31])  # January 2019 has no month before it


def test_a_missing_day_takes_the_close_before_it():
    last = _day(2020, 3, 31)
    out = run(NAME, _days(last + 1, skip=(last - 7,)))
    then = 100.0 + last - 8
    assert out["w1"][-1] == pytest.approx((100.0 + last - then) / then * 100)


def test_robust():
    check_robust(NAME)


def _table(c, **kw) -> Table:
    p = {i.key: i.default for i in spec(NAME).inputs} | kw
    (t,) = spec(NAME).drawings(c, p, spec(NAME).run(c, p))
    return t


def test_one_row_for_the_chart_symbol():
    t = _table(_days(_day(2020, 3, 31) + 1))
    assert (t.position, t.columns, t.rows) == ("middle_center", 8, 2)
    cells = {(c.column, c.row): c for c in t.cells}
    assert [cells[(i, 0)].shown for i in range(1, 8)] == ["1W", "1M", "3M", "6M", "12M", "YTD", "5Y"]
    assert cells[(0, 1)].shown == "Chart symbol"
    assert cells[(1, 1)].shown.startswith("+") and cells[(1, 1)].shown.endswith("%")
    assert cells[(7, 1)].shown == "No data"
    assert cells[(1, 1)].text_color == m.POS
    down = _days(40)
    c2 = Candles.from_arrays(down.time, down.close[::-1], down.close[::-1], down.close[::-1], down.close[::-1],
                             down.volume)
    assert {(c.column, c.row): c for c in _table(c2).cells}[(1, 1)].text_color == m.NEG


def test_other_symbols_are_not_drawn():
    doc = {"request": {"studies": [{"name": NAME, "input": {"Symbol list": "AAPL, BTCUSD"}}]}}
    t = parse_template(doc, template_id="t")
    assert t.ignored_keys == ["request.studies[0].input.Symbol list"]  # a warning: logged and in the manifest
    assert "only the chart symbol's row is drawn" in t.ignored[0].message
    for key, why in (("in_8", "width"), ("Table width (%)", "fitted to its pane"), ("in_9", "height")):
        t = parse_template({"request": {"studies": [{"name": NAME, "input": {key: 50}}]}}, template_id="t")
        assert t.ignored_keys == [f"request.studies[0].input.{key}"] and why in t.ignored[0].message, key
    with pytest.raises(StepFailure) as info:
        parse_template({"request": {"studies": [{"name": NAME, "input": {"Include chart symbol": False}}]}},
                       template_id="t")
    assert "chart symbol" in str(info.value)


def test_renders_and_writes_the_numbers():
    check_renders(NAME)
    c = _days(_day(2020, 3, 31) + 1)
    tpl = parse_template({"request": {"width": 800, "height": 600, "studies": [{"name": NAME}]}}, template_id="p")
    chart = ChartRenderer(record_text=True).render(tpl, c, symbol="S", timeframe="1D")
    st = chart.meta["studies"][0]
    (tab,) = st["tables"]
    assert tab["drawn_rows"] == [0, 1]
    values = {cell["column"]: cell["value"] for cell in tab["cells"] if cell["row"] == 1 and "value" in cell}
    assert values[1] == pytest.approx(st["last"]["w1"], rel=1e-6) and values[7] is None
    drawn = [x.text for x in chart.texts if x.role == "drawing:table"]
    assert [cell["text"] for cell in tab["cells"] if cell["row"] == 1] == drawn[-8:]


def test_one_week_back_is_7_x_24_hours_before_the_days_open():
    """1W: ``referenceTime - 7 days`` of ValueAtTime, the reference being the daily bar's time (the
    session open, 09:30 New York on NASDAQ): the week after the spring daylight-saving change it
    falls an hour before the open of the same weekday (09:30 EDT - 7 days = 08:30 EST), so the
    change is taken from the trading day before (the oracle's NASDAQ run of the intraday series
    shows it: na there, the day before being outside the history)."""
    from datetime import timedelta
    from zoneinfo import ZoneInfo

    from chart_export.sessions import session_for
    from chart_export.studies import lookup

    ny = ZoneInfo("America/New_York")
    dates = [d for d in (datetime(2024, 2, 26) + timedelta(days=k) for k in range(26)) if d.weekday() < 5]
    t = np.array([int(d.replace(hour=9, minute=30, tzinfo=ny).timestamp()) for d in dates], dtype=np.int64)
    x = 100.0 + np.arange(t.size)
    c = Candles.from_arrays(t, x, x, x, x, np.ones(t.size))
    sp = lookup(NAME)
    p = {i.key: i.default for i in sp.inputs}
    at = {d.strftime("%m-%d"): i for i, d in enumerate(dates)}
    nasdaq = sp.run(c, p, session=session_for("NASDAQ:AAPL", None, UTC, "UTC"))["w1"]
    utc = sp.run(c, p)["w1"]

    def change(now, then):
        return (x[at[now]] - x[at[then]]) / x[at[then]] * 100

    assert nasdaq[at["03-08"]] == pytest.approx(change("03-08", "03-01"))  # before the change: the same weekday
    assert nasdaq[at["03-11"]] == pytest.approx(change("03-11", "03-01"))  # Monday after: Friday before that
    assert nasdaq[at["03-12"]] == pytest.approx(change("03-12", "03-04"))
    assert nasdaq[at["03-18"]] == pytest.approx(change("03-18", "03-11"))  # both in EDT again
    assert utc[at["03-11"]] == pytest.approx(change("03-11", "03-04"))  # UTC days from 00:00: no change


def test_colour_inputs():
    """"Positive Color" / "Negative Color" (in_3 / in_4) colour the cells, opaque (color.new(c, 0))."""
    up = _days(40)
    down = Candles.from_arrays(up.time, up.close[::-1], up.close[::-1], up.close[::-1], up.close[::-1], up.volume)
    t = parse_template({"request": {"studies": [{"name": NAME, "input": {"in_3": "#0000ff80", "Negative Color": "#00ff00"}}]}},
                       template_id="t")
    chosen = t.studies[0].inputs
    for c, colour, default in ((up, "#0000ff", m.POS), (down, "#00ff00", m.NEG)):
        cell = {(x.column, x.row): x for x in _table(c, **chosen).cells}[(1, 1)]
        assert (cell.text_color, cell.background) == (colour, colour)
        assert {(x.column, x.row): x for x in _table(c).cells}[(1, 1)].text_color == default


def test_timeframe_list():
    """The "Timeframe list" (in_2) gives the columns: nD / nW back in days, nM / nY as
    periodToTimestamp, YTD; a unit it does not know is refused, as Pine stops with "Invalid period"."""
    from chart_export.templates import TemplateError

    c = _days(_day(2020, 3, 31) + 1)  # the close of day i is 100 + i
    last = _day(2020, 3, 31)
    t = parse_template({"request": {"studies": [{"name": NAME, "input": {"in_2": " 3d,2w , ytd,1m,, 2Y"}}]}},
                       template_id="t")
    assert t.studies[0].inputs["timeframes"] == "3D, 2W, YTD, 1M, 2Y"
    table = _table(c, timeframes=t.studies[0].inputs["timeframes"])
    cells = {(x.column, x.row): x for x in table.cells}
    assert (table.columns, [cells[(i, 0)].shown for i in range(1, 6)]) == (6, ["3D", "2W", "YTD", "1M", "2Y"])
    close = 100.0 + last

    def pct(then):
        return (close - then) / then * 100

    assert cells[(1, 1)].number[1] == pytest.approx(pct(close - 3))
    assert cells[(2, 1)].number[1] == pytest.approx(pct(close - 14))
    assert cells[(3, 1)].number[1] == pytest.approx(pct(100.0 + _day(2020, 1, 1)))
    assert cells[(4, 1)].number[1] == pytest.approx(pct(100.0 + _day(2020, 3, 2)))  # 31 March - 1M: 2 March (leap)
    assert cells[(5, 1)].shown == "No data"  # 2018 is before the first bar
    default = {(x.column, x.row): x for x in _table(c).cells}
    assert default[(2, 1)].number[1] == pytest.approx(run(NAME, c)["m1"][-1])  # the default columns: the outputs
    for bad in ("1W, 3Q", "W1", ""):
        with pytest.raises(TemplateError, match="Timeframe list"):
            parse_template({"request": {"studies": [{"name": NAME, "input": {"Timeframe list": bad}}]}}, template_id="t")
