"""Median: TradingView's inputs (source hl2), the nearest-rank median by hand, the ATR bands and
the EMA, robust, renders (values: tests/test_oracle.py)."""

import numpy as np
import pytest

from chart_export.studies._pine import atr, ema, percentile_nearest_rank
from tests._studies import check_positions, check_renders, check_robust, run, series, spec

NAME = "Median"


def test_inputs():
    check_positions(NAME, ["source", "length", "atr_length", "atr_mult"],
                    {"source": ("Median Source",), "length": ("Median Length",), "atr_length": ("ATR Length",),
                     "atr_mult": ("ATR Multiplier",)})
    assert [i.default for i in spec(NAME).inputs] == ["hl2", 3, 14, 2.0]


@pytest.mark.parametrize(("n", "pct", "expected"), [(3, 50, [np.nan, np.nan, 2.0, 2.0, 4.0]),
                                                    (4, 50, [np.nan] * 3 + [2.0, 2.0]),
                                                    (2, 100, [np.nan, 3.0, 2.0, 5.0, 5.0])])
def test_nearest_rank(n, pct, expected):
    x = np.array([3.0, 1, 2, 5, 4])
    np.testing.assert_array_equal(percentile_nearest_rank(x, n, pct), expected)


def test_bands_and_ema():
    s = series("gaps_small")
    out = run(NAME, s)
    hl2 = (s.high + s.low) / 2
    i = 200
    assert out["median"][i] == np.median(hl2[i - 2 : i + 1])
    a = atr(s.high, s.low, s.close, 14)
    np.testing.assert_array_equal(out["upper"], out["median"] + 2 * a)
    np.testing.assert_array_equal(out["lower"], out["median"] - 2 * a)
    np.testing.assert_array_equal(out["median_ema"], ema(out["median"], 3))


def test_robust():
    check_robust(NAME)


def test_renders():
    check_renders(NAME)
