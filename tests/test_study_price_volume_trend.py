"""Price Volume Trend through the registry: hand vector; increments; robust; renders."""

import numpy as np
import pytest

from tests._studies import KINDS, candles, check_defined_from, check_renders, check_robust, run, series, spec

NAME = "Price Volume Trend"


def test_hand_vector():
    # close 10, 11, 11, 9.9; volume 5, 100, 50, 10
    # bar1 (1 / 10) * 100 = 10; bar2 + 0 = 10; bar3 (-1.1 / 11) * 10 = -1 -> 9
    c = np.array([10, 11, 11, 9.9])
    out = run(NAME, candles(c, c, c, c, np.array([5, 100, 50, 10.0])))["pvt"]
    np.testing.assert_allclose(out, [np.nan, 10, 10, 9], rtol=1e-12)


@pytest.mark.parametrize("kind", KINDS)
def test_properties(kind):
    s = series(kind)
    out = run(NAME, s)["pvt"]
    check_defined_from(out, 1, kind)
    c, v = s.close, s.volume
    np.testing.assert_allclose(np.diff(out[1:]), (np.diff(c) / c[:-1] * v[1:])[1:], rtol=1e-6,
                               atol=1e-9 * np.abs(out[1:]).max())


def test_no_inputs():
    assert spec(NAME).inputs == ()


def test_robust():
    check_robust(NAME)


def test_renders():
    check_renders(NAME)
