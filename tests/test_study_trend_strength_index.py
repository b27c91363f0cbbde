"""Trend Strength Index: TradingView's input, the correlation of the close with the bar index
by hand, a straight line is ±1, a constant window is 0 (no covariance), robust, renders (values: tests/test_oracle.py)."""

import numpy as np
import pytest

from tests._studies import bars, check_positions, check_renders, check_robust, run, series, spec

NAME = "Trend Strength Index"


def test_inputs():
    check_positions(NAME, ["length", "bullish_color", "bearish_color"],  # "periods": Chart-IMG's key
                    {"length": ("Length", "periods"), "bullish_color": ("Bullish Color",),
                     "bearish_color": ("Bearish Color",)})
    assert (spec(NAME).inputs[0].default, spec(NAME).inputs[0].minimum) == (14, 2)


def test_by_hand():
    s = series("gaps_large")
    out = run(NAME, s)["tsi"]
    i = 400
    assert out[i] == pytest.approx(np.corrcoef(s.close[i - 13 : i + 1], np.arange(14))[0, 1], rel=1e-9)
    assert np.isnan(out[:13]).all() and not np.isnan(out[13:]).any()


def test_lines_and_constants():
    up = np.arange(1.0, 41.0)
    assert run(NAME, bars(up, up, up, up, up))["tsi"][13:] == pytest.approx(1.0)
    assert run(NAME, bars(up[::-1], up[::-1], up[::-1], up[::-1], up))["tsi"][13:] == pytest.approx(-1.0)
    k = np.full(40, 3.0)
    assert run(NAME, bars(k, k, k, k, k))["tsi"][13:].tolist() == [0.0] * 27  # |cov| <= 1e-10: 0


def test_robust():
    check_robust(NAME)


def test_renders():
    check_renders(NAME)
