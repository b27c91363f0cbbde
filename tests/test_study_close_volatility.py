"""Volatility Close-to-Close, Zero Trend Close-to-Close and O-H-L-C (Chart-IMG's older studies)."""

from __future__ import annotations

import math

import numpy as np
import pytest

from tests._studies import THEMES, candles, check_render, check_robust, run


def test_close_to_close_hand_worked() -> None:
    e = math.e
    c = [1.0, e, 1.0, e]  # log returns +1, -1, +1
    out = run("Volatility Close-to-Close", candles(c, c, c, c), length=2, annual=4)["vol"]
    # returns (1, -1): mean 0, sample variance 2 / 1 = 2 -> 100 * sqrt(2 * 4)
    assert np.isnan(out[:2]).all()
    np.testing.assert_allclose(out[2:], [100 * math.sqrt(8)] * 2, rtol=1e-12)
    zt = run("Volatility Zero Trend Close-to-Close", candles(c, c, c, c), length=2, annual=4)["vol"]
    np.testing.assert_allclose(zt[2:], [100 * math.sqrt(1 * 4)] * 2, rtol=1e-12)  # mean of r^2 = 1


def test_a_trend_is_volatility_only_about_zero() -> None:
    c = [1.0, math.e, math.e ** 2, math.e ** 3]  # returns 1, 1, 1
    assert run("Volatility Close-to-Close", candles(c, c, c, c), length=3, annual=1)["vol"][3] == pytest.approx(0, abs=1e-9)
    assert run("Volatility Zero Trend Close-to-Close", candles(c, c, c, c), length=3, annual=1)["vol"][3] == \
        pytest.approx(100.0)


def test_garman_klass_hand_worked() -> None:
    e = math.e
    o, h, l, c = [1.0, 1.0], [e, e * e], [1.0, 1.0], [e, 1.0]
    # bar 0: ln(H/L) = 1, ln(C/O) = 1: 0.5 - (2 ln 2 - 1); bar 1: ln(H/L) = 2, ln(C/O) = 0: 2
    term = 0.5 - (2 * math.log(2) - 1) + 2.0
    out = run("Volatility O-H-L-C", candles(o, h, l, c), length=2, annual=10)["vol"]
    assert np.isnan(out[0]) and out[1] == pytest.approx(100 * math.sqrt(term / 2 * 10), rel=1e-12)


@pytest.mark.parametrize("name", ["Volatility Close-to-Close", "Volatility Zero Trend Close-to-Close",
                                  "Volatility O-H-L-C"])
def test_robust(name) -> None:
    check_robust(name)


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("name", ["Volatility Close-to-Close", "Volatility O-H-L-C"])
def test_renders(name, theme) -> None:
    check_render(name, theme)


def test_garman_klass_with_the_market_closed() -> None:
    e = math.e
    o, h, l, c = [1.0, e], [e, e * e], [1.0, e], [e, e]
    # bar 1: ln(O/C[1]) = 0 (no opening jump): 0.88 * GK term / (1 - f); GK term = 0.5 * 1 - 0 = 0.5
    out = run("Volatility O-H-L-C", candles(o, h, l, c), length=1, closed=0.5, annual=1)["vol"]
    assert np.isnan(out[0]) and out[1] == pytest.approx(100 * math.sqrt(0.88 * 0.5 / 0.5), rel=1e-12)
    o2 = [1.0, e * e]  # an opening jump ln(e^2 / e) = 1; the bar: ln(H/L) = ln(e^2 / e) = 1, ln(C/O) = -1
    out = run("Volatility O-H-L-C", candles(o2, [e, e * e], [1.0, e], [e, e]), length=1, closed=0.25,
              annual=1)["vol"]
    term = 0.12 * 1 / 0.25 + 0.88 * (0.5 - (2 * math.log(2) - 1) * 1.0) / 0.75
    assert out[1] == pytest.approx(100 * math.sqrt(term), rel=1e-12)


@pytest.mark.parametrize("name,keys", [
    ("Volatility Close-to-Close", {"length": 10, "annual": 252}),
    ("Volatility Zero Trend Close-to-Close", {"length": 10, "annual": 252}),
    ("Volatility O-H-L-C", {"length": 10, "closed": 0.0, "annual": 252}),
])
def test_chart_img_inputs(name, keys) -> None:
    # doc.chart-img.com: periods 10, daysPerYear 252 (O-H-L-C: marketClosedPercentage 0 between them)
    from chart_export.templates import parse_template
    from tests._studies import spec
    assert {i.key: i.default for i in spec(name).inputs} == keys
    raw = {"periods": 20, "daysPerYear": 365}
    if "closed" in keys:
        raw["marketClosedPercentage"] = 0.3
    study = parse_template({"request": {"studies": [{"name": name, "input": raw}]}}, template_id="t").studies[0]
    assert study.inputs["length"] == 20 and study.inputs["annual"] == 365
    assert study.inputs.get("closed", 0.3) == 0.3
