"""Stochastic through the registry: TA-Lib STOCHF (defaults) and STOCH (slow); robust;
renders."""

import numpy as np
import pytest
import talib

from tests._studies import KINDS, assert_matches, check_positions, check_renders, check_robust, run, series

NAME = "Stochastic"

# TA-Lib is a second check where its definition is TradingView's: not on the flat series, whose
# windows without range (TA-Lib 0, TradingView na, then the SMA repeats) differ; the oracle checks those bars (tests/test_oracle.py).
MOVING = [k for k in KINDS if k != "flat"]


@pytest.mark.parametrize("kind", MOVING)
def test_defaults_equal_talib_stochf(kind):
    # smoothK = 1: %K is the raw stochastic (STOCHF fast-K), %D its SMA 3 (fast-D)
    s = series(kind)
    out = run(NAME, s)
    fk, fd = talib.STOCHF(s.high, s.low, s.close, 14, 3, 0)
    assert_matches(out["d"], fd, label=kind)
    # TA-Lib prints fast-K only once fast-D exists (bar 15); ours from bar 13 (documented)
    defined = ~np.isnan(fk)
    np.testing.assert_allclose(out["k"][defined], fk[defined], rtol=1e-6, atol=1e-9)
    assert np.isnan(out["k"][:13]).all() and not np.isnan(out["k"][13:]).any()


@pytest.mark.parametrize("kind", MOVING)
def test_slow_equals_talib_stoch(kind):
    s = series(kind)
    out = run(NAME, s, k_length=5, k_smoothing=3, d_smoothing=4)
    sk, sd = talib.STOCH(s.high, s.low, s.close, 5, 3, 0, 4, 0)
    assert_matches(out["d"], sd, label=kind)
    # K exists d - 1 bars before TA-Lib prints it (documented); equal where TA-Lib has it
    defined = ~np.isnan(sk)
    np.testing.assert_allclose(out["k"][defined], sk[defined], rtol=1e-6, atol=1e-9)
    assert np.isnan(out["k"][: 5 + 3 - 2]).all() and not np.isnan(out["k"][5 + 3 - 2])


def test_inputs():
    check_positions(NAME, ["k_length", "k_smoothing", "d_smoothing"],
                    {"k_length": ("periodK", "%K Length", "length"), "k_smoothing": ("smoothK",),
                     "d_smoothing": ("periodD",)})


def test_robust():
    check_robust(NAME)


def test_renders():
    check_renders(NAME, {"in_1": 3})
