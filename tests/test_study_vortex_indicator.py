"""Vortex Indicator through the registry: TA-Lib SUM/TRANGE composition; robust; renders."""

import numpy as np
import pytest
import talib

from tests._studies import KINDS, assert_matches, check_positions, check_renders, check_robust, run, series

NAME = "Vortex Indicator"


@pytest.mark.parametrize("kind", KINDS)
def test_talib_composition(kind):
    s = series(kind)
    h, l, c = s.high, s.low, s.close
    tr = talib.SUM(talib.TRANGE(h, l, c), 14)
    vmp = talib.SUM(np.r_[np.nan, np.abs(h[1:] - l[:-1])], 14)
    vmm = talib.SUM(np.r_[np.nan, np.abs(l[1:] - h[:-1])], 14)
    out = run(NAME, s)
    tr_ok = np.where(tr > 0, tr, np.nan)
    assert_matches(out["plus"], vmp / tr_ok, label=kind)
    assert_matches(out["minus"], vmm / tr_ok, label=kind)


def test_inputs():
    check_positions(NAME, ["length"], {"length": ("period_", "Length", "Period")})


def test_robust():
    check_robust(NAME)


def test_renders():
    check_renders(NAME)
