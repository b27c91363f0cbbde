"""Elder's Force Index through the registry: TA-Lib EMA composition on every test series; robust inputs; renders at 800x600 light and dark."""

from __future__ import annotations

import numpy as np
import pytest
import talib

from tests._studies import KINDS, THEMES, assert_matches, check_render, check_robust, near, runner, series

NAME = "Elder's Force Index"
run = runner(NAME)


@pytest.mark.parametrize("theme", THEMES)
def test_renders_at_800x600(theme) -> None:
    png = check_render(NAME, theme).png
    assert near(png, "#F23645") > 60  # the study is drawn, not only its legend swatch


def test_robust() -> None:
    check_robust(NAME)


@pytest.mark.parametrize("kind", KINDS)
def test_talib_composition(kind) -> None:
    c = series(kind)
    ref = talib.EMA(np.r_[np.nan, np.diff(c.close) * c.volume[1:]], 13)
    assert_matches(run(c)["efi"], ref, label=kind)
