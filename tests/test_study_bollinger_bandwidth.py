"""Bollinger BandWidth: TradingView's inputs and defaults, 2 * mult * stdev / basis * 100 by
hand, the highest / lowest lines, robust, renders (values: tests/test_oracle.py)."""

import numpy as np
import pytest

from tests._studies import bars, check_positions, check_renders, check_robust, run, series, spec

NAME = "Bollinger BandWidth"


def test_inputs():
    check_positions(NAME, ["length", "source", "mult", "expansion", "contraction"],
                    {"mult": ("StdDev",), "expansion": ("Highest Expansion Length",),
                     "contraction": ("Lowest Contraction Length",)})
    assert [i.default for i in spec(NAME).inputs] == [20, "close", 2.0, 125, 125]


def test_by_hand():
    s = series("gaps_small")
    out = run(NAME, s, length=10, mult=1.5, expansion=5, contraction=7)
    i = 80
    w = s.close[i - 9 : i + 1]
    assert out["bbw"][i] == pytest.approx(2 * 1.5 * w.std() / w.mean() * 100, rel=1e-9)
    assert out["highest"][i] == np.max(out["bbw"][i - 4 : i + 1])
    assert out["lowest"][i] == np.min(out["bbw"][i - 6 : i + 1])
    assert np.isnan(out["bbw"][:9]).all() and not np.isnan(out["bbw"][9:]).any()
    assert out["highest"][9] == out["bbw"][9]  # the highest of the values that exist (leading na)


def test_a_constant_is_zero():
    k = [101.25] * 30
    assert run(NAME, bars(k, k, k, k, [1] * 30))["bbw"][19:].tolist() == [0.0] * 11


def test_robust():
    check_robust(NAME)


def test_renders():
    check_renders(NAME, {"StdDev": 1.5})
