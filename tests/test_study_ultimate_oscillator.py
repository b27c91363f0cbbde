"""Ultimate Oscillator through the registry: TA-Lib ULTOSC; robust; renders."""

import pytest
import talib

from tests._studies import KINDS, assert_matches, check_positions, check_renders, check_robust, run, series

NAME = "Ultimate Oscillator"


@pytest.mark.parametrize("kind", [k for k in KINDS if k != "flat"])  # flat windows: TA-Lib 0, TradingView na (tests/test_oracle.py)
@pytest.mark.parametrize("lengths", [(7, 14, 28), (2, 3, 4)])
def test_equals_talib_ultosc(kind, lengths):
    s = series(kind)
    a, b, c = lengths
    ref = talib.ULTOSC(s.high, s.low, s.close, a, b, c)
    assert_matches(run(NAME, s, fast=a, middle=b, slow=c)["uo"], ref, label=kind)


def test_inputs():
    check_positions(NAME, ["fast", "middle", "slow"], {"fast": ("length1",), "middle": ("length2",), "slow": ("length3",)})


def test_robust():
    check_robust(NAME)


def test_renders():
    check_renders(NAME)
