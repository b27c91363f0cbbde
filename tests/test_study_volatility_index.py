"""Volatility Index: Wilder's Volatility System at his constants, TradingView's Volatility Stop
construction (itself oracle-checked)."""

from __future__ import annotations

import numpy as np
import pytest

from tests._studies import THEMES, candles, check_render, check_robust, run, series, spec


def test_it_is_the_volatility_stop_at_wilders_constants() -> None:
    c = series("trend")
    ours = run("Volatility Index", c)
    stop = run("Volatility Stop", c, length=7, factor=3.0)
    np.testing.assert_array_equal(ours["sar"], stop["vstop"])
    assert [i.default for i in spec("Volatility Index").inputs] == [7, 3.0]


def test_hand_worked_first_bars() -> None:
    # bar 0: the stop is the close (no true range yet); bar 1: ATR(2) not yet, so ARC = factor x TR =
    # 3 x max(12-9, |12-10|, |9-10|) = 9; max close 11, uptrend: stop = max(10, 11 - 9) = 10
    o, h, l, c = [10.0, 10.0], [10.0, 12.0], [10.0, 9.0], [10.0, 11.0]
    out = run("Volatility Index", candles(o, h, l, c), length=2, factor=3.0)
    np.testing.assert_allclose(out["sar"], [10.0, 10.0])
    np.testing.assert_allclose(out["uptrend"], [1.0, 1.0])


def test_robust() -> None:
    check_robust("Volatility Index", optional=("sar_up", "sar_down"))


@pytest.mark.parametrize("theme", THEMES)
def test_renders(theme) -> None:
    check_render("Volatility Index", theme)
