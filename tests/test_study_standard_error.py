"""Standard Error and Standard Error Bands (Chart-IMG's older studies), hand-worked."""

from __future__ import annotations

import numpy as np
import pytest

from chart_export.templates import parse_template
from tests._studies import THEMES, candles, check_render, check_robust, run, spec

# y = 1, 3, 2 at x = 0, 1, 2: slope 0.5, intercept 1.5, fit 1.5, 2, 2.5; residuals -0.5, 1, -0.5;
# SSE 1.5, n - 2 = 1 -> standard error sqrt(1.5); end point 2.5
Y = [1.0, 3.0, 2.0]


def test_standard_error_hand_worked() -> None:
    out = run("Standard Error", candles(Y, Y, Y, Y), length=3)["stderr"]
    assert np.isnan(out[:2]).all() and out[2] == pytest.approx(np.sqrt(1.5), rel=1e-12)
    line = [5.0, 6.0, 7.0, 8.0]  # on a straight line the estimate has no error
    assert run("StdErr", candles(line, line, line, line), length=4)["stderr"][3] == pytest.approx(0.0, abs=1e-12)


def test_bands_hand_worked() -> None:
    out = run("Standard Error Bands", candles(Y, Y, Y, Y), length=3, errors=2.0, smoothing=1)
    assert out["middle"][2] == pytest.approx(2.5, rel=1e-12)
    assert out["upper"][2] == pytest.approx(2.5 + 2 * np.sqrt(1.5), rel=1e-12)
    assert out["lower"][2] == pytest.approx(2.5 - 2 * np.sqrt(1.5), rel=1e-12)
    # smoothing 2 averages two windows: 1,3,2 (end 2.5, se sqrt 1.5) and 3,2,2 (slope -0.5, fit 2.833,
    # 2.333, 1.833 -> end 1.8333; residuals 1/6, -1/3, 1/6, SSE 1/6 -> se sqrt(1/6))
    y = Y + [2.0]
    two = run("SEB", candles(y, y, y, y), length=3, errors=1.0, smoothing=2)
    assert two["middle"][3] == pytest.approx((2.5 + 11 / 6) / 2, rel=1e-12)
    assert two["upper"][3] - two["middle"][3] == pytest.approx((np.sqrt(1.5) + np.sqrt(1 / 6)) / 2, rel=1e-12)


def test_bands_method_weights_the_smoothing() -> None:
    # smoothing 2 by a WMA weights the newer window 2, the older 1: middle (2.5 + 2 * 11/6) / 3
    y = Y + [2.0]
    two = run("SEB", candles(y, y, y, y), length=3, errors=1.0, smoothing=2, method="Weighted")
    assert two["middle"][3] == pytest.approx((2.5 + 2 * 11 / 6) / 3, rel=1e-12)
    assert two["upper"][3] - two["middle"][3] == pytest.approx((np.sqrt(1.5) + 2 * np.sqrt(1 / 6)) / 3, rel=1e-12)


def test_chart_img_inputs_and_plots() -> None:
    # doc.chart-img.com: periods 21, errors 2, method Simple, averagePeriods 3; Plot 1/2/3 = upper/middle/lower
    assert {i.key: i.default for i in spec("Standard Error Bands").inputs} == {
        "length": 21, "errors": 2.0, "method": "Simple", "smoothing": 3, "source": "close"}
    raw = {"periods": 10, "errors": 1.5, "method": "Exponential", "averagePeriods": 4}
    study = parse_template({"request": {"studies": [{"name": "Standard Error Bands", "input": raw}]}},
                           template_id="t").studies[0]
    assert study.inputs == {"length": 10, "errors": 1.5, "method": "Exponential", "smoothing": 4, "source": "close"}
    names = spec("Standard Error Bands").plot_names()
    assert (names["plot 1"], names["plot 2"], names["plot 3"]) == ("upper", "middle", "lower")
    assert spec("Standard Error").inputs[0].default == 14


def test_defaults_and_robust() -> None:
    assert "Andersen" in spec("Standard Error Bands").source
    check_robust("Standard Error")
    check_robust("Standard Error Bands")


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("name", ["Standard Error", "Standard Error Bands"])
def test_renders(name, theme) -> None:
    check_render(name, theme)
