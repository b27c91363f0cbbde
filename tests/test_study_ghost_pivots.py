"""Rob Booker - Ziv Ghost Pivots: TradingView's inputs and in_N positions (Show Next 4 HR Pivot
gates nothing, as the script), the 4-hour / day / week / month hlc3 with lookahead by hand
(hourly bars: the whole period's high, low and last close on every bar of it), periods in the
chart's time zone, 4-hour periods from the regular session's open (NASDAQ: 09:30), each
period's character label, robust, renders in both themes."""

from datetime import UTC
from zoneinfo import ZoneInfo

import numpy as np

from chart_export.sessions import session_for
from chart_export.studies._drawing import Label
from tests._studies import candles, check_positions, check_renders, check_robust, run, spec

NAME = "Rob Booker - Ziv Ghost Pivots"
T0 = 1_704_067_200  # Monday 2024-01-01 00:00 UTC


def _hourly(n=48):
    t = T0 + 3600 * np.arange(n)
    c = 100 + np.arange(n, dtype=float)
    return candles(c, c + 1, c - 1, c, np.ones(n), t)


def test_inputs():
    check_positions(NAME, ["show_4h", "show_day", "show_week", "show_month"],
                    {"show_4h": ("Show Next 4 HR Pivot",), "show_day": ("Show Next Day (8 HR) Pivot",)})


def test_periods_with_lookahead_by_hand():
    c = _hourly()
    out = run(NAME, c)
    # bars 0..3 (00:00-03:00): high 104, low 99, close 103 -> 102; day 1 (bars 0..23): 124, 99, 123 -> 115.333
    assert out["four_hour"][:4].tolist() == [102.0] * 4 and out["four_hour"][4] == 106.0
    np.testing.assert_allclose(out["day"][:24], (124 + 99 + 123) / 3)
    np.testing.assert_allclose(out["day"][24:], (148 + 123 + 147) / 3)
    np.testing.assert_allclose(out["week"], (148 + 99 + 147) / 3)  # one week (Monday start), one month
    np.testing.assert_allclose(out["month"], out["week"])
    off = run(NAME, c, show_day=False, show_4h=True)
    assert np.isnan(off["four_hour"]).all() and np.isnan(off["day"]).all()  # sd gates both, s4 nothing
    tokyo = run(NAME, c, tz=ZoneInfo("Asia/Tokyo"))
    assert tokyo["day"][14] != tokyo["day"][15]  # the local day starts at 15:00 UTC


def test_four_hour_periods_start_at_the_regular_session_open():
    """A NASDAQ chart's "240" periods start at 09:30 and 13:30 New York, TradingView's 4-hour
    bars of a US stock (PyneCore's resampler on a 09:30-16:00 session alike: the oracle's
    NASDAQ run); around the clock (no exchange, UTC) they start at 00:00, 04:00, ..."""
    t = 1_709_562_600 + 1800 * np.arange(13)  # Monday 2024-03-04 09:30 .. 15:30 New York (EST)
    c = candles(100 + np.arange(13.0), 101 + np.arange(13.0), 99 + np.arange(13.0), 100 + np.arange(13.0),
                np.ones(13), t)
    sp = spec(NAME)
    p = {i.key: i.default for i in sp.inputs}
    nasdaq = sp.run(c, p, session=session_for("NASDAQ:AAPL", None, UTC, "UTC"))["four_hour"]
    # 09:30-13:00 (bars 0..7): high 108, low 99, close 107; 13:30-15:30 (bars 8..12): 113, 107, 112
    np.testing.assert_allclose(nasdaq, [(108 + 99 + 107) / 3] * 8 + [(113 + 107 + 112) / 3] * 5)
    utc = sp.run(c, p)["four_hour"]  # 14:30 UTC .. 15:30 (bars 0..2), 16:00 .. 19:30 (3..10), 20:00 .. (11, 12)
    np.testing.assert_allclose(utc, [(103 + 99 + 102) / 3] * 3 + [(111 + 102 + 110) / 3] * 8
                               + [(113 + 110 + 112) / 3] * 2)


def test_character_labels():
    c = _hourly()
    sp = spec(NAME)
    p = {i.key: i.default for i in sp.inputs} | {"tz": None}
    found = sp.drawings(c, p, sp.compute(c, p))
    assert all(isinstance(d, Label) for d in found)
    got = sorted((d.text, d.x, d.until) for d in found)
    assert ("d", -0.5, 23.5) in got and ("d", 23.5, 47.5) in got and ("8", 3.5, 7.5) in got
    assert ("w", -0.5, 47.5) in got and ("m", -0.5, 47.5) in got
    assert {d.text_color for d in found if d.text == "d"} == {"=day"}


def test_robust():
    check_robust(NAME)


def test_renders():
    check_renders(NAME)
