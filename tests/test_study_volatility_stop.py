"""Volatility Stop: TradingView's inputs, the trailing stop by hand on a rise and a fall, the
flip, crosses coloured by trend, robust, renders (values: tests/test_oracle.py)."""

import numpy as np
import pytest

from chart_export.studies._pine import atr
from tests._studies import bars, check_positions, check_renders, check_robust, run, spec

NAME = "Volatility Stop"


def test_inputs():
    check_positions(NAME, ["length", "source", "factor"], {"length": ("Length",), "factor": ("Multiplier",)})
    assert [(i.default, i.minimum) for i in spec(NAME).inputs] == [(20, 2), ("close", None), (2.0, 0.25)]


def test_rise_then_fall():
    up = np.arange(100.0, 130.0)
    down = np.arange(128.0, 90.0, -1.0)
    c = np.concatenate([up, down])
    h, l = c + 0.5, c - 0.5
    out = run(NAME, bars(c, h, l, c, np.ones(len(c))), length=3, factor=1.0)
    a = atr(h, l, c, 3)
    assert out["vstop"][0] == c[0] and out["uptrend"][0] == 1.0
    i = 20  # rising: the stop trails the highest close by the ATR
    assert out["uptrend"][i] == 1.0 and out["vstop"][i] == pytest.approx(c[i] - a[i])
    flips = np.flatnonzero(np.diff(out["uptrend"]))
    assert len(flips) == 1
    f = flips[0] + 1  # the flip bar: the stop restarts above the close
    assert out["uptrend"][f] == 0.0 and out["vstop"][f] == pytest.approx(c[f] + a[f])
    np.testing.assert_array_equal(np.isnan(out["vstop_up"]), out["uptrend"] != 1.0)
    np.testing.assert_array_equal(np.isnan(out["vstop_down"]), out["uptrend"] != 0.0)


def test_robust():
    check_robust(NAME, optional=("vstop_up", "vstop_down"))


def test_renders():
    check_renders(NAME)
    check_renders(NAME, {"Length": 5})
