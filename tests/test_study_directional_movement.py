"""Directional Movement through the registry: TA-Lib PLUS_DI/MINUS_DI/ADX; independent lengths; robust inputs; renders at 800x600 light and dark."""

from __future__ import annotations

import pytest
import talib

from chart_export import studies
from tests._studies import (KINDS, THEMES, assert_matches, check_defined_from, check_render, check_robust, near,
                             runner, series, spec)

NAME = "Directional Movement"
SPEC = spec(NAME)
run = runner(NAME)


@pytest.mark.parametrize("theme", THEMES)
def test_renders_at_800x600(theme) -> None:
    png = check_render(NAME, theme).png
    assert near(png, "#F50057") > 60  # the study is drawn, not only its legend swatch


def test_robust() -> None:
    check_robust(NAME)


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("n", [14, 5, 2])
def test_equals_talib(kind, n) -> None:
    c = series(kind)
    h, l, cl = c.high, c.low, c.close
    out = run(c, di_length=n, adx_smoothing=n)
    assert_matches(out["plus_di"], talib.PLUS_DI(h, l, cl, n), label=kind)
    assert_matches(out["minus_di"], talib.MINUS_DI(h, l, cl, n), label=kind)
    assert_matches(out["adx"], talib.ADX(h, l, cl, n), label=kind)


def test_independent_lengths() -> None:
    c = series("trend")
    out = run(c, di_length=10, adx_smoothing=5)
    assert_matches(out["plus_di"], talib.PLUS_DI(c.high, c.low, c.close, 10))
    check_defined_from(out["adx"], 10 + 5 - 1)
    assert ((out["adx"][14:] >= 0) & (out["adx"][14:] <= 100)).all()


def test_dmi_stays_the_average_directional_index() -> None:
    assert studies.lookup("DMI").kind == "adx"
    assert studies.lookup("directional movement index") is SPEC
