"""Chaikin Money Flow through the registry: a hand-worked vector, bounds on every test series; robust inputs; renders at 800x600 light and dark."""

from __future__ import annotations

import numpy as np
import pytest

from tests._studies import KINDS, THEMES, bars, check_defined_from, check_render, check_robust, near, runner, series

NAME = "Chaikin Money Flow"
run = runner(NAME)


@pytest.mark.parametrize("theme", THEMES)
def test_renders_at_800x600(theme) -> None:
    png = check_render(NAME, theme).png
    assert near(png, "#43A047") > 60  # the study is drawn, not only its legend swatch


def test_robust() -> None:
    check_robust(NAME)


def test_hand_vector() -> None:
    # bar0 h10 l8 c9.5 v100: (19 - 8 - 10) / 2 = 0.5 -> +50
    # bar1 h11 l9 c9   v200: (18 - 9 - 11) / 2 = -1  -> -200
    # bar2 h10 l10 c10 v300: high == low -> 0
    # bar3 h12 l10 c11.5 v400: (23 - 10 - 12) / 2 = 0.5 -> +200
    # bar4 h12 l10 c11 v0, bar5 same v0, bar6 same v0
    # length 3: bar2 (50 - 200 + 0) / 600 = -0.25; bar3 (-200 + 0 + 200) / 900 = 0
    # bar4 (0 + 200 + 0) / 700; bar5 200 / 400 = 0.5; bar6 0 / 0 -> NaN
    h = [10, 11, 10, 12, 12, 12, 12.0]
    l = [8, 9, 10, 10, 10, 10, 10.0]
    c = [9.5, 9, 10, 11.5, 11, 11, 11]
    v = [100, 200, 300, 400, 0, 0, 0.0]
    out = run(bars(c, h, l, c, v), length=3)["cmf"]
    np.testing.assert_allclose(out, [np.nan, np.nan, -0.25, 0.0, 200 / 700, 0.5, np.nan], rtol=1e-12)


@pytest.mark.parametrize("kind", KINDS)
def test_bounded(kind) -> None:
    out = run(series(kind))["cmf"]
    assert (np.abs(out[~np.isnan(out)]) <= 1.0 + 1e-12).all()
    if kind in ("trend", "gaps_large"):  # no zero-volume window: defined from bar length - 1
        check_defined_from(out, 19, kind)
