"""Ichimoku Cloud through the registry: TA-Lib MAX/MIN composition; TradingView plot offsets; two-colour cloud; robust inputs; renders at 800x600 light and dark."""

from __future__ import annotations

import numpy as np
import pytest
import talib

from chart_export.templates import parse_template
from tests._studies import (KINDS, THEMES, assert_matches, check_render, check_robust, near, render_series, runner,
                             series, spec)

NAME = "Ichimoku Cloud"
SPEC = spec(NAME)
run = runner(NAME)


@pytest.mark.parametrize("theme", THEMES)
def test_renders_at_800x600(theme) -> None:
    png = check_render(NAME, theme).png
    assert near(png, "#2962FF") > 60  # the study is drawn, not only its legend swatch


def test_robust() -> None:
    check_robust(NAME)


def test_offsets_are_tradingview_plot_offsets() -> None:
    from chart_export.rendering import prepare_chart

    p = {i.key: i.default for i in SPEC.inputs}
    offsets = {plot.key: plot.offset_for(p) for plot in SPEC.plots}
    assert offsets == {"conversion": 0, "base": 0, "lagging": -25, "lead_a": 25, "lead_b": 25}
    t = parse_template({"request": {"studies": [{"name": "Ichimoku", "input": {"in_3": 30}}]}}, template_id="t")
    prep = prepare_chart(t, render_series(300))
    assert prep.future_bars == 29
    k = len(prep.window)
    cloud = prep.studies[0]
    np.testing.assert_array_equal(cloud.values("lead_a")[29:], cloud.series["lead_a"])
    np.testing.assert_array_equal(cloud.values("lagging")[: k - 29], cloud.series["lagging"][29:])


def test_cloud_has_two_colours() -> None:
    (fill,) = SPEC.fills
    assert (fill.upper, fill.lower, fill.color_below) == ("lead_a", "lead_b", "#F44336")


@pytest.mark.parametrize("kind", KINDS)
def test_talib_composition(kind) -> None:
    c = series(kind)
    h, l = c.high, c.low
    out = run(c)

    def mid(n):
        return (talib.MAX(h, n) + talib.MIN(l, n)) / 2

    assert_matches(out["conversion"], mid(9), label=kind)
    assert_matches(out["base"], mid(26), label=kind)
    assert_matches(out["lead_a"], (mid(9) + mid(26)) / 2, label=kind)
    assert_matches(out["lead_b"], mid(52), label=kind)
    np.testing.assert_array_equal(out["lagging"], c.close)
