"""Accumulation/Distribution through the registry: TA-Lib AD on every test series; robust inputs; renders at 800x600 light and dark."""

from __future__ import annotations

import pytest
import talib

from chart_export import studies
from tests._studies import KINDS, THEMES, assert_matches, check_render, check_robust, near, runner, series, spec

NAME = "Accumulation/Distribution"
SPEC = spec(NAME)
run = runner(NAME)


@pytest.mark.parametrize("theme", THEMES)
def test_renders_at_800x600(theme) -> None:
    png = check_render(NAME, theme).png
    assert near(png, "#999915") > 60  # the study is drawn, not only its legend swatch


def test_robust() -> None:
    check_robust(NAME)


@pytest.mark.parametrize("kind", KINDS)
def test_equals_talib_ad(kind) -> None:
    c = series(kind)
    assert_matches(run(c)["ad"], talib.AD(c.high, c.low, c.close, c.volume), label=kind)


def test_found_by_its_aliases() -> None:
    for alias in ("A/D", "adl", "accumulation distribution"):
        assert studies.lookup(alias) is SPEC
