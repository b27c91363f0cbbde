"""Awesome Oscillator through the registry: a hand-worked vector and TA-Lib SMA(MEDPRICE) composition; robust inputs; renders at 800x600 light and dark."""

from __future__ import annotations

import numpy as np
import pytest
import talib

from chart_export.rendering import ChartRenderer
from chart_export.templates import parse_template
from tests._studies import (KINDS, THEMES, assert_matches, bars, check_defined_from, check_render, check_robust, near,
                             render_series, runner, series, spec)

NAME = "Awesome Oscillator"
SPEC = spec(NAME)
run = runner(NAME)


@pytest.mark.parametrize("theme", THEMES)
def test_renders_at_800x600(theme) -> None:
    png = check_render(NAME, theme).png
    assert near(png, "#009688") > 60  # the study is drawn, not only its legend swatch


def test_robust() -> None:
    check_robust(NAME)


def test_hand_vector() -> None:
    # hl2 = 1, 3, 2, 6, 5 (high == low); fast 2, slow 3
    # SMA2: bar1 2, bar2 2.5, bar3 4, bar4 5.5;  SMA3: bar2 2, bar3 11/3, bar4 13/3
    # AO: bar2 0.5, bar3 4 - 11/3 = 1/3, bar4 5.5 - 13/3 = 7/6
    x = [1.0, 3, 2, 6, 5]
    out = run(bars(x, x, x, x, np.ones(5)), fast=2, slow=3)
    np.testing.assert_allclose(out["ao"], [np.nan, np.nan, 0.5, 1 / 3, 7 / 6], rtol=1e-12)


@pytest.mark.parametrize("kind", KINDS)
def test_talib_composition(kind) -> None:
    c = series(kind)
    out = run(c)
    mid = talib.MEDPRICE(c.high, c.low)
    assert_matches(out["ao"], talib.SMA(mid, 5) - talib.SMA(mid, 34), label=kind)
    check_defined_from(out["ao"], 33, kind)


def test_bars_coloured_by_rising_or_falling() -> None:
    # the staging palette (0 #009688 rose, 1 #F44336 fell) as a sign_trend histogram
    plot = SPEC.plots[0]
    assert plot.kind == "histogram" and plot.rule == "sign_trend"
    assert plot.colors == ("#009688", "#F44336", "#009688", "#F44336")
    t = parse_template({"request": {"studies": [{"name": "AO"}]}}, template_id="t")
    png = ChartRenderer().render(t, render_series(400), symbol="S", timeframe="1d").png
    assert near(png, "#009688", 8) > 200 and near(png, "#F44336", 8) > 200
