"""Technical Ratings (TradingView's TechnicalRating library; tests/test_oracle.py holds the
ratings to its port bar for bar): the categories' bounds, the
mean of the defined votes, MA votes by hand (a drop below a flat line: 14 sells and a neutral
Ichimoku; a straight rise: every SMA/EMA and the Ichimoku spans 26 bars back buy), oscillator votes
by hand (Ultimate Oscillator, Momentum), the plotted rating per 'Rating is based on', the
timeframe table (the chart's row, higher timeframes built from its bars, '-' without 200 bars
of a timeframe, a duplicate timeframe left out), and the picture in both themes."""

from datetime import UTC, datetime

import numpy as np
import pytest

from chart_export.candles import Candles
from chart_export.studies import technical_ratings as m
from chart_export.studies._table import Table
from tests._studies import check_renders, check_robust, run, spec

NAME = "Technical Ratings"


def _c(close, step=86400, t0=None):
    c = np.asarray(close, dtype=np.float64)
    t0 = int(datetime(2015, 1, 1, tzinfo=UTC).timestamp()) if t0 is None else t0
    return Candles.from_arrays(t0 + step * np.arange(len(c), dtype=np.int64), c, c, c, c, np.ones(len(c)))


def test_inputs():
    sp = spec(NAME)
    assert [i.key for i in sp.inputs] == ["indicator_tf", "signal", "confirmed", "use_mtf1", "mtf1", "use_mtf2", "mtf2", "use_mtf3", "mtf3",
                                          "use_mtf4", "mtf4", "use_mtf5", "mtf5", "position_y", "position_x",
                                          "col_text", "col_buy", "col_strong_buy", "col_neutral", "col_sell",
                                          "col_strong_sell", "col_header"]
    assert [i.default for i in sp.inputs] == ["", "all", False, False, "60", False, "240", True, "1D", True, "1W", True, "1M",
                                              "middle", "right", "#ffffff", "#5b9cf6", "#2962ff", "#a8adbc", "#ef9a9a",
                                              "#f44336", "#295b79"]
    assert "Rating is based on" in sp.inputs[1].aliases and "in_1" in sp.inputs[1].aliases
    assert spec("Technicals") is sp and not sp.source  # a ported built-in: the catalogue names its port


def test_categories():
    assert [m.status(v) for v in (0.51, 0.5, 0.11, 0.1, 0.0, -0.1, -0.11, -0.5, -0.51, float("nan"))] == [
        "Strong Buy", "Buy", "Buy", "Neutral", "Neutral", "Neutral", "Sell", "Sell", "Strong Sell", "-"]


def test_mean_of_the_defined_votes():
    nan = np.nan
    out = m._mean([np.array([1.0, nan]), np.array([nan, nan]), np.array([-1.0, nan]), np.array([1.0, nan])])
    assert out[0] == pytest.approx(1 / 3) and np.isnan(out[1])


def test_ma_votes_by_hand():
    drop = _c([100.0] * 300 + [90.0])
    votes = [v[-1] for v in m.ma_votes(drop)]
    assert votes[:14] == [-1.0] * 14  # SMA/EMA x 12, Hull 9 (97 > 90), VWMA 20: all above the close
    assert votes[14] == 0.0  # Ichimoku: conversion 95 = base 95, not below it
    assert m.ratings(drop)["ma"][-1] == pytest.approx(-14 / 15)
    rise = _c(np.arange(1.0, 301.0))
    votes = [v[-1] for v in m.ma_votes(rise)]
    assert votes[:12] == [1.0] * 12
    assert votes[14] == 1.0  # spans 26 bars back A > B, base > A, conversion > base, close > conversion
    fall = _c(np.arange(300.0, 0.0, -1.0))
    assert [v[-1] for v in m.ma_votes(fall)][14] == -1.0
    short = m.ma_votes(_c(np.arange(1.0, 31.0)))
    assert np.isnan(short[3][-1]) and short[0][-1] == 1.0  # SMA 50 not defined yet: no vote; SMA 10 votes


def test_oscillator_votes_by_hand():
    rise = _c(np.arange(1.0, 101.0))
    uo = m.oscillator_votes(rise)[10]
    assert uo[-1] == 1.0  # every bar closes at its high: UO 100 > 70
    acc = m.oscillator_votes(_c(np.arange(1.0, 101.0) ** 2))[5]  # momentum of t^2 rises
    dec = m.oscillator_votes(_c(np.sqrt(np.arange(1.0, 101.0))))[5]  # of sqrt(t) falls
    assert acc[-1] == 1.0 and dec[-1] == -1.0
    assert np.isnan(acc[10])  # momentum 10 and its previous value need 12 bars


def test_plotted_rating_follows_the_input():
    c = _c(100 + 10 * np.sin(np.arange(400) / 9.0))
    r = m.ratings(c)
    assert np.allclose(run(NAME, c)["rating"], r["all"], equal_nan=True)
    assert np.allclose(run(NAME, c, signal="mas")["rating"], r["ma"], equal_nan=True)
    assert np.allclose(run(NAME, c, signal="oscillators")["rating"], r["osc"], equal_nan=True)
    both = np.isfinite(r["ma"]) & np.isfinite(r["osc"])
    assert np.allclose(r["all"][both], (r["ma"][both] + r["osc"][both]) / 2)
    assert np.nanmax(np.abs(r["all"])) <= 1.0


def test_robust():
    check_robust(NAME)


def _table(c, **kw) -> Table:
    p = {i.key: i.default for i in spec(NAME).inputs} | kw
    (t,) = spec(NAME).drawings(c, p, spec(NAME).run(c, p))
    return t


def test_timeframe_table():
    daily = _c(100 + 10 * np.sin(np.arange(2000) / 9.0))  # 2000 days: 1W has 286 bars, 1M 66
    t = _table(daily)
    cells = {(c.column, c.row): c for c in t.cells}
    assert (t.position, t.columns, t.rows) == ("middle_right", 4, 4)
    assert [cells[(0, r)].text for r in range(4)] == ["TF", "1D", "1W", "1M"]  # 1D = the chart's: once
    r = m.ratings(daily)
    assert [cells[(j, 1)].text for j in (1, 2, 3)] == [m.status(r[k][-1]) for k in ("ma", "osc", "all")]
    assert cells[(3, 1)].value == pytest.approx(r["all"][-1])
    assert [cells[(j, 3)].text for j in (1, 2, 3)] == ["-", "-", "-"]  # 66 monthly bars: fewer than 200
    assert cells[(1, 3)].background == m.COLORS["-"]
    weekly = m._Bars(daily, (np.asarray(daily.time) // 86400 + 3) // 7)
    assert cells[(3, 2)].value == pytest.approx(m.ratings(weekly)["all"][-1])
    only_ma = _table(daily, signal="mas", use_mtf4=False, use_mtf5=False)
    assert (only_ma.columns, only_ma.rows) == (2, 2)
    hourly = _c(100 + np.sin(np.arange(500) / 5.0), step=3600)
    rows = [c.text for c in _table(hourly, use_mtf1=True).cells if c.column == 0]
    assert rows == ["TF", "60", "1D", "1W", "1M"]  # the 60-minute row is the chart's own


def test_renders_in_both_themes():
    check_renders(NAME)


def test_intraday_rows_start_at_the_regular_session_open():
    """The 60 / 240 rows are built from bars that start at the session open, as TradingView's
    intraday bars of the symbol (NASDAQ: 09:30, 13:30 New York for 240, the rule the oracle's
    NASDAQ runs hold Ghost Pivots, TWAP, MTPC and RelVol to); around the clock from 00:00 UTC."""
    from chart_export.sessions import session_for

    day0 = int(datetime(2024, 1, 2, 14, 30, tzinfo=UTC).timestamp())  # 09:30 New York (EST)
    days = [day0 + 86400 * d for d in range(140) if (1 + d) % 7 < 5]  # weekdays (2 Jan 2024 a Tuesday)
    t = np.concatenate([d + 1800 * np.arange(13) for d in days])  # 09:30 .. 15:30, 13 bars a day
    x = 100 + 10 * np.sin(np.arange(t.size) / 7.0)
    c = Candles.from_arrays(t, x, x + 0.3, x - 0.3, x, np.ones(t.size))
    nasdaq = session_for("NASDAQ:AAPL", None, UTC, "UTC")
    p = {i.key: i.default for i in spec(NAME).inputs} | {"use_mtf2": True}
    rows = dict(m.timeframe_rows(c, p | {"tz": nasdaq.clock, "session_open": nasdaq.open_minute}))
    k = np.arange(t.size)
    four = m._Bars(c, (k // 13) * 2 + (k % 13 >= 8))  # 09:30-13:00 | 13:30-15:30 of each day
    assert len(four) >= m.MIN_BARS
    assert rows["240"]["all"] == pytest.approx(m.ratings(four)["all"][-1])
    utc = dict(m.timeframe_rows(c, p | {"tz": UTC, "session_open": 0}))
    assert utc["240"]["all"] == pytest.approx(m.ratings(m._Bars(c, t // 14400))["all"][-1])
    assert utc["240"]["all"] != pytest.approx(rows["240"]["all"])


def test_timeframe_and_colour_inputs():
    """The table's timeframes (in_4 .. in_12) and colours (in_16 .. in_22) are the script's inputs;
    'Size' is named as ignored, with why."""
    from chart_export.templates import TemplateError, parse_template

    daily = _c(100 + 10 * np.sin(np.arange(2000) / 9.0))
    t = parse_template({"request": {"studies": [{"name": NAME, "input": {
        "in_8": "3M", "mtf4": "12m", "in_12": "240", "in_16": "#000000", "Headers": "#123456", "in_19": "#00ff00",
        "in_13": "huge"}}]}}, template_id="t")
    p = t.studies[0].inputs
    assert (p["mtf3"], p["mtf4"], p["mtf5"]) == ("3M", "12M", "240")
    why = {k.field.rsplit(".", 1)[1]: k.message for k in t.ignored}
    assert list(why) == ["in_13"] and "chart's font" in why["in_13"] and "unknown input" not in why["in_13"]
    table = _table(daily, **p)
    cells = {(c.column, c.row): c for c in table.cells}
    # the chart's 1D row, then 3M and 12M (fewer than 200 of their bars: '-'); 240 is below the chart's 1D: '-'
    assert [cells[(0, r)].text for r in range(5)] == ["TF", "1D", "3M", "12M", "240"]
    assert {c.text_color for c in table.cells} == {"#000000"}
    assert cells[(0, 0)].background == "#123456" and cells[(0, 1)].background == "#123456"
    assert cells[(1, 2)].text == "-" and cells[(1, 2)].background == "#00ff00"  # '-' in the neutral colour
    default = {(c.column, c.row): c for c in _table(daily).cells}
    assert default[(0, 0)].background == m.HEADER and default[(0, 0)].text_color == "#ffffff"
    with pytest.raises(TemplateError, match="in_4"):
        parse_template({"request": {"studies": [{"name": NAME, "input": {"in_4": "2D"}}]}}, template_id="t")


def test_indicator_timeframe():
    """"Indicator Timeframe" (in_0) rates a higher timeframe built from the chart's bars: a week's
    rating from its last bar on, the week before's until then; "Plot confirmed ratings only" (in_2):
    the week before's on every bar; the table's first row is that timeframe."""
    daily = _c(100 + 10 * np.sin(np.arange(1600) / 9.0) + np.arange(1600) / 50)
    ids = (np.asarray(daily.time) // 86400 + 3) // 7  # weeks from Monday (UTC)
    weekly = m.ratings(m._Bars(daily, ids))["all"]
    k = np.cumsum(np.r_[True, ids[1:] != ids[:-1]]) - 1
    last = np.r_[ids[1:] != ids[:-1], True]
    out = run(NAME, daily, indicator_tf="1W")["rating"]
    week = np.flatnonzero(k == 150)
    assert np.all(out[week[:-1]] == weekly[149]) and out[week[-1]] == weekly[150] and last[week[-1]]
    assert weekly[149] != weekly[150]  # the test can tell the two apart
    confirmed = run(NAME, daily, indicator_tf="1W", confirmed=True)["rating"]
    assert np.all(confirmed[week] == weekly[149]) and np.isnan(confirmed[k == 0]).all()
    chart = run(NAME, daily)["rating"]
    np.testing.assert_array_equal(run(NAME, daily, indicator_tf="1D", confirmed=True)["rating"], chart)  # its own
    assert np.isnan(run(NAME, daily, indicator_tf="60")["rating"]).all()  # below the chart's: na
    rows = [(x.text, x.value) for x in _table(daily, indicator_tf="1W").cells if x.column in (0, 3)]
    assert rows[2][0] == "1W" and rows[2 + 1][1] == pytest.approx(m.ratings(m._Bars(daily, ids))["all"][-1])
    assert [x.text for x in _table(daily, indicator_tf="1W").cells if x.column == 0] == ["TF", "1W", "1D", "1M"]
