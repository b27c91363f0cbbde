"""Average Day Range: TradingView's input, the SMA of high - low, robust, renders (values:
tests/test_oracle.py)."""

import numpy as np

from chart_export.studies._pine import sma
from tests._studies import check_positions, check_renders, check_robust, run, series, spec

NAME = "Average Day Range"


def test_inputs():
    check_positions(NAME, ["length"], {"length": ("Length",)})
    assert spec(NAME).inputs[0].default == 14


def test_definition():
    s = series("gaps_small")
    np.testing.assert_array_equal(run(NAME, s, length=5)["adr"], sma(s.high - s.low, 5))
    out = run(NAME, s)["adr"]
    assert np.isnan(out[:13]).all() and out[13] == np.mean(s.high[:14] - s.low[:14])


def test_robust():
    check_robust(NAME)


def test_renders():
    check_renders(NAME)
