"""Moving Average Multiple (Chart-IMG's older study): six averages of the close, Chart-IMG's
documented inputs (doc.chart-img.com)."""

from __future__ import annotations

import numpy as np
import pytest

from chart_export.templates import parse_template
from tests._studies import THEMES, candles, check_render, check_robust, run, spec


def test_hand_worked() -> None:
    c = [1.0, 2.0, 3.0, 4.0]
    out = run("Moving Average Multiple", candles(c, c, c, c), length1=1, length2=2, length3=3, length4=4,
              length5=2, length6=2, method="Exponential")
    np.testing.assert_allclose(out["ma1"], c)
    np.testing.assert_allclose(out["ma4"][3], 2.5)  # EMA(4) of 4 bars = their SMA seed
    # EMA(2): seed (1+2)/2 = 1.5, alpha 2/3: 1.5 + 2/3*1.5 = 2.5, 2.5 + 2/3*1.5 = 3.5
    np.testing.assert_allclose(out["ma2"][1:], [1.5, 2.5, 3.5])
    sma = run("MA Multiple", candles(c, c, c, c), length1=2)["ma1"]
    np.testing.assert_allclose(sma[1:], [1.5, 2.5, 3.5])
    # WMA(3) of 2, 3, 4: (2 + 2*3 + 3*4) / 6
    wma = run("Moving Average Multiple", candles(c, c, c, c), length1=3, method="Weighted")["ma1"]
    np.testing.assert_allclose(wma[3], 20 / 6)


def test_chart_img_defaults_and_keys() -> None:
    # doc.chart-img.com: firstPeriods ... sixthPeriods 14/21/35/50/100/200, method Simple
    assert [i.default for i in spec("Moving Average Multiple").inputs] == [14, 21, 35, 50, 100, 200, "Simple"]
    doc = {"request": {"studies": [{"name": "Moving Average Multiple", "input": {
        "firstPeriods": 7, "secondPeriods": 25, "thirdPeriods": 99, "fourthPeriods": 5, "fifthPeriods": 6,
        "sixthPeriods": 8, "method": "Exponential"}, "override": {"Plot 6.color": "rgb(1,2,3)"}}]}}
    study = parse_template(doc, template_id="t").studies[0]
    assert [study.inputs[f"length{i}"] for i in range(1, 7)] == [7, 25, 99, 5, 6, 8]
    assert study.inputs["method"] == "Exponential"
    assert spec("Moving Average Multiple").plot_names()["plot 6"] == "ma6"
    check_robust("Moving Average Multiple")


@pytest.mark.parametrize("theme", THEMES)
def test_renders(theme) -> None:
    check_render("Moving Average Multiple", theme)
