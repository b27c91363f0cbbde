"""Ease of Movement through the registry: a hand-worked vector, TA-Lib SMA composition, zero-volume bars; robust inputs; renders at 800x600 light and dark."""

from __future__ import annotations

import numpy as np
import pytest
import talib

from chart_export import studies
from chart_export.templates import parse_template
from tests._studies import (THEMES, assert_matches, bars, check_render, check_robust, near, runner,
                            series)

NAME = "Ease of Movement"
run = runner(NAME)


@pytest.mark.parametrize("theme", THEMES)
def test_renders_at_800x600(theme) -> None:
    png = check_render(NAME, theme).png
    assert near(png, "#43A047") > 60  # the study is drawn, not only its legend swatch


def test_robust() -> None:
    check_robust(NAME)


def test_hand_vector() -> None:
    # divisor 10000, length 2; hl2 = 10, 11, 11.5; range 2, 2, 1; volume 1000, 2000, 500
    # bar1: 10000 * 1 * 2 / 2000 = 10; bar2: 10000 * 0.5 * 1 / 500 = 10 -> SMA2 bar2 = 10
    h, l, v = [11, 12, 12.0], [9, 10, 11.0], [1000, 2000, 500.0]
    out = run(bars(h, h, l, h, v), length=2)["eom"]
    np.testing.assert_allclose(out, [np.nan, np.nan, 10.0])


def test_talib_composition() -> None:
    c = series("trend")
    h, l, v = c.high, c.low, c.volume
    mid = (h + l) / 2
    raw = np.r_[np.nan, 10000 * np.diff(mid) * (h - l)[1:] / v[1:]]
    assert_matches(run(c)["eom"], talib.SMA(raw, 14), label="trend")


def test_a_zero_volume_bar_that_moved_ends_the_line() -> None:
    # TradingView's x / 0 is inf; its running SMA holds inf, then na for good (the oracle's rule)
    c = series("gaps_large")
    out = run(c)["eom"]
    moved = np.flatnonzero((c.volume == 0) & (np.r_[np.nan, np.diff((c.high + c.low) / 2)] != 0) & (c.high > c.low))
    assert moved.size and moved[0] > 14
    assert np.isfinite(out[14:moved[0]]).all()  # a line before it
    assert np.isnan(out[moved[0]:]).all()  # and none from it on


def test_a_zero_volume_bar_without_a_move_is_skipped() -> None:
    # 0 / 0 is na: ta.sma skips it (its window is the last `length` values that are not na)
    h, l, v = [11, 12, 12, 12.5, 13.0], [9, 10, 12, 11.5, 12.0], [1000, 2000, 0, 500, 1000.0]
    # raw: na, 10000*1*2/2000 = 10, 0/0 = na (range 0), 10000*0*1/500 = 0, 10000*0.5*1/1000 = 5
    out = run(bars(h, h, l, h, v), length=2)["eom"]
    np.testing.assert_allclose(out, [np.nan, np.nan, np.nan, 5.0, 2.5])


def test_the_note_says_why_the_line_stops() -> None:
    spec = studies.lookup(NAME)
    c = series("gaps_large")
    assert "zero-volume bar" in spec.note_for(c, run(c))
    t = series("trend")
    assert spec.note_for(t, run(t)) is None
    short = bars(t.open[:10], t.high[:10], t.low[:10], t.close[:10], t.volume[:10])  # fewer bars than the length
    assert np.isnan(run(short)["eom"]).all() and spec.note_for(short, run(short)) is None


def test_inputs_at_chart_img_positions():
    # Chart-IMG's table: in_0 divisor (10000), in_1 length (14); the script's titles set them too
    def inputs(raw):
        return parse_template({"request": {"studies": [{"name": NAME, "input": raw}]}}, template_id="t").studies[0].inputs

    assert inputs({"in_0": 5000, "in_1": 7}) == {"length": 7, "divisor": 5000}
    assert inputs({"Divisor": 5000, "Length": 7}) == {"length": 7, "divisor": 5000}
    c = series("trend")
    half = studies.lookup(NAME).run(c, inputs({"in_0": 5000, "in_1": 14}))["eom"]
    assert_matches(half, run(c)["eom"] / 2)


def test_no_note_while_the_line_warms_up() -> None:
    # fewer bars than Length: no value yet, and no zero-volume bar to blame
    spec = studies.lookup(NAME)
    for n in (1, 2, 10):
        c = series("trend").tail(n)
        assert spec.note_for(c, run(c)) is None, n
