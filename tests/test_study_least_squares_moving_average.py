"""Least Squares Moving Average through the registry: TA-Lib LINEARREG; the offset hand
vector; robust; renders."""

import numpy as np
import pytest
import talib

from tests._studies import KINDS, assert_matches, candles, check_positions, check_renders, check_robust, run, series

NAME = "Least Squares Moving Average"


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("length", [25, 2, 9])
def test_equals_talib_linearreg(kind, length):
    s = series(kind)
    assert_matches(run(NAME, s, length=length)["lsma"], talib.LINEARREG(s.close, length), label=kind)


def test_offset_hand_vector():
    # y = 1, 3, 2 over x = 0, 1, 2: slope = (3*7 - 3*6) / (3*5 - 9) = 0.5, intercept = (6 - 1.5) / 3 = 1.5
    # offset 0 -> 1.5 + 0.5*2 = 2.5; offset 1 -> 1.5 + 0.5*1 = 2.0
    y = np.array([1.0, 3, 2])
    z = np.zeros(3)
    assert run(NAME, candles(z, z, z, y), length=3)["lsma"][2] == pytest.approx(2.5)
    assert run(NAME, candles(z, z, z, y), length=3, offset=1)["lsma"][2] == pytest.approx(2.0)


def test_inputs():
    check_positions(NAME, ["length", "offset", "source"], {"offset": ("offset", "Offset")})


def test_robust():
    check_robust(NAME)


def test_renders():
    check_renders(NAME, {"in_0": 20, "in_1": 2})
