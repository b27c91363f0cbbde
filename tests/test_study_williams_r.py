"""Williams %R through the registry: TA-Lib WILLR; robust; renders."""

import pytest
import talib

from tests._studies import KINDS, assert_matches, check_positions, check_renders, check_robust, run, series

NAME = "Williams %R"

# TA-Lib is a second check where its definition is TradingView's: not on the flat series, whose
# windows without range (TA-Lib 0, TradingView na) differ; the oracle checks those bars (tests/test_oracle.py).
MOVING = [k for k in KINDS if k != "flat"]


@pytest.mark.parametrize("kind", MOVING)
@pytest.mark.parametrize("length", [14, 2])
def test_equals_talib_willr(kind, length):
    s = series(kind)
    ref = talib.WILLR(s.high, s.low, s.close, length)
    assert_matches(run(NAME, s, length=length)["r"], ref, label=kind)


def test_inputs():
    check_positions(NAME, ["length", "source"], {"length": ("length", "Length")})


def test_robust():
    check_robust(NAME)


def test_renders():
    check_renders(NAME)
