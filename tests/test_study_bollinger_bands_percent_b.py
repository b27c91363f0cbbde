"""Bollinger Bands %B through the registry: TA-Lib BBANDS composition on every test series; robust inputs; renders at 800x600 light and dark."""

from __future__ import annotations

import numpy as np
import pytest
import talib

from chart_export.templates import TemplateError, parse_template
from tests._studies import KINDS, THEMES, check_defined_from, check_render, check_robust, near, runner, series

NAME = "Bollinger Bands %B"
run = runner(NAME)


@pytest.mark.parametrize("theme", THEMES)
def test_renders_at_800x600(theme) -> None:
    png = check_render(NAME, theme).png
    assert near(png, "#22AB94") > 60  # the study is drawn, not only its legend swatch


def test_robust() -> None:
    check_robust(NAME)


@pytest.mark.parametrize("kind", KINDS)
def test_talib_bbands_composition(kind) -> None:
    c = series(kind)
    up, mid, lo = talib.BBANDS(c.close, 20, 2.0, 2.0, 0)
    width = up - lo
    ours = run(c)["bbr"]
    # TA-Lib computes the deviation as E[x^2] - E[x]^2 (noise instead of 0 when flat);
    # compare where the band is real
    real = width > 1e-9 * np.abs(mid)
    ref = np.where(real, (c.close - lo) / np.where(real, width, 1.0), np.nan)
    sel = ~np.isnan(ref)
    # both compute the variance as E[x^2] - E[x]^2, TA-Lib with its running sums, ours with
    # TradingView's (studies/_pine.py): on a narrow band they differ by that cancellation,
    # about eps * mid^2 / var relative to the width (measured: at most 6x that on "flat")
    var = (width[sel] / 4.0) ** 2
    noise = 16 * np.finfo(float).eps * mid[sel] ** 2 / var * (np.abs(ref[sel]) + 1.0)
    assert (np.abs(ours[sel] - ref[sel]) <= np.maximum(1e-6 * np.abs(ref[sel]), 1e-9) + noise).all()
    if kind != "flat":
        check_defined_from(ours[:20], 19)
    assert np.isnan(ours[:19]).all()


def test_inputs_at_chart_img_positions() -> None:
    # Chart-IMG's table: in_0 length, in_1 mult; the source (the script's in_1) by its title only
    t = parse_template({"request": {"studies": [{"name": "%B", "input": {"in_0": 10, "in_1": 1.5, "Source": "hl2"}}]}},
                       template_id="t")
    assert t.studies[0].inputs == {"length": 10, "source": "hl2", "mult": 1.5}
    with pytest.raises(TemplateError, match=r"input\.in_1: must be a number"):  # the script's order: refused
        parse_template({"request": {"studies": [{"name": "%B", "input": {"in_1": "hl2"}}]}}, template_id="t")
