"""Price Oscillator: TradingView's inputs and defaults, (short - long) / long * 100 with EMAs
or SMAs, signal and histogram, robust, renders (values: tests/test_oracle.py)."""

import numpy as np
import pytest

from chart_export.studies._pine import ema, sma
from tests._studies import check_positions, check_renders, check_robust, run, series, spec

NAME = "Price Oscillator"


def test_inputs():
    check_positions(NAME, ["short", "long", "signal", "source", "exponential"],
                    {"short": ("Short Length",), "long": ("Long Length",), "signal": ("Signal Length",),
                     "exponential": ("Use exponential MA",)})
    assert [i.default for i in spec(NAME).inputs] == [12, 26, 9, "close", True]


@pytest.mark.parametrize("exponential", [True, False])
def test_definition(exponential):
    s = series("trend")
    f = ema if exponential else sma
    out = run(NAME, s, exponential=exponential)
    po = (f(s.close, 12) - f(s.close, 26)) / f(s.close, 26) * 100
    np.testing.assert_array_equal(out["ppo"], po)
    np.testing.assert_array_equal(out["signal"], f(po, 9))
    np.testing.assert_array_equal(out["hist"], po - f(po, 9))
    assert np.isnan(out["ppo"][:25]).all() and not np.isnan(out["ppo"][25:]).any()


def test_robust():
    check_robust(NAME)


def test_renders():
    check_renders(NAME, {"Use exponential MA": False})
