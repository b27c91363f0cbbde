"""Stochastic Momentum Index: TradingView's inputs and bounds, the double-EMA ratio by hand,
warm-up, a flat window is na, robust, renders (values: tests/test_oracle.py)."""

import numpy as np

from chart_export.studies._pine import ema, highest, lowest
from tests._studies import bars, check_positions, check_renders, check_robust, run, series, spec

NAME = "Stochastic Momentum Index"


def test_inputs():
    check_positions(NAME, ["length_k", "length_d", "length_ema"],
                    {"length_k": ("%K Length",), "length_d": ("%D Length",), "length_ema": ("EMA Length",)})
    assert [(i.default, i.maximum) for i in spec(NAME).inputs] == [(10, 15000), (3, 4999), (3, 4999)]


def test_definition():
    s = series("gaps_large")
    hh, ll = highest(s.high, 10), lowest(s.low, 10)
    smi = 200 * (ema(ema(s.close - (hh + ll) / 2, 3), 3) / ema(ema(hh - ll, 3), 3))
    out = run(NAME, s)
    np.testing.assert_array_equal(out["smi"], smi)
    np.testing.assert_array_equal(out["ema"], ema(smi, 3))
    assert np.isnan(out["smi"][:13]).all() and not np.isnan(out["smi"][13:]).any()


def test_flat_is_na():
    k = [5.0] * 40
    assert np.isnan(run(NAME, bars(k, k, k, k, k))["smi"]).all()


def test_robust():
    check_robust(NAME)


def test_renders():
    check_renders(NAME)
