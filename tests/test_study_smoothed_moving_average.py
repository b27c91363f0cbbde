"""Smoothed Moving Average through the registry: hand vector; TA-Lib ATR's recursion on the
true range; robust; renders."""

import numpy as np
import pytest
import talib

from tests._studies import (KINDS, assert_matches, candles, check_defined_from, check_positions, check_renders,
                             check_robust, run, series)

NAME = "Smoothed Moving Average"


def test_hand_vector():
    # length 3, close 3, 6, 9, 12, 0: seed bar2 = 6; bar3 (6*2 + 12) / 3 = 8; bar4 (8*2 + 0) / 3 = 16/3
    x = np.array([3.0, 6, 9, 12, 0])
    out = run(NAME, candles(x, x, x, x), length=3)["smma"]
    np.testing.assert_allclose(out, [np.nan, np.nan, 6, 8, 16 / 3], rtol=1e-12)


@pytest.mark.parametrize("kind", KINDS)
def test_same_recursion_as_talib_atr(kind):
    # SMMA of the true range (NaN at bar 0) is TA-Lib ATR
    s = series(kind)
    tr = talib.TRANGE(s.high, s.low, s.close)
    out = run(NAME, candles(tr, tr, tr, tr, s.volume, s.time), length=14)["smma"]
    assert_matches(out, talib.ATR(s.high, s.low, s.close, 14), label=kind)
    check_defined_from(run(NAME, s)["smma"], 6, kind)


def test_inputs():
    check_positions(NAME, ["length", "source"], {"length": ("length", "Length", "len")})


def test_robust():
    check_robust(NAME)


def test_renders():
    check_renders(NAME)
