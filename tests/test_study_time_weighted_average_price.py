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
