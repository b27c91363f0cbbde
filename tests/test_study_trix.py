"""TRIX through the registry: hand vector; TA-Lib EMA composition on the log close;
robust; renders."""

import numpy as np
import pytest
import talib

from tests._studies import (KINDS, assert_matches, candles, check_defined_from, check_positions, check_renders,
                             check_robust, run, series)

NAME = "TRIX"


def test_hand_vector():
    # length 1: every EMA is the input, so TRIX = 10000 * (log c - log c[1])
    c = np.array([100.0, 101, 99])
    out = run(NAME, candles(c, c, c, c), length=1)["trix"]
    np.testing.assert_allclose(out, [np.nan, 10000 * np.log(101 / 100), 10000 * np.log(99 / 101)], rtol=1e-12)


@pytest.mark.parametrize("kind", KINDS)
def test_talib_ema_composition(kind):
    s = series(kind)
    e3 = talib.EMA(talib.EMA(talib.EMA(np.log(s.close), 18), 18), 18)
    ref = np.r_[np.nan, 10000 * np.diff(e3)]
    out = run(NAME, s)["trix"]
    assert_matches(out, ref, label=kind)
    check_defined_from(out, 3 * 17 + 1, kind)


def test_inputs():
    check_positions(NAME, ["length"], {"length": ("length", "Length")})


def test_robust():
    check_robust(NAME)


def test_renders():
    check_renders(NAME)
