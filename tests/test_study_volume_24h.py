"""24-hour Volume: price x volume over the bars of the last 24 hours, hand-worked."""

from __future__ import annotations

import numpy as np
import pytest

from tests._studies import THEMES, bars, check_render, check_robust, run

HOUR = 3600


def test_hourly_bars_sum_the_last_24() -> None:
    n = 30
    close = np.arange(1.0, n + 1)
    vol = np.full(n, 2.0)
    out = run("24-hour Volume", bars(close, close, close, close, vol, step=HOUR))["vol24h"]
    # bar i closes at (i + 1) h; the bars opened after (i + 1 - 24) h: max(0, i - 23) .. i
    expected = [sum(2.0 * close[max(0, i - 23): i + 1]) for i in range(n)]
    np.testing.assert_allclose(out, expected)
    assert out[23] == pytest.approx(2 * sum(range(1, 25)))  # 600
    assert out[29] == pytest.approx(2 * sum(range(7, 31)))  # 888


def test_daily_bars_are_their_own_day_and_weekly_bars_have_none() -> None:
    o = [10.0, 20.0]
    daily = run("24-hour Volume", bars(o, o, o, o, [3.0, 4.0], step=86400), source="close")["vol24h"]
    np.testing.assert_allclose(daily, [30.0, 80.0])
    weekly = run("24-hour Volume", bars(o, o, o, o, [3.0, 4.0], step=7 * 86400))["vol24h"]
    assert np.isnan(weekly).all()


def test_a_gap_in_the_bars_leaves_them_out() -> None:
    t = np.array([0, HOUR, 30 * HOUR], dtype=np.int64)  # a day-long gap before the third bar
    c = bars([1.0] * 3, [1.0] * 3, [1.0] * 3, [1.0] * 3, [5.0, 6.0, 7.0], step=HOUR)
    c = c.__class__.from_arrays(c.time[0] + t, c.open, c.high, c.low, c.close, c.volume)
    np.testing.assert_allclose(run("24-hour Volume", c)["vol24h"], [5.0, 11.0, 7.0])


def test_robust() -> None:
    check_robust("24-hour Volume")


@pytest.mark.parametrize("theme", THEMES)
def test_renders(theme) -> None:
    check_render("24-hour Volume", theme)
