"""Double EMA through the registry: TA-Lib DEMA on every test series; robust inputs; renders at 800x600 light and dark."""

from __future__ import annotations

import pytest
import talib

from tests._studies import KINDS, THEMES, assert_matches, check_render, check_robust, near, runner, series, spec

NAME = "Double EMA"
SPEC = spec(NAME)
run = runner(NAME)


@pytest.mark.parametrize("theme", THEMES)
def test_renders_at_800x600(theme) -> None:
    png = check_render(NAME, theme).png
    assert near(png, "#43A047") > 60  # the study is drawn, not only its legend swatch


def test_robust() -> None:
    check_robust(NAME)


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("length", [9, 2, 30])
def test_equals_talib_dema(kind, length) -> None:
    c = series(kind)
    assert_matches(run(c, length=length)["dema"], talib.DEMA(c.close, length), label=kind)


def test_is_an_overlay() -> None:
    assert SPEC.pane is None
