"""Relative Volume at Time: ta.relativeVolume of TradingView's ta library (RelativeValue's
averageAtTime), hand-worked; tests/test_oracle.py holds it to the port bar for bar."""

from __future__ import annotations

from datetime import UTC, datetime

import numpy as np
import pytest

from tests._studies import THEMES, bars, check_render, check_robust, run

HOUR, DAY = 3600, 86400


def _hours(times, vols):
    t0 = int(datetime(2024, 1, 1, tzinfo=UTC).timestamp())
    x = bars([1.0] * len(vols), [1.0] * len(vols), [1.0] * len(vols), [1.0] * len(vols), vols)
    return x.__class__.from_arrays(t0 + np.asarray(times, dtype=np.int64), x.open, x.high, x.low, x.close, x.volume)


# three days of bars at 10:00, 11:00 and 12:00 (day 2 has no 11:00 bar)
T = [10 * HOUR, 11 * HOUR, 12 * HOUR, DAY + 10 * HOUR, DAY + 12 * HOUR, 2 * DAY + 10 * HOUR, 2 * DAY + 11 * HOUR,
     2 * DAY + 12 * HOUR]
V = [10.0, 20.0, 30.0, 20.0, 40.0, 30.0, 30.0, 60.0]


def test_cumulative_hand_worked() -> None:
    out = run("Relative Volume at Time", _hours(T, V), length=2)
    # cumulative volume: day 1 10, 30, 60; day 2 20 (offset 0), 60 (offset 2h); day 3 30, 60, 120
    np.testing.assert_allclose(out["current"], [10, 30, 60, 20, 60, 30, 60, 120])
    # day 2: offset 0 -> day 1's 10; offset 2h -> day 1's 60
    # day 3: offset 0 -> (10 + 20) / 2; offset 1h -> (day 1's 30 + day 2's 20: it has no 11:00 bar, so
    # its last bar before, binary_search_leftmost) / 2; offset 2h -> (60 + 60) / 2
    np.testing.assert_allclose(out["past"], [np.nan, np.nan, np.nan, 10, 60, 15, 25, 60])
    np.testing.assert_allclose(out["ratio"], [np.nan, np.nan, np.nan, 2.0, 1.0, 2.0, 2.4, 2.0])
    assert np.isnan(out["above"][4]) and out["below"][4] == 1.0 and out["above"][3] == 2.0


def test_regular_and_length_one() -> None:
    out = run("Relative Volume at Time", _hours(T, V), length=1, mode="Regular")
    # regular: the bar's own volume; length 1: the previous day only (day 3 offset 1h: day 2's bar
    # before it, 10:00, volume 20)
    np.testing.assert_allclose(out["past"], [np.nan, np.nan, np.nan, 10, 30, 20, 20, 40])
    np.testing.assert_allclose(out["ratio"][[3, 5, 6, 7]], [2.0, 1.5, 1.5, 1.5])


def test_an_anchor_not_longer_than_the_bars_uses_the_previous_bars() -> None:
    days = [i * DAY for i in range(4)]
    out = run("Relative Volume at Time", _hours(days, [1.0, 3.0, 2.0, 6.0]), length=2)
    np.testing.assert_allclose(out["past"], [np.nan, 1.0, 2.0, 2.5])
    np.testing.assert_allclose(out["ratio"], [np.nan, 3.0, 1.0, 2.4])


def test_robust() -> None:
    check_robust("Relative Volume at Time", optional=("above", "below"))


@pytest.mark.parametrize("theme", THEMES)
def test_renders(theme) -> None:
    check_render("Relative Volume at Time", theme)


def test_columns_stand_on_1_as_tradingviews_histbase():
    """``plot.style_columns, histbase = 1``: a ratio of 2 is a column from 1 up to 2, a ratio of
    0.5 one from 1 down to 0.5 (drawn from 0 they would say 'twice as tall' for 2 vs 1)."""
    from matplotlib.figure import Figure

    from chart_export._render.plots import _histogram
    from chart_export.studies import lookup

    spec = lookup("Relative Volume at Time")
    kept = []
    for plot, values in zip(spec.plots, ([2.0, np.nan], [np.nan, 0.5])):
        ax = Figure().add_subplot()
        _histogram(ax, plot, np.array(values), {"visible": True, "color": "#4CAF50"}, None, {}, kept.append)
    bars_y = [sorted({round(float(y), 9) for _, y in patch.get_path().vertices}) for patch in kept]
    assert [ys for ys in bars_y if len(ys) > 1] == [[1.0, 2.0], [0.5, 1.0]]  # (a NaN: a flat bar on the base)


def test_intraday_anchors_start_at_the_regular_session_open():
    """An intraday anchor ("60", "240") starts at the session open as TradingView's intraday bars
    (NASDAQ: 09:30, 10:30, ... / 09:30, 13:30 New York), and ``time(anchor)`` is that open (the
    offset into the period); around the clock on the UTC hour grid (the oracle's NASDAQ runs)."""
    from chart_export.candles import Candles
    from chart_export.sessions import session_for
    from chart_export.studies import lookup

    t = 1_709_562_600 + 1800 * np.arange(13, dtype=np.int64)  # Monday 2024-03-04 09:30 .. 15:30 New York (EST)
    v = np.arange(1.0, 14.0)
    c = Candles.from_arrays(t, v, v, v, v, v)
    sp = lookup("Relative Volume at Time")
    p = {i.key: i.default for i in sp.inputs} | {"length": 1}
    nasdaq = session_for("NASDAQ:AAPL", None, UTC, "UTC")
    out = sp.run(c, p | {"anchor": "60"}, session=nasdaq)
    np.testing.assert_array_equal(out["current"], [1, 3, 3, 7, 5, 11, 7, 15, 9, 19, 11, 23, 13])  # sums from 09:30, 10:30..
    # the bar 30 minutes into its hour, against the hour before at 30 minutes: its second bar's sum
    np.testing.assert_array_equal(out["past"][3::2], [3, 7, 11, 15, 19])
    four = sp.run(c, p | {"anchor": "240"}, session=nasdaq)["current"]
    np.testing.assert_array_equal(four[[7, 8]], [36, 9])  # 09:30-13:00 summed, 13:30 starts again
    utc = sp.run(c, p | {"anchor": "60"})["current"]  # 14:30 UTC, then 15:00, 16:00, ...
    np.testing.assert_array_equal(utc[:4], [1, 2, 5, 4])
