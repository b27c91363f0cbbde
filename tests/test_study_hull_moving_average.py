"""Hull Moving Average through the registry: a hand-worked vector and TA-Lib WMA composition; robust inputs; renders at 800x600 light and dark."""

from __future__ import annotations

import numpy as np
import pytest
import talib

from tests._studies import (KINDS, THEMES, assert_matches, bars, check_defined_from, check_render, check_robust, near,
                             runner, series)

NAME = "Hull Moving Average"
run = runner(NAME)


@pytest.mark.parametrize("theme", THEMES)
def test_renders_at_800x600(theme) -> None:
    png = check_render(NAME, theme).png
    assert near(png, "#2962FF") > 60  # the study is drawn, not only its legend swatch


def test_robust() -> None:
    check_robust(NAME)


def test_hand_vector() -> None:
    # close 1, 2, 4, 8, 16, 32; length 4 -> half 2, root 2
    # WMA2 = (x[i-1] + 2 x[i]) / 3:   bar3 20/3, bar4 40/3, bar5 80/3
    # WMA4 = (x[i-3] + 2x[i-2] + 3x[i-1] + 4x[i]) / 10: bar3 4.9, bar4 9.8, bar5 19.6
    # raw = 2 WMA2 - WMA4: bar3 253/30, bar4 506/30, bar5 1012/30
    # HMA = WMA2(raw): bar4 (253 + 2*506)/90 = 1265/90, bar5 (506 + 2*1012)/90 = 2530/90
    x = [1.0, 2, 4, 8, 16, 32]
    out = run(bars(x, x, x, x, np.ones(6)), length=4)["hma"]
    np.testing.assert_allclose(out, [np.nan, np.nan, np.nan, np.nan, 1265 / 90, 2530 / 90], rtol=1e-12)


@pytest.mark.parametrize("kind", KINDS)
def test_talib_composition_and_warmup(kind) -> None:
    c = series(kind)
    out = run(c)["hma"]
    assert_matches(out, talib.WMA(2 * talib.WMA(c.close, 4) - talib.WMA(c.close, 9), 3), label=kind)
    check_defined_from(out, 9 - 1 + 3 - 1, kind)
