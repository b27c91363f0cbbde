"""Time Weighted Average Price: TradingView's inputs (anchor 1D, source ohlc4), the running mean
since each period start by hand, anchors in the chart's time zone, robust, renders (values:
tests/test_oracle.py)."""

from datetime import timedelta, timezone

import numpy as np
import pytest

from tests._studies import bars, check_positions, check_renders, check_robust, run, series, spec

NAME = "Time Weighted Average Price"


def test_inputs():
    check_positions(NAME, ["anchor", "source", "offset"], {"anchor": ("Anchor Period",), "source": ("Source",),
                                                          "offset": ("Offset",)})
    assert [i.default for i in spec(NAME).inputs] == ["1D", "ohlc4", 0]


def test_running_mean_per_day():
    c = bars([1, 2, 3, 4, 5, 6], [1, 2, 3, 4, 5, 6], [1, 2, 3, 4, 5, 6], [1, 2, 3, 4, 5, 6], [1] * 6,
             step=8 * 3600)  # three bars a day
    out = run(NAME, c)["twap"]
    assert out.tolist() == pytest.approx([1, 1.5, 2, 4, 4.5, 5])


def test_time_zone_moves_the_day_start():
    c = bars([1, 2, 3, 4], [1, 2, 3, 4], [1, 2, 3, 4], [1, 2, 3, 4], [1] * 4, step=6 * 3600)  # 00, 06, 12, 18 UTC
    utc = run(NAME, c)["twap"]
    plus9 = run(NAME, c, tz=timezone(timedelta(hours=9)))["twap"]  # 09, 15, 21 | 03 next day
    assert utc.tolist() == pytest.approx([1, 1.5, 2, 2.5])
    assert plus9.tolist() == pytest.approx([1, 1.5, 2, 4])


def test_daily_bars_reset_every_bar():
    s = series("trend", step=86400)
    out = run(NAME, s)["twap"]
    np.testing.assert_allclose(out, (s.open + s.high + s.low + s.close) / 4, rtol=1e-15)


def test_robust():
    check_robust(NAME)


def test_renders():
    check_renders(NAME, {"Anchor Period": "1W"})


def test_intraday_anchors_start_at_the_regular_session_open():
    """An intraday anchor ("60", "240") starts at the session open as TradingView's intraday bars:
    on NASDAQ 09:30, 10:30, ... ("60") and 09:30, 13:30 ("240") New York; around the clock (no
    exchange, UTC) on the UTC hour grid (the oracle's NASDAQ runs of the intraday series)."""
    from datetime import UTC

    from chart_export.candles import Candles
    from chart_export.sessions import session_for

    t = 1_709_562_600 + 1800 * np.arange(13, dtype=np.int64)  # Monday 2024-03-04 09:30 .. 15:30 New York (EST)
    x = np.arange(1.0, 14.0)
    c = Candles.from_arrays(t, x, x, x, x, np.ones(13))
    sp = spec(NAME)
    p = {i.key: i.default for i in sp.inputs}
    nasdaq = session_for("NASDAQ:AAPL", None, UTC, "UTC")

    def starts(anchor, session=None):
        out = sp.run(c, {**p, "anchor": anchor}, session=session)["twap"]
        return [i for i in range(13) if out[i] == x[i]]  # the running mean restarts: the bar's own value

    assert starts("60", nasdaq) == [0, 2, 4, 6, 8, 10, 12]  # 09:30, 10:30, ... 15:30
    from chart_export.templates import Problems, _parse_inputs
    assert _parse_inputs(sp, {"Anchor Period": "1h"}, NAME, Problems())["anchor"] == "60"
    assert starts("240", nasdaq) == [0, 8]  # 09:30, 13:30
    assert starts("60") == [0, 1, 3, 5, 7, 9, 11]  # 14:30 UTC, then 15:00, 16:00, ... on the UTC hour
    assert starts("240") == [0, 3, 11]  # 14:30 UTC, 16:00, 20:00
    assert starts("1D", nasdaq) == [0]
