"""Bull Bear Power: TradingView's input, (high - ema) + (low - ema) by hand, histogram coloured
by sign, robust, renders (values: tests/test_oracle.py)."""

import numpy as np
import pytest

from tests._studies import bars, check_positions, check_renders, check_robust, run, spec

NAME = "Bull Bear Power"


def test_inputs():
    check_positions(NAME, ["length"], {"length": ("Length",)})
    assert spec(NAME).inputs[0].default == 13


def test_by_hand():
    c = bars([1, 1, 1, 1], [3, 4, 5, 6], [1, 2, 1, 0], [2.0, 3.0, 4.0, 5.0], [1] * 4)
    out = run(NAME, c, length=2)["bbp"]
    ema1 = 2.5  # SMA seed of the first two closes
    ema2 = ema1 + 2 / 3 * (4.0 - ema1)
    ema3 = ema2 + 2 / 3 * (5.0 - ema2)
    assert np.isnan(out[0])
    assert out[1:].tolist() == pytest.approx([4 + 2 - 2 * ema1, 5 + 1 - 2 * ema2, 6 + 0 - 2 * ema3])


def test_histogram_coloured_by_sign():
    plot = spec(NAME).plots[0]
    assert (plot.kind, plot.rule, plot.colors) == ("histogram", "sign", ("#089981", "#f23645"))


def test_robust():
    check_robust(NAME)


def test_renders():
    check_renders(NAME)
