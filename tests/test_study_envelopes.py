"""Envelopes through the registry: TA-Lib SMA/EMA composition on every test series; filled band; robust inputs; renders at 800x600 light and dark."""

from __future__ import annotations

import pytest
import talib

from chart_export import studies
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
    out = run(c)  # TradingView's defaults: SMA 20, 10 %
    basis = talib.SMA(c.close, 20)
    assert_matches(out["basis"], basis, label=kind)
    assert_matches(out["upper"], basis * 1.1, label=kind)
    assert_matches(out["lower"], basis * 0.9, label=kind)
    out = run(c, exponential=True, percent=5.0)
    assert_matches(out["lower"], talib.EMA(c.close, 20) * 0.95, label=kind)


def test_inputs_at_chart_img_positions_and_the_scripts_titles() -> None:
    # Chart-IMG's table: in_0 length, in_1 upper %, in_2 lower %, in_3 method, in_4 source
    inputs = {"in_0": 10, "in_1": 3, "in_2": 4, "in_3": "Exponential", "in_4": "hl2"}
    t = parse_template({"request": {"studies": [{"name": "Envelopes", "input": inputs}]}}, template_id="t")
    p = t.studies[0].inputs
    assert p == {"length": 10, "percent": 3, "source": "hl2", "exponential": False, "method": "Exponential",
                 "lower_percent": 4}
    c = series("trend")
    out = studies.lookup("Envelopes").run(c, p)
    basis = talib.EMA((c.high + c.low) / 2, 10)
    assert_matches(out["upper"], basis * 1.03)
    assert_matches(out["lower"], basis * 0.96)
    # the script's titles: one Percent sets both bands
    script = {"Length": 10, "Percent": 3, "Source": "hl2", "Exponential": True}
    t = parse_template({"request": {"studies": [{"name": "Envelope", "input": script}]}}, template_id="t")
    assert t.studies[0].inputs == {"length": 10, "percent": 3, "source": "hl2", "exponential": True, "method": "Simple",
                                   "lower_percent": None}
    out = studies.lookup("Envelopes").run(c, t.studies[0].inputs)
    assert_matches(out["lower"], basis * 0.97)
    old = {"upperPercentage": 4, "method": "Exponential"}
    t = parse_template({"request": {"studies": [{"name": "ENV", "input": old}]}}, template_id="t")
    c = series("trend")
    out = studies.lookup("Envelopes").run(c, t.studies[0].inputs)
    assert_matches(out["upper"], talib.EMA(c.close, 20) * 1.04)
