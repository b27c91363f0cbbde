"""Donchian Channels through the registry: TA-Lib MAX/MIN on every test series; filled band; offset; robust inputs; renders at 800x600 light and dark."""

from __future__ import annotations

import pytest
import talib

from chart_export.templates import parse_template
from tests._studies import (KINDS, THEMES, assert_matches, check_render, check_robust, near, render_series, runner,
                             series, spec)

NAME = "Donchian Channels"
SPEC = spec(NAME)
run = runner(NAME)


@pytest.mark.parametrize("theme", THEMES)
def test_renders_at_800x600(theme) -> None:
    png = check_render(NAME, theme).png
    assert near(png, "#2962FF") > 60  # the study is drawn, not only its legend swatch


def test_robust() -> None:
    check_robust(NAME)


@pytest.mark.parametrize("kind", KINDS)
def test_equals_talib_max_min(kind) -> None:
    c = series(kind)
    out = run(c)
    up, lo = talib.MAX(c.high, 20), talib.MIN(c.low, 20)
    assert_matches(out["upper"], up, label=kind)
    assert_matches(out["lower"], lo, label=kind)
    assert_matches(out["basis"], (up + lo) / 2, label=kind)


def test_band_fill_and_offset() -> None:
    from chart_export.rendering import prepare_chart

    assert [(f.upper, f.lower) for f in SPEC.fills] == [("upper", "lower")]
    t = parse_template({"request": {"studies": [{"name": "DC", "input": {"offset": 3}}]}}, template_id="t")
    assert {p.offset_for(t.studies[0].inputs) for p in SPEC.plots} == {3}
    assert prepare_chart(t, render_series(300)).future_bars == 3
