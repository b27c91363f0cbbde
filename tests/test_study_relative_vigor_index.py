"""Relative Vigor Index: TradingView's inputs, the swma sums by hand, warm-up, offset, robust,
renders (values: tests/test_oracle.py)."""

import numpy as np
import pytest

from tests._studies import check_positions, check_renders, check_robust, run, series

NAME = "Relative Vigor Index"


def test_inputs():
    check_positions(NAME, ["length", "offset"], {"length": ("Length",), "offset": ("Offset",)})


def test_by_hand():
    s = series("gaps_small")
    out = run(NAME, s, length=4)

    def swma(x, j):
        return (x[j] + 2 * x[j - 1] + 2 * x[j - 2] + x[j - 3]) / 6

    i = 100
    co, hl = s.close - s.open, s.high - s.low
    expected = sum(swma(co, j) for j in range(i - 3, i + 1)) / sum(swma(hl, j) for j in range(i - 3, i + 1))
    assert out["rvgi"][i] == pytest.approx(expected, rel=1e-12)
    assert np.isnan(out["rvgi"][:6]).all() and not np.isnan(out["rvgi"][6:]).any()
    assert np.isnan(out["signal"][:9]).all() and not np.isnan(out["signal"][9:]).any()


def test_robust():
    check_robust(NAME)


def test_renders():
    check_renders(NAME, {"Offset": 3})
