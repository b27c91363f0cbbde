"""Momentum through the registry: TA-Lib MOM on the four series; robust; renders."""

import pytest
import talib

from tests._studies import KINDS, assert_matches, check_positions, check_renders, check_robust, run, series

NAME = "Momentum"


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("length", [10, 1])
def test_equals_talib_mom(kind, length):
    s = series(kind)
    assert_matches(run(NAME, s, length=length)["mom"], talib.MOM(s.close, length), label=kind)


def test_inputs():
    check_positions(NAME, ["length", "source"], {"length": ("length", "Length", "len")})


def test_robust():
    check_robust(NAME)


def test_renders():
    check_renders(NAME, {"in_0": 12})
