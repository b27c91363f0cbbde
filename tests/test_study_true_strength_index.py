"""True Strength Index through the registry: TA-Lib EMA composition; robust; renders."""

import numpy as np
import pytest
import talib

from tests._studies import (KINDS, assert_matches, check_defined_from, check_positions, check_renders, check_robust,
                             run, series)

NAME = "True Strength Index"


@pytest.mark.parametrize("kind", KINDS)
def test_talib_composition(kind):
    s = series(kind)
    pc = np.r_[np.nan, np.diff(s.close)]
    num = talib.EMA(talib.EMA(pc, 25), 13)
    den = talib.EMA(talib.EMA(np.abs(pc), 25), 13)
    tsi = np.where(den != 0, 100 * num / np.where(den != 0, den, 1.0), np.nan)
    out = run(NAME, s)
    if kind == "flat":  # zero denominators leave NaN holes TA-Lib EMA cannot skip
        sel = ~np.isnan(tsi) & ~np.isnan(out["tsi"])
        np.testing.assert_allclose(out["tsi"][sel], tsi[sel], rtol=1e-6, atol=1e-9)
        return
    assert_matches(out["tsi"], tsi, label=kind)
    assert_matches(out["signal"], talib.EMA(tsi, 13), label=kind)
    check_defined_from(out["tsi"], 25 + 13 - 1, kind)


def test_inputs():
    check_positions(NAME, ["long", "short", "signal"], {"long": ("long",), "short": ("short",), "signal": ("signal",)})


def test_robust():
    check_robust(NAME)


def test_renders():
    check_renders(NAME)
