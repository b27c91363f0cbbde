"""Standard Deviation (Chart-IMG's older study): population standard deviation x deviations."""

from __future__ import annotations

import numpy as np
import pytest

from chart_export.templates import parse_template
from tests._studies import THEMES, candles, check_render, check_robust, run, spec

C = [2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0]


def test_hand_worked() -> None:
    # the last 8 closes: mean 5, squared deviations 9+1+1+1+0+0+4+16 = 32, population variance 4 -> 2
    out = run("Standard Deviation", candles(C, C, C, C), length=8, deviations=1.5)["stdev"]
    assert np.isnan(out[:7]).all()
    assert out[7] == pytest.approx(3.0, rel=1e-12)
    # length 2 on 4, 5: mean 4.5, deviations +-0.5, variance 0.25 -> 0.5
    assert run("StdDev", candles(C, C, C, C), length=2)["stdev"][4] == pytest.approx(0.5, rel=1e-12)


def test_defaults_and_robust() -> None:
    assert {i.key: i.default for i in spec("Standard Deviation").inputs} == {
        "length": 5, "deviations": 1.0, "source": "close"}
    # doc.chart-img.com names the inputs periods and deviations
    doc = {"request": {"studies": [{"name": "Standard Deviation", "input": {"periods": 20, "deviations": 2}}]}}
    assert parse_template(doc, template_id="t").studies[0].inputs == {"length": 20, "deviations": 2.0,
                                                                      "source": "close"}
    check_robust("Standard Deviation")


@pytest.mark.parametrize("theme", THEMES)
def test_renders(theme) -> None:
    check_render("Standard Deviation", theme)
