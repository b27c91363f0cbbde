"""Bollinger Bands Width (Chart-IMG's older study): Bollinger BandWidth's ratio without the * 100,
Chart-IMG's documented inputs (doc.chart-img.com: in_0 length 20, in_1 mult 2)."""

from __future__ import annotations

import numpy as np
import pytest

from chart_export import studies
from chart_export.templates import parse_template
from tests._studies import KINDS, THEMES, candles, check_render, check_robust, run, series, spec


def test_hand_worked() -> None:
    c = [2.0, 4.0, 6.0]
    # length 3: basis 4, population stdev sqrt(8/3), mult 1.5: width 2 * 1.5 * sqrt(8/3) / 4
    out = run("Bollinger Bands Width", candles(c, c, c, c), length=3, mult=1.5)["bbw"]
    assert np.isnan(out[:2]).all()
    assert out[2] == pytest.approx(3 * np.sqrt(8 / 3) / 4, rel=1e-12)


@pytest.mark.parametrize("kind", KINDS)
def test_it_is_bandwidth_over_100(kind) -> None:
    s = series(kind)
    ours = run("Bollinger Bands Width", s)["bbw"]
    theirs = run("Bollinger BandWidth", s)["bbw"]
    np.testing.assert_allclose(ours * 100, theirs, rtol=1e-9, equal_nan=True)


def test_chart_img_inputs() -> None:
    assert studies.lookup("Bollinger Bands Width").kind == "bb_width"
    assert [i.default for i in spec("Bollinger Bands Width").inputs] == [20, 2.0]
    doc = {"request": {"studies": [{"name": "Bollinger Bands Width", "input": {"in_0": 10, "in_1": 3}}]}}
    assert parse_template(doc, template_id="t").studies[0].inputs == {"length": 10, "mult": 3.0}


def test_robust() -> None:
    check_robust("Bollinger Bands Width")


@pytest.mark.parametrize("theme", THEMES)
def test_renders(theme) -> None:
    check_render("Bollinger Bands Width", theme)
