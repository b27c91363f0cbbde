"""Supertrend through the registry: hand vector; trend properties; robust; renders."""

import numpy as np
import pytest

from tests._studies import (KINDS, candles, check_positions, check_renders, check_robust, first_defined, run,
                             series)

NAME = "Supertrend"


def test_hand_vector():
    # ATR(1) = true range (from bar 1), factor 1, src = hl2
    # bar1 h11 l9 c10: TR 2, src 10 -> bands 12 / 8; first ATR bar: direction 1, st = upper 12
    # bar2 h13 l11 c12.5: TR max(2, |13-10|, |11-10|) = 3, src 12 -> raw 15 / 9
    #   lower 9 > 8 -> 9; upper 15 < 12 no, close[1] 10 > 12 no -> 12
    #   prev st 12 == prev upper 12 -> close 12.5 > 12 -> -1 (up), st = lower 9
    # bar3 h14 l12 c13: TR 2, src 13 -> raw 15 / 11; lower 11; upper: close[1] 12.5 > 12 -> 15
    #   prev st 9 != prev upper -> close 13 < 11 no -> -1, st 11
    # bar4 h12 l9 c9.5: TR max(3, 1, 4) = 4, src 10.5 -> raw 14.5 / 6.5
    #   lower: 6.5 > 11 no, close[1] 13 < 11 no -> 11; upper 14.5 < 15 -> 14.5
    #   prev st 11 != 15 -> close 9.5 < 11 -> 1 (down), st 14.5
    # bar5 h10 l9 c9.8: TR 1, src 9.5 -> raw 10.5 / 8.5
    #   lower: close[1] 9.5 < 11 -> 8.5; upper 10.5 < 14.5 -> 10.5
    #   prev st 14.5 == prev upper 14.5 -> close 9.8 > 10.5 no -> 1, st 10.5
    h = np.array([10, 11, 13, 14, 12, 10.0])
    l = np.array([8, 9, 11, 12, 9, 9.0])
    c = np.array([9, 10, 12.5, 13, 9.5, 9.8])
    out = run(NAME, candles(c, h, l, c), atr_period=1, factor=1.0)
    nan = np.nan
    np.testing.assert_array_equal(out["direction"], [nan, 1, -1, -1, 1, 1])
    np.testing.assert_allclose(out["up"], [nan, nan, 9, 11, nan, nan])
    np.testing.assert_allclose(out["down"], [nan, 12, nan, nan, 14.5, 10.5])


@pytest.mark.parametrize("kind", KINDS)
def test_properties(kind):
    s = series(kind)
    out = run(NAME, s)
    d = out["direction"]
    assert first_defined(d) == 9  # ta.atr(10) = ta.rma(ta.tr(true), 10) starts at bar 9
    assert set(np.unique(d[9:])) <= {-1.0, 1.0}
    # exactly one of the two lines per bar; up line below the close, down line above
    assert (np.isnan(out["up"][9:]) != np.isnan(out["down"][9:])).all()
    up = ~np.isnan(out["up"])
    dn = ~np.isnan(out["down"])
    assert (out["up"][up] <= s.close[up]).all()
    assert (out["down"][dn] >= s.close[dn]).all()


def test_inputs():
    check_positions(NAME, ["atr_period", "factor"], {"atr_period": ("atrPeriod",), "factor": ("factor",)})


def test_robust():
    check_robust(NAME)


def test_renders():
    check_renders(NAME)
