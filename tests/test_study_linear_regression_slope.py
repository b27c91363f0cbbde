"""Linear Regression Slope and Linear Regression Curve (Chart-IMG's older studies), hand-worked,
with Chart-IMG's documented inputs (doc.chart-img.com)."""

from __future__ import annotations

import numpy as np
import pytest

from chart_export import studies
from chart_export.templates import parse_template
from tests._studies import THEMES, candles, check_render, check_robust, run


def test_hand_worked() -> None:
    y = [1.0, 3.0, 2.0, 6.0]
    out = run("Linear Regression Slope", candles(y, y, y, y), length=3)["slope"]
    # 1,3,2: slope (3*(0+3+4) - 3*6) / (3*5 - 9) = 3/6 = 0.5; 3,2,6: (3*(0+2+12) - 3*11) / 6 = 9/6 = 1.5
    assert np.isnan(out[:2]).all()
    np.testing.assert_allclose(out[2:], [0.5, 1.5], rtol=1e-12)
    flat = [4.0] * 5
    assert run("LRS", candles(flat, flat, flat, flat), length=5)["slope"][4] == pytest.approx(0.0, abs=1e-12)


def test_the_curve_is_the_lines_end_point() -> None:
    y = [1.0, 3.0, 2.0, 6.0]
    out = run("Linear Regression Curve", candles(y, y, y, y), length=3)["curve"]
    # 1,3,2: intercept 1.5, slope 0.5 -> end 2.5; 3,2,6: slope 1.5, intercept (11 - 1.5*3)/3 = 13/6 -> 13/6 + 3
    assert np.isnan(out[:2]).all()
    np.testing.assert_allclose(out[2:], [2.5, 13 / 6 + 3], rtol=1e-12)
    lsma = run("Least Squares Moving Average", candles(y, y, y, y), length=3)["lsma"]
    np.testing.assert_allclose(out, lsma, rtol=1e-12, equal_nan=True)


def test_chart_img_inputs() -> None:
    # doc.chart-img.com: Linear Regression Slope periods 14; Linear Regression Curve in_0 9 (not the LSMA's 25)
    assert studies.lookup("Linear Regression Curve").kind == "linreg_curve"
    assert studies.lookup("LRC").inputs[0].default == 9
    assert studies.lookup("Least Squares Moving Average").inputs[0].default == 25
    doc = {"request": {"studies": [{"name": "Linear Regression Slope", "input": {"periods": 20}},
                                   {"name": "Linear Regression Curve", "input": {"in_0": 12}}]}}
    slope, curve = parse_template(doc, template_id="t").studies
    assert slope.inputs["length"] == 20 and curve.inputs["length"] == 12


@pytest.mark.parametrize("name", ["Linear Regression Slope", "Linear Regression Curve"])
def test_robust(name) -> None:
    check_robust(name)


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("name", ["Linear Regression Slope", "Linear Regression Curve"])
def test_renders(name, theme) -> None:
    check_render(name, theme)
