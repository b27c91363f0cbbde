"""Fisher Transform: TradingView's input, the two recursions by hand (clamped at ±0.999), the
trigger one bar behind, a flat window restarts from 0, robust, renders (values: tests/test_oracle.py)."""

import math

import numpy as np
import pytest

from tests._studies import bars, check_positions, check_renders, check_robust, run, series, spec

NAME = "Fisher Transform"


def test_inputs():
    check_positions(NAME, ["length"], {"length": ("Length",)})
    assert spec(NAME).inputs[0].default == 9


def test_by_hand():
    s = series("trend")
    hl2 = (s.high + s.low) / 2
    out = run(NAME, s)
    value = fish = 0.0
    for i in range(8, 120):
        w = hl2[i - 8 : i + 1]
        v = .66 * ((hl2[i] - w.min()) / (w.max() - w.min()) - .5) + .67 * value
        value = .999 if v > .99 else -.999 if v < -.99 else v
        fish = .5 * math.log((1 + value) / (1 - value)) + .5 * fish
        assert out["fisher"][i] == pytest.approx(fish, rel=1e-12, abs=1e-12)
    assert np.isnan(out["fisher"][:8]).all()
    np.testing.assert_array_equal(out["trigger"][1:], out["fisher"][:-1])


def test_a_flat_window_is_na_and_restarts():
    x = np.concatenate([np.linspace(1, 2, 20), np.full(12, 2.0), np.linspace(2, 3, 20)])
    out = run(NAME, bars(x, x, x, x, np.ones(len(x))), length=4)["fisher"]
    assert np.isfinite(out[3:22]).all()
    assert np.isnan(out[22:33]).all() and np.isfinite(out[33:]).all()  # bars 19..32 are 2.0


def test_robust():
    check_robust(NAME)


def test_renders():
    check_renders(NAME)
