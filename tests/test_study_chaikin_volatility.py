"""Chaikin Volatility (Chart-IMG's older study): ROC of the EMA of high - low, hand-worked."""

from __future__ import annotations

import numpy as np
import pytest

from tests._studies import THEMES, candles, check_render, check_robust, run


def test_hand_worked() -> None:
    # high - low = 2, 4, 6, 8: EMA(2) seeded by SMA: bar 1 (2+4)/2 = 3, alpha 2/3: bar 2 3 + 2/3*(6-3) = 5,
    # bar 3 5 + 2/3*(8-5) = 7; ROC over 1 bar: 100*(5-3)/3, 100*(7-5)/5
    low = [10.0, 10.0, 10.0, 10.0]
    high = [12.0, 14.0, 16.0, 18.0]
    out = run("Chaikin Volatility", candles(low, high, low, low), length=2, roc_length=1)["cv"]
    assert np.isnan(out[:2]).all()
    np.testing.assert_allclose(out[2:], [100 * 2 / 3, 40.0], rtol=1e-12)


def test_robust() -> None:
    check_robust("Chaikin Volatility")  # a constant series: EMA 0, the ROC is NaN, never inf


@pytest.mark.parametrize("theme", THEMES)
def test_renders(theme) -> None:
    check_render("Chaikin Volatility", theme)
