"""Chaikin Oscillator through the registry: TA-Lib ADOSC on every test series; robust inputs; renders at 800x600 light and dark."""

from __future__ import annotations

import pytest
import talib

from tests._studies import KINDS, THEMES, assert_matches, check_render, check_robust, near, runner, series

NAME = "Chaikin Oscillator"
run = runner(NAME)


@pytest.mark.parametrize("theme", THEMES)
def test_renders_at_800x600(theme) -> None:
    png = check_render(NAME, theme).png
    assert near(png, "#EC407A") > 60  # the study is drawn, not only its legend swatch


def test_robust() -> None:
    check_robust(NAME)


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("fast,slow", [(3, 10), (5, 5), (10, 3)])
def test_tradingview_definition_and_talib_after_warm_up(kind, fast, slow) -> None:
    """``ta.ema(ta.accdist, fast) - ta.ema(ta.accdist, slow)`` with SMA-seeded EMAs (TA-Lib ADOSC
    seeds with the first A/D value: equal once the seeds have decayed)."""
    c = series(kind)
    out = run(c, fast=fast, slow=slow)["osc"]
    ad = talib.AD(c.high, c.low, c.close, c.volume)
    assert_matches(out, talib.EMA(ad, fast) - talib.EMA(ad, slow), label=kind)
    ref = talib.ADOSC(c.high, c.low, c.close, c.volume, fast, slow)
    assert_matches(out[-100:], ref[-100:], label=kind, rtol=1e-6)
