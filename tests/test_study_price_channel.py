"""Price Channel (Chart-IMG's older study): Donchian Channels' lines under Chart-IMG's documented
inputs and plot names (doc.chart-img.com)."""

from __future__ import annotations

import numpy as np
import pytest

from chart_export import studies
from chart_export.templates import parse_template
from tests._studies import THEMES, candles, check_render, check_robust, run, series, spec


def test_hand_worked() -> None:
    h, l = [5.0, 7.0, 6.0, 4.0], [1.0, 2.0, 3.0, 0.5]
    out = run("Price Channel", candles(l, h, l, l), length=2)
    np.testing.assert_allclose(out["upper"][1:], [7.0, 7.0, 6.0])
    np.testing.assert_allclose(out["lower"][1:], [1.0, 2.0, 0.5])
    np.testing.assert_allclose(out["basis"][1:], [4.0, 4.5, 3.25])


def test_the_lines_are_donchians() -> None:
    c = series("trend")
    ours, dc = run("Price Channel", c, length=15), run("Donchian Channels", c, length=15)
    for k in ("upper", "lower", "basis"):
        np.testing.assert_array_equal(ours[k], dc[k])


def test_chart_img_inputs_and_plots() -> None:
    assert studies.lookup("Price Channel").kind == "price_channel"
    assert {i.key: i.default for i in spec("Price Channel").inputs} == {"length": 20, "offset": 0}
    doc = {"request": {"studies": [{"name": "Price Channel", "input": {"in_0": 30, "in_1": 2},
                                    "override": {"Highprice Line.color": "rgb(1,2,3)"}}]}}
    study = parse_template(doc, template_id="t").studies[0]
    assert study.inputs == {"length": 30, "offset": 2}
    names = spec("Price Channel").plot_names()
    assert (names["highprice line"], names["lowprice line"], names["centerprice line"]) == ("upper", "lower", "basis")
    assert not spec("Price Channel").fills


def test_robust() -> None:
    check_robust("Price Channel")


@pytest.mark.parametrize("theme", THEMES)
def test_renders(theme) -> None:
    check_render("Price Channel", theme)
