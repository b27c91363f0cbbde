"""The exchange's session cuts the calendar studies' days (chart_export.sessions), as on
TradingView: a BINANCE chart drawn in New York time still starts its VWAP session at 00:00 UTC;
an FX chart's session starts at 17:00 New York (EST and EDT alike); a US stock's daily VWAP and
pivots use the New York day; an unknown exchange keeps the chart's time zone, and the manifest's
``meta.session`` says which was used. Labels and axis dates stay in the display time zone."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import numpy as np
import pytest

from chart_export import sessions
from chart_export.rendering import ChartRenderer, prepare_chart
from chart_export.studies._math import intraday_periods, period_ids
from chart_export.templates import parse_template
from tests.test_rendering import series
from tests.test_tradingview_exports import export  # a vendored TradingView export, read once

H = 3600
NY = ZoneInfo("America/New_York")


def _template(study, zone, symbol_template=None):
    doc = {"request": {"timezone": zone, "studies": [{"name": study}]}}
    if symbol_template is not None:
        doc["chartImgSymbolTemplate"] = symbol_template
    return parse_template(doc, template_id="t")


def _utc(*args):
    return int(datetime(*args, tzinfo=UTC).timestamp())


def _vwap(template, c, symbol):
    prep = prepare_chart(template, c, symbol=symbol, visible=len(c))
    tp = (c.high + c.low + c.close) / 3
    return prep, prep.studies[0].series["vwap"], tp


def _resets(vwap, tp):
    """Bars where the VWAP equals the bar's own hlc3 (a session's first bar)."""
    return set(np.flatnonzero(np.isclose(vwap, tp, rtol=1e-13, atol=0)).tolist())


def test_exchange_of_the_symbol_or_the_template():
    assert sessions.exchange_of("BTCUSDT", "BINANCE:{symbol}") == "BINANCE"
    assert sessions.exchange_of("nasdaq:AAPL", "BINANCE:{symbol}") == "NASDAQ"  # the symbol's own prefix first
    assert sessions.exchange_of("BTCUSDT", None) is None
    assert sessions.exchange_of("BTCUSDT", "{symbol}") is None


def test_trading_day_clock_moves_the_session_start_to_midnight():
    fx = sessions.clock_for(sessions.EXCHANGES["OANDA"])
    cme = sessions.clock_for(sessions.EXCHANGES["CME"])
    # 17:00 New York is 22:00 UTC in January (EST) and 21:00 UTC in July (EDT): both read 00:00 of the next day
    for t, day in ((_utc(2024, 1, 2, 22), (2024, 1, 3)), (_utc(2024, 7, 2, 21), (2024, 7, 3))):
        wall = datetime.fromtimestamp(t, fx)
        assert (wall.year, wall.month, wall.day, wall.hour, wall.minute) == (*day, 0, 0)
        assert datetime.fromtimestamp(t - 60, fx).day == day[2] - 1  # 16:59 New York: still the day before
    # CME: 17:00 Chicago = 23:00 UTC in January
    assert datetime.fromtimestamp(_utc(2024, 1, 2, 23), cme).timetuple()[:4] == (2024, 1, 3, 0)
    assert sessions.clock_for(sessions.EXCHANGES["BINANCE"]) == ZoneInfo("Etc/UTC")
    # days cut at 17:00 New York; the FX week (Sunday 17:00) starts on the clock's Monday
    t = np.array([_utc(2024, 1, 7, 21, 59), _utc(2024, 1, 7, 22), _utc(2024, 1, 8, 21, 59), _utc(2024, 1, 8, 22)])
    days = period_ids(t, fx, "day")
    assert np.diff(days).tolist() == [1, 0, 1]
    assert np.diff(period_ids(t, fx, "week")).tolist() == [1, 0, 0]


def test_trading_day_clock_is_the_zone_wall_clock_plus_the_shift_at_every_quarter_hour():
    """Over two years of quarter hours (four DST changes, the repeated autumn hour included) the
    clock reads the exchange zone's wall time moved forward by the shift, and back to the same
    instant; its offsets are the ones period_ids cuts with."""
    from chart_export.studies._math import local_seconds

    for name in ("OANDA", "CME"):
        clock = sessions.clock_for(sessions.EXCHANGES[name])
        t = np.arange(_utc(2023, 1, 1), _utc(2025, 1, 1), 900, dtype=np.int64)
        shift = int(clock.shift.total_seconds())
        assert shift == (1440 - 17 * 60) * 60
        assert np.array_equal(local_seconds(t, clock), local_seconds(t, clock.zone) + shift)
        for ts in t[:: 97].tolist() + [_utc(2024, 11, 3, 5, 30), _utc(2024, 11, 3, 6, 30), _utc(2024, 3, 10, 7, 30)]:
            wall = datetime.fromtimestamp(ts, clock)
            zone = datetime.fromtimestamp(ts, clock.zone)
            assert wall.replace(tzinfo=None) == zone.replace(tzinfo=None) + clock.shift and wall.fold == zone.fold
            assert wall.timestamp() == ts and wall.utcoffset() == zone.utcoffset() + clock.shift


def test_binance_in_new_york_display_resets_at_utc_midnight():
    c = series(24 * 12, tf=H, start=_utc(2024, 1, 3))
    t = _template("VWAP", "America/New_York", "BINANCE:{symbol}")
    prep, vwap, tp = _vwap(t, c, "BTCUSDT")
    hours = (c.time // H) % 24
    assert _resets(vwap, tp) == set(np.flatnonzero(hours == 0).tolist())  # 00:00 UTC = 19:00 New York
    assert not _resets(vwap, tp) & set(np.flatnonzero(hours == 5).tolist())  # New York midnight: no reset
    assert prep.session.meta() == {"exchange": "BINANCE", "timezone": "Etc/UTC", "basis": "exchange session",
                                   "day_start": "00:00", "regular": "24x7"}
    # the same chart without the exchange: today's behaviour, the display time zone's midnight
    _, local, _ = _vwap(_template("VWAP", "America/New_York"), c, "BTCUSDT")
    assert _resets(local, tp) - {0} == set(np.flatnonzero(hours == 5).tolist())


@pytest.mark.parametrize("symbol_template", ["OANDA:{symbol}", "FX:{symbol}"])
def test_fx_session_starts_at_17_new_york_in_standard_and_daylight_time(symbol_template):
    # hourly bars from 2024-03-04 to 03-16: US daylight time starts Sunday 2024-03-10
    c = series(24 * 12, tf=H, start=_utc(2024, 3, 4))
    prep, vwap, tp = _vwap(_template("VWAP", "Etc/UTC", symbol_template), c, "EURUSD")
    expected = {i for i, t in enumerate(c.time.tolist())
                if datetime.fromtimestamp(t, NY).hour == 17 and i > 0}
    before = {i for i in expected if c.time[i] < _utc(2024, 3, 10, 7)}
    assert {int(c.time[i] // H % 24) for i in before} == {22}  # EST: 22:00 UTC
    assert {int(c.time[i] // H % 24) for i in expected - before} == {21}  # EDT: 21:00 UTC
    assert _resets(vwap, tp) - {0} == expected
    i = int(np.flatnonzero(c.time == _utc(2024, 3, 12, 21))[0])
    assert vwap[i] == pytest.approx(tp[i], rel=1e-15)  # the session's first bar: its own hlc3
    assert vwap[i + 1] == pytest.approx((tp[i] * c.volume[i] + tp[i + 1] * c.volume[i + 1])
                                        / (c.volume[i] + c.volume[i + 1]), rel=1e-12)
    assert prep.session.meta()["day_start"] == "17:00" and prep.session.meta()["timezone"] == "America/New_York"


def test_us_stock_vwap_and_daily_pivots_use_the_new_york_day():
    # 15-minute bars around the clock, drawn in Tokyo time: New York midnight is 05:00 UTC in January
    c = series(96 * 6, tf=900, start=_utc(2024, 1, 8))
    t = _template("VWAP", "Asia/Tokyo", "NASDAQ:{symbol}")
    _, vwap, tp = _vwap(t, c, "AAPL")
    ny_midnight = set(np.flatnonzero(c.time % 86400 == 5 * H).tolist())
    assert _resets(vwap, tp) - {0} == ny_midnight
    prep = prepare_chart(_template("Pivot Points Standard", "Asia/Tokyo", "NASDAQ:{symbol}"), c, symbol="AAPL",
                         visible=len(c))
    p = prep.studies[0].series["p"]
    first = int(np.flatnonzero(c.time % 86400 == 5 * H)[0])  # the first whole New York day
    assert np.isnan(p[:first]).all() and np.isfinite(p[first:]).all()  # the partial day before it has no previous day
    change = np.r_[False, np.isfinite(p[:-1]) & (p[1:] != p[:-1])]
    assert set(np.flatnonzero(change).tolist()) == ny_midnight - {first}
    days = np.array([datetime.fromtimestamp(int(x), NY).date() for x in c.time])
    prev = days == np.unique(days)[-2]
    hi, lo, cl = c.high[prev].max(), c.low[prev].min(), c.close[prev][-1]
    assert p[-1] == pytest.approx((hi + lo + cl) / 3, rel=1e-12)
    assert prep.session.meta()["regular"] == "0930-1600"


def test_unknown_exchange_keeps_the_chart_time_zone_and_says_so():
    c = series(24 * 6, tf=H, start=_utc(2024, 1, 3))
    tokyo_midnight = set(np.flatnonzero((c.time // H) % 24 == 15).tolist())
    for symbol_template, symbol, exchange in (("FOO:{symbol}", "BAR", "FOO"), (None, "BAR", None)):
        prep, vwap, tp = _vwap(_template("VWAP", "Asia/Tokyo", symbol_template), c, symbol)
        assert _resets(vwap, tp) - {0} == tokyo_midnight
        meta = prep.session.meta()
        assert meta["basis"] == "chart time zone" and meta["timezone"] == "Asia/Tokyo"
        assert meta["exchange"] == exchange
        assert ("FOO" in meta["reason"]) == (exchange == "FOO")


def test_manifest_meta_names_the_session():
    c = series(24 * 10, tf=H, start=_utc(2024, 1, 3))
    r = ChartRenderer()
    chart = r.render(_template("VWAP", "America/New_York", "BINANCE:{symbol}"), c, symbol="BTCUSDT", timeframe="1h")
    assert chart.meta["session"]["exchange"] == "BINANCE" and chart.meta["session"]["basis"] == "exchange session"
    assert chart.meta["timezone"] == "America/New_York"  # the display time zone is unchanged
    other = r.render(_template("VWAP", "America/New_York"), c, symbol="BTCUSDT", timeframe="1h")
    assert other.meta["session"]["basis"] == "chart time zone"
    assert chart.meta["studies"][0]["last"]["vwap"] != other.meta["studies"][0]["last"]["vwap"]


@pytest.mark.parametrize(("symbol", "minute", "local"), [
    ("NASDAQ:AAPL", 570, "09:30"), ("XETR:SAP", 540, "09:00"), ("LSE:VOD", 480, "08:00"),
    ("BINANCE:BTCUSDT", 0, "00:00"), ("FX:EURUSD", 0, "17:00"), ("CME:ES1!", 0, "17:00"), ("AAPL", 0, "00:00")])
def test_the_regular_session_opens_minutes_after_the_trading_days_start(symbol, minute, local):
    """Where intraday periods longer than the chart's bars start (a NASDAQ "240" bar at 09:30):
    the regular open, in minutes of the trading day's clock (FX and CME open at their day start,
    17:00 the evening before); 0 without an exchange rule (the chart's own midnight)."""
    session = sessions.session_for(symbol, None, UTC, "UTC")
    assert session.open_minute == minute
    opens = datetime(2024, 3, 5, tzinfo=session.clock) + timedelta(minutes=session.open_minute)
    assert opens.astimezone(session.zone).strftime("%H:%M") == local


def test_every_rule_is_sourced():
    for name, rule in sessions.EXCHANGES.items():
        assert "http" in rule.source, name
        ZoneInfo(rule.timezone)
        assert 0 <= rule.day_start < 1440


@pytest.mark.parametrize("symbol_template, equal", [("CAPITALCOM:{symbol}", 300), (None, 12)])
def test_fx_vwap_equals_a_real_tradingview_export(symbol_template, equal):
    """CAPITALCOM:EURUSD 15-minute bars, ``ta.vwap(close)`` (the daily session) exported from
    TradingView: equal on every bar with the FX session; in UTC days only before the first cut."""
    c, tv = export("vwap")
    t = parse_template({**({"chartImgSymbolTemplate": symbol_template} if symbol_template else {}),
                        "request": {"studies": [{"name": "VWAP", "input": {"source": "close"}}]}}, template_id="t")
    ours = prepare_chart(t, c, symbol="EURUSD", visible=len(c)).studies[0].series["vwap"]
    same = np.isclose(ours, tv["ta.vwap(close)"], rtol=1e-12, atol=0)
    assert int(same.sum()) == equal


def test_fx_daily_pivots_equal_a_real_tradingview_export():
    """FX:EURUSD 30-minute bars, ``ta.pivot_point_levels("Traditional", timeframe.change("D"))``
    exported from TradingView: P, R1, S1 equal on every bar that has them, with the FX session."""
    c, tv = export("pivot_point_levels")
    for symbol_template, expect_equal in (("FX:{symbol}", True), (None, False)):
        doc = {"request": {"studies": [{"name": "Pivot Points Standard", "input": {"in_1": "Daily", "in_2": 200}}]}}
        if symbol_template:
            doc["chartImgSymbolTemplate"] = symbol_template
        ps = prepare_chart(parse_template(doc, template_id="t"), c, symbol="EURUSD", visible=len(c)).studies[0]
        for ours_key, tv_key in (("p", "P_trad"), ("r1", "R1_trad"), ("s1", "S1_trad")):
            ref = np.where(tv[tv_key] == 1e100, np.nan, tv[tv_key])  # TradingView writes na as 1e+100
            ours = ps.series[ours_key]
            both = np.isfinite(ref) & np.isfinite(ours)
            assert both.sum() > 500
            equal = np.isclose(ours[both], ref[both], rtol=1e-12, atol=0)
            assert bool(equal.all()) is expect_equal, (symbol_template, ours_key, equal.mean())


def test_moon_phases_read_the_exchange_calendar():
    """Pine's ``timestamp`` and day of year are the exchange's plain time zone (not the trading-day
    clock): an FX chart drawn in UTC marks its new and full moons where a New York chart does."""
    c = series(24 * 90, tf=H, start=_utc(2024, 1, 1))

    def marks(zone, symbol_template):
        ps = prepare_chart(_template("Moon Phases", zone, symbol_template), c, symbol="EURUSD",
                           visible=len(c)).studies[0]
        return np.flatnonzero(np.isfinite(ps.series["moon_type"])).tolist()

    fx, new_york, utc = marks("Etc/UTC", "OANDA:{symbol}"), marks("America/New_York", None), marks("Etc/UTC", None)
    assert len(fx) >= 5 and fx == new_york and fx != utc


def test_intraday_periods_start_again_at_each_trading_days_open():
    """``_math.intraday_periods``: periods of ``minutes`` from the regular open, cut again at
    every day's open, so a timeframe that does not divide the day (Technical Ratings' "100")
    ends the day with a shorter period; a NASDAQ "240" starts at 09:30 and 13:30 each day."""
    t0 = int(datetime(2024, 3, 5, tzinfo=UTC).timestamp())
    t = t0 + 1200 * np.arange(2 * 72)  # 20-minute bars, two days around the clock
    ids, start = intraday_periods(t, UTC, 100)
    new = np.r_[True, ids[1:] != ids[:-1]]
    minutes = [int(s - t0) // 60 for s in start[new]]
    assert minutes == [*range(0, 1440, 100), *range(1440, 2880, 100)]  # 23:20 to 24:00, then 00:00 again
    assert (start <= t).all() and (t - start < 6000).all()

    nasdaq = sessions.session_for("NASDAQ:AAPL", None, UTC, "UTC")
    day = int(datetime(2024, 3, 5, 14, 30, tzinfo=UTC).timestamp())  # 09:30 New York (EST)
    t = np.r_[day + 1800 * np.arange(13), day + 86400 + 1800 * np.arange(13)]  # 09:30-16:00, two days
    ids, start = intraday_periods(t, nasdaq.clock, 240, nasdaq.open_minute)
    new = np.r_[True, ids[1:] != ids[:-1]]
    local = [datetime.fromtimestamp(int(s), nasdaq.zone).strftime("%d %H:%M") for s in start[new]]
    assert local == ["05 09:30", "05 13:30", "06 09:30", "06 13:30"]
