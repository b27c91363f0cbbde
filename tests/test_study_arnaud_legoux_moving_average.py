"""Arnaud Legoux Moving Average: TradingView's inputs and defaults, the Gaussian weights worked
by hand, warm-up, robust, renders (values: tests/test_oracle.py)."""

import math

import numpy as np
import pytest

from tests._studies import bars, check_defined_from, check_positions, check_renders, check_robust, run, series

NAME = "Arnaud Legoux Moving Average"


def test_inputs():
    check_positions(NAME, ["length", "offset", "sigma"],
                    {"length": ("Length",), "offset": ("Offset",), "sigma": ("Sigma",)})


def test_defaults_are_tradingviews():
    from tests._studies import spec
    assert {i.key: i.default for i in spec(NAME).inputs} == {"length": 9, "offset": 0.85, "sigma": 6.0}


@pytest.mark.parametrize(("n", "offset", "sigma"), [(9, 0.85, 6.0), (4, 0.5, 2.0), (1, 0.85, 6.0)])
def test_gaussian_weights_by_hand(n, offset, sigma):
    s = series("gaps_small")
    m, sd = offset * (n - 1), n / sigma
    w = [math.exp(-((i - m) ** 2) / (2 * sd * sd)) for i in range(n)]  # i = 0: the oldest bar
    out = run(NAME, s, length=n, offset=offset, sigma=sigma)["alma"]
    check_defined_from(out, n - 1)
    i = 100
    expected = sum(s.close[i - n + 1 + k] * w[k] for k in range(n)) / sum(w)
    assert out[i] == pytest.approx(expected, rel=1e-12)


def test_a_constant_is_itself():
    k = [101.25] * 30
    out = run(NAME, bars(k, k, k, k, [1] * 30))["alma"]
    np.testing.assert_allclose(out[8:], 101.25, rtol=1e-12)


def test_robust():
    check_robust(NAME)


def test_renders():
    check_renders(NAME, {"Length": 20})
