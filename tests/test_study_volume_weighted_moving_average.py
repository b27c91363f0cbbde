"""Volume Weighted Moving Average: TradingView's inputs, sum(close * volume) / sum(volume) by
hand, a window without volume is na, offset, robust, renders (values: tests/test_oracle.py)."""

import numpy as np
import pytest

from tests._studies import bars, check_positions, check_renders, check_robust, run, series

NAME = "Volume Weighted Moving Average"


def test_inputs():
    check_positions(NAME, ["length", "source", "offset"], {"length": ("Length",), "offset": ("Offset",)})


def test_by_hand():
    c = bars([1, 2, 3, 4], [1, 2, 3, 4], [1, 2, 3, 4], [10.0, 20.0, 30.0, 40.0], [1.0, 3.0, 0.0, 2.0])
    out = run(NAME, c, length=2)["vwma"]
    assert np.isnan(out[0])
    assert out[1:].tolist() == pytest.approx([(10 + 60) / 4, 60 / 3, 80 / 2])


def test_no_volume_is_na():
    c = bars([1] * 5, [1] * 5, [1] * 5, [1.0, 2.0, 3.0, 4.0, 5.0], [0.0] * 5)
    assert np.isnan(run(NAME, c, length=2)["vwma"]).all()


def test_equal_volume_is_the_sma():
    s = series("trend")
    c = bars(s.open, s.high, s.low, s.close, np.full(len(s), 7.0))
    out = run(NAME, c, length=20)["vwma"]
    np.testing.assert_allclose(out[19:], np.convolve(s.close, np.ones(20) / 20, "valid"), rtol=1e-12)


def test_robust():
    check_robust(NAME)


def test_renders():
    check_renders(NAME, {"Length": 10, "Offset": 2})
