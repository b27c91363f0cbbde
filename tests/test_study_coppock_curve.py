"""Coppock Curve through the registry: TA-Lib WMA/ROC composition on every test series; robust inputs; renders at 800x600 light and dark."""

from __future__ import annotations

import pytest
import talib

from chart_export.templates import parse_template
from tests._studies import (KINDS, THEMES, assert_matches, check_defined_from, check_render, check_robust, near,
                             runner, series)

NAME = "Coppock Curve"
run = runner(NAME)


@pytest.mark.parametrize("theme", THEMES)
def test_renders_at_800x600(theme) -> None:
    png = check_render(NAME, theme).png
    assert near(png, "#2962FF") > 60  # the study is drawn, not only its legend swatch


def test_robust() -> None:
    check_robust(NAME)


@pytest.mark.parametrize("kind", KINDS)
def test_talib_composition(kind) -> None:
    c = series(kind)
    out = run(c)["curve"]
    assert_matches(out, talib.WMA(talib.ROC(c.close, 14) + talib.ROC(c.close, 11), 10), label=kind)
    check_defined_from(out, 14 + 10 - 1, kind)


def test_inputs_in_catalogue_order() -> None:
    t = parse_template({"request": {"studies": [{"name": "Coppock", "input": {"in_0": 8, "in_1": 20, "in_2": 9}}]}},
                       template_id="t")
    assert t.studies[0].inputs == {"wma_length": 8, "long_roc": 20, "short_roc": 9}
