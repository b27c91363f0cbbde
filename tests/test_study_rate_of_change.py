"""Rate Of Change through the registry: TA-Lib ROC on the four series; robust; renders."""

import pytest
import talib

from tests._studies import KINDS, assert_matches, check_positions, check_renders, check_robust, run, series

NAME = "Rate Of Change"


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("length", [9, 1])
def test_equals_talib_roc(kind, length):
    s = series(kind)
    assert_matches(run(NAME, s, length=length)["roc"], talib.ROC(s.close, length), label=kind)


def test_inputs():
    check_positions(NAME, ["length", "source"], {"length": ("length", "Length")})


def test_robust():
    check_robust(NAME)


def test_renders():
    check_renders(NAME)
