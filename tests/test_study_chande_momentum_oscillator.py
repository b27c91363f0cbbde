"""Chande Momentum Oscillator through the registry: a hand-worked vector and 100 * TA-Lib MOM / SUM(|change|); robust inputs; renders at 800x600 light and dark."""

from __future__ import annotations

import numpy as np
import pytest
import talib

from tests._studies import KINDS, THEMES, assert_matches, bars, check_render, check_robust, near, runner, series

NAME = "Chande Momentum Oscillator"
run = runner(NAME)


@pytest.mark.parametrize("theme", THEMES)
def test_renders_at_800x600(theme) -> None:
    png = check_render(NAME, theme).png
    assert near(png, "#2962FF") > 60  # the study is drawn, not only its legend swatch


def test_robust() -> None:
    check_robust(NAME)


def test_hand_vector() -> None:
    # close 10, 11, 10.5, 12, 12; length 3
    # changes: +1, -0.5, +1.5, 0 -> bar3: up 2.5, down 0.5 -> 100 * 2 / 3
    # bar4: changes -0.5, +1.5, 0 -> up 1.5, down 0.5 -> 100 * 1 / 2 = 50
    c = [10, 11, 10.5, 12, 12]
    out = run(bars(c, c, c, c, np.ones(5)), length=3)["cmo"]
    np.testing.assert_allclose(out, [np.nan, np.nan, np.nan, 200 / 3, 50], rtol=1e-12)


@pytest.mark.parametrize("kind", KINDS)
def test_talib_composition(kind) -> None:
    # TradingView CMO = 100 * MOM(n) / SUM(|change|, n) (TA-Lib CMO smooths like RSI: differs)
    c = series(kind).close
    mom = talib.MOM(c, 9)
    tot = talib.SUM(np.r_[np.nan, np.abs(np.diff(c))], 9)
    ref = np.full(c.shape, np.nan)
    np.divide(100 * mom, tot, out=ref, where=tot > 0)
    assert_matches(run(series(kind))["cmo"], ref, label=kind)
