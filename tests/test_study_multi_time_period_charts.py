"""Multi-Time Period Charts: the developing higher-timeframe bar is held to TradingView by the
oracle (tests/test_oracle.py); here the boxes drawn from it, hand-worked, and the pictures."""

from __future__ import annotations

from datetime import UTC, datetime

import numpy as np
import pytest

from chart_export.studies.multi_time_period_charts import auto_timeframe
from tests._studies import THEMES, bars, check_render, check_robust, near, run

DAY = 86400


def _days(start: str, o, h, l, c):
    t0 = int(datetime.fromisoformat(start).replace(tzinfo=UTC).timestamp())
    x = bars(o, h, l, c, [1.0] * len(o))
    return x.__class__.from_arrays(t0 + DAY * np.arange(len(o), dtype=np.int64), x.open, x.high, x.low, x.close,
                                   x.volume)


# Sun 7 Jan 2024, then Mon 8 .. Sun 14 (week 2), then Mon 15 .. Tue 16 (week 3)
O = [10, 10, 11, 12, 13, 12, 11, 10, 9, 8]
H = [11, 12, 13, 14, 15, 13, 12, 11, 10, 9]
L = [9, 9, 10, 11, 12, 11, 10, 9, 7, 7]
C = [10, 11, 12, 13, 12, 11, 10.5, 9, 8, 8.5]


def test_weekly_boxes_hand_worked() -> None:
    out = run("Multi-Time Period Charts", _days("2024-01-07", O, H, L, C))  # daily bars: auto is 1 week
    assert np.isnan(out["high"][0]) and np.isnan(out["top_up"][0]) and np.isnan(out["top_dn"][0])  # no change yet
    # week 2 (bars 1..7): open 10, high 15, low 9, close 9 -> down: a red box 15..9
    np.testing.assert_array_equal(out["top_dn"][1:8], [15.0] * 7)
    np.testing.assert_array_equal(out["bottom_dn"][1:8], [9.0] * 7)
    assert np.isnan(out["top_up"][1:8]).all()
    np.testing.assert_array_equal(out["high"][1:8], [12, 13, 14, 15, 15, 15, 15])  # developing
    # week 3 (bars 8, 9): open 9, high 10, low 7, close 8.5 -> down; alternate periods are separate fills
    np.testing.assert_array_equal(out["top_dn"][8:], [10.0, 10.0])
    assert np.isfinite(out["box_top_dn1"][1:8]).all() and np.isnan(out["box_top_dn1"][8:]).all()
    assert np.isfinite(out["box_top_dn0"][8:]).all()


def test_open_close_and_true_range() -> None:
    c = _days("2024-01-07", O, H, L, C)
    oc = run("Multi-Time Period Charts", c, calc="Open/Close Range")
    np.testing.assert_array_equal(oc["top_dn"][1:8], [10.0] * 7)  # open 10, close 9
    np.testing.assert_array_equal(oc["bottom_dn"][1:8], [9.0] * 7)
    tr = run("Multi-Time Period Charts", c, calc="True Range")
    # week 3: high 10, low 7, the close before it 9 (bar 7): 10 .. 7
    np.testing.assert_array_equal(tr["top_dn"][8:], [10.0, 10.0])
    np.testing.assert_array_equal(tr["bottom_dn"][8:], [7.0, 7.0])


def test_auto_timeframes() -> None:
    assert [auto_timeframe(s) for s in (60, 3600, DAY, 7 * DAY, 31 * DAY, 100 * DAY)] == \
        ["1D", "1D", "1W", "1M", "3M", "12M"]


def test_intraday_timeframes_start_at_the_regular_session_open() -> None:
    """An intraday "Timeframe" ("60", "240") cuts periods as TradingView's intraday bars: from the
    session open on NASDAQ (09:30, 10:30, ... / 09:30, 13:30 New York), on the UTC hour grid
    around the clock (the oracle's NASDAQ runs of the intraday series)."""
    from chart_export.candles import Candles
    from chart_export.sessions import session_for
    from chart_export.studies import lookup

    t = 1_709_562_600 + 1800 * np.arange(13, dtype=np.int64)  # Monday 2024-03-04 09:30 .. 15:30 New York (EST)
    x = np.arange(1.0, 14.0)
    c = Candles.from_arrays(t, x, x + 0.5, x - 0.5, x, np.ones(13))
    sp = lookup("Multi-Time Period Charts")
    p = {i.key: i.default for i in sp.inputs} | {"auto": False}
    nasdaq = session_for("NASDAQ:AAPL", None, UTC, "UTC")

    def opens(tf, session=None):
        o = sp.run(c, p | {"timeframe": tf}, session=session)["open"]
        return [i for i in range(1, 13) if o[i] == x[i]]  # the period's open is the bar's own

    assert opens("60", nasdaq) == [2, 4, 6, 8, 10, 12]  # 10:30, 11:30, ... (09:30: the first bar, na)
    assert opens("240", nasdaq) == [8]  # 13:30
    assert opens("60") == [1, 3, 5, 7, 9, 11]  # 15:00 UTC, 16:00, ...
    assert opens("240") == [3, 11]  # 16:00 UTC, 20:00


def test_robust() -> None:
    check_robust("Multi-Time Period Charts", optional=())


@pytest.mark.parametrize("theme", THEMES)
def test_renders(theme) -> None:
    png = check_render("Multi-Time Period Charts", theme).png
    assert near(png, "#009688", tol=10) + near(png, "#F44336", tol=10) > 300  # box edges drawn
