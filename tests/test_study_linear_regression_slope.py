"""Linear Regression Slope (and Linear Regression Curve, an alias of the LSMA), hand-worked."""

from __future__ import annotations

import numpy as np
import pytest

from chart_export import studies
from tests._studies import THEMES, candles, check_render, check_robust, run


def test_hand_worked() -> None:
    y = [1.0, 3.0, 2.0, 6.0]
    out = run("Linear Regression Slope", candles(y, y, y, y), length=3)["slope"]
    # 1,3,2: slope (3*(0+3+4) - 3*6) / (3*5 - 9) = 3/6 = 0.5; 3,2,6: (3*(0+2+12) - 3*11) / 6 = 9/6 = 1.5
    assert np.isnan(out[:2]).all()
    np.testing.assert_allclose(out[2:], [0.5, 1.5], rtol=1e-12)
    flat = [4.0] * 5
    assert run("LRS", candles(flat, flat, flat, flat), length=5)["slope"][4] == pytest.approx(0.0, abs=1e-12)


def test_the_curve_is_the_least_squares_moving_average() -> None:
    assert studies.lookup("Linear Regression Curve") is studies.lookup("Least Squares Moving Average")


def test_robust() -> None:
    check_robust("Linear Regression Slope")


@pytest.mark.parametrize("theme", THEMES)
def test_renders(theme) -> None:
    check_render("Linear Regression Slope", theme)
