"""Choppiness Index through the registry: TA-Lib SUM/TRANGE/MAX/MIN composition; the offset input; robust inputs; renders at 800x600 light and dark."""

from __future__ import annotations

import numpy as np
import pytest
import talib

from chart_export.templates import parse_template
from tests._studies import (KINDS, THEMES, assert_matches, check_defined_from, check_render, check_robust, near,
                             render_series, runner, series, spec)

NAME = "Choppiness Index"
SPEC = spec(NAME)
run = runner(NAME)


@pytest.mark.parametrize("theme", THEMES)
def test_renders_at_800x600(theme) -> None:
    png = check_render(NAME, theme).png
    assert near(png, "#2962FF") > 60  # the study is drawn, not only its legend swatch


def test_robust() -> None:
    check_robust(NAME)


@pytest.mark.parametrize("kind", KINDS)
def test_talib_composition(kind) -> None:
    c = series(kind)
    h, l = c.high, c.low
    tr = talib.TRANGE(h, l, c.close)
    tr[0] = h[0] - l[0]
    rng = talib.MAX(h, 14) - talib.MIN(l, 14)
    ratio = np.where(rng > 0, talib.SUM(tr, 14) / np.where(rng > 0, rng, 1.0), np.nan)
    ref = 100 * np.log10(ratio) / np.log10(14)
    out = run(c)["chop"]
    assert_matches(out, ref, label=kind)
    if kind != "flat":
        check_defined_from(out, 13, kind)


def test_offset_input_shifts_the_plot() -> None:
    from chart_export.rendering import prepare_chart

    t = parse_template({"request": {"studies": [{"name": "CHOP", "input": {"in_1": 5}}]}}, template_id="t")
    assert t.studies[0].inputs == {"length": 14, "offset": 5}
    assert SPEC.plots[0].offset_for(t.studies[0].inputs) == 5
    assert prepare_chart(t, render_series(300)).future_bars == 5
