"""Envelopes through the registry: TA-Lib SMA/EMA composition on every test series; filled band; robust inputs; renders at 800x600 light and dark."""

from __future__ import annotations

import pytest
import talib

from chart_export.templates import parse_template
from tests._studies import KINDS, THEMES, assert_matches, check_render, check_robust, near, runner, series

NAME = "Envelopes"
run = runner(NAME)


@pytest.mark.parametrize("theme", THEMES)
def test_renders_at_800x600(theme) -> None:
    png = check_render(NAME, theme).png
    assert near(png, "#2962FF") > 60  # the study is drawn, not only its legend swatch


def test_robust() -> None:
    check_robust(NAME)
    check_robust(NAME, method="Exponential")


@pytest.mark.parametrize("kind", KINDS)
def test_talib_composition(kind) -> None:
    c = series(kind)
    out = run(c)
    basis = talib.SMA(c.close, 20)
    assert_matches(out["basis"], basis, label=kind)
    assert_matches(out["upper"], basis * 1.02, label=kind)
    assert_matches(out["lower"], basis * 0.98, label=kind)
    out = run(c, method="Exponential", upper_pct=10.0, lower_pct=5.0)
    assert_matches(out["lower"], talib.EMA(c.close, 20) * 0.95, label=kind)


def test_inputs_in_catalogue_order() -> None:
    inputs = {"in_0": 10, "in_1": 3, "in_2": 4.5, "in_3": "exponential", "in_4": "hl2"}
    t = parse_template({"request": {"studies": [{"name": "ENV", "input": inputs}]}}, template_id="t")
    assert t.studies[0].inputs == {"length": 10, "upper_pct": 3, "lower_pct": 4.5, "method": "Exponential",
                                   "source": "hl2"}
