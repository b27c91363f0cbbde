"""Triple EMA through the registry: TA-Lib TEMA on the four series; robust; renders."""

import pytest
import talib

from tests._studies import KINDS, assert_matches, check_positions, check_renders, check_robust, run, series

NAME = "Triple EMA"


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("length", [9, 2, 30])
def test_equals_talib_tema(kind, length):
    s = series(kind)
    assert_matches(run(NAME, s, length=length)["tema"], talib.TEMA(s.close, length), label=kind)


def test_inputs():
    check_positions(NAME, ["length", "source"], {"length": ("length", "Length")})


def test_robust():
    check_robust(NAME)


def test_renders():
    check_renders(NAME)
