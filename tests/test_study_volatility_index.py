"""Volatility Index: Wilder's Volatility System, TradingView's Volatility Stop construction (itself
oracle-checked), with Chart-IMG's documented inputs (doc.chart-img.com): 10, 3, Wilder Smoothing."""

from __future__ import annotations

import numpy as np
import pytest

from chart_export.studies._pine import ema, tr
from chart_export.templates import parse_template
from tests._studies import THEMES, candles, check_render, check_robust, run, series, spec


def test_wilder_smoothing_is_the_volatility_stop_on_the_close() -> None:
    c = series("trend")
    ours = run("Volatility Index", c)
    stop = run("Volatility Stop", c, length=10, factor=3.0)
    np.testing.assert_array_equal(ours["sar"], stop["vstop"])
    np.testing.assert_array_equal(ours["uptrend"], stop["uptrend"])


def test_chart_img_defaults_and_keys() -> None:
    assert [i.default for i in spec("Volatility Index").inputs] == [10, 3.0, "Wilder Smoothing"]
    doc = {"request": {"studies": [{"name": "Volatility Index",
                                    "input": {"periods": 14, "atrMult": 2.5, "method": "Exponential"}}]}}
    assert parse_template(doc, template_id="t").studies[0].inputs == {"length": 14, "factor": 2.5,
                                                                      "method": "Exponential"}
    assert spec("Volatility Index").plot_names()["plot"] == "sar"


def test_exponential_smooths_the_true_range_with_an_ema() -> None:
    c = series("trend")
    wilder = run("Volatility Index", c, length=5)["sar"]
    expo = run("Volatility Index", c, length=5, method="Exponential")
    assert not np.allclose(wilder[20:], expo["sar"][20:])
    # on the first bar of a new trend the stop is the close -/+ factor x ATR: find one and check it
    arc = 3.0 * ema(tr(c.high, c.low, c.close, True), 5)
    up = expo["uptrend"]
    flips = [i for i in range(6, len(up)) if up[i] != up[i - 1]]
    assert flips, "the series has no reversal to check"
    i = flips[0]
    expected = c.close[i] - arc[i] if up[i] == 1.0 else c.close[i] + arc[i]
    assert expo["sar"][i] == pytest.approx(expected, rel=1e-12)


def test_hand_worked_first_bars() -> None:
    # bar 0: the stop is the close (no true range yet); bar 1: ATR(2) not yet, so ARC = factor x TR =
    # 3 x max(12-9, |12-10|, |9-10|) = 9; max close 11, uptrend: stop = max(10, 11 - 9) = 10
    o, h, l, c = [10.0, 10.0], [10.0, 12.0], [10.0, 9.0], [10.0, 11.0]
    out = run("Volatility Index", candles(o, h, l, c), length=2, factor=3.0)
    np.testing.assert_allclose(out["sar"], [10.0, 10.0])
    np.testing.assert_allclose(out["uptrend"], [1.0, 1.0])


def test_robust() -> None:
    check_robust("Volatility Index")


@pytest.mark.parametrize("theme", THEMES)
def test_renders(theme) -> None:
    check_render("Volatility Index", theme)
