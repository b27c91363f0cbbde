"""Average True Range through the registry: TA-Lib ATR (and SMA/EMA/WMA of TRANGE); robust inputs; renders at 800x600 light and dark."""

from __future__ import annotations

import pytest
import talib

from chart_export.templates import parse_template
from tests._studies import KINDS, THEMES, assert_matches, check_render, check_robust, near, runner, series

NAME = "Average True Range"
run = runner(NAME)


@pytest.mark.parametrize("theme", THEMES)
def test_renders_at_800x600(theme) -> None:
    png = check_render(NAME, theme).png
    assert near(png, "#B71C1C") > 60  # the study is drawn, not only its legend swatch


def test_robust() -> None:
    for smoothing in ("RMA", "SMA", "EMA", "WMA"):
        check_robust(NAME, smoothing=smoothing)


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("length", [14, 1, 3])
def test_equals_talib_atr(kind, length) -> None:
    c = series(kind)
    assert_matches(run(c, length=length)["atr"], talib.ATR(c.high, c.low, c.close, length), label=kind)


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("smoothing,fn", [("SMA", talib.SMA), ("EMA", talib.EMA), ("WMA", talib.WMA)])
def test_other_smoothings(kind, smoothing, fn) -> None:
    c = series(kind)
    assert_matches(run(c, smoothing=smoothing)["atr"], fn(talib.TRANGE(c.high, c.low, c.close), 14), label=kind)


def test_smoothing_input() -> None:
    t = parse_template({"request": {"studies": [{"name": "ATR", "input": {"in_1": "ema", "in_0": 10}}]}},
                       template_id="t")
    assert t.studies[0].inputs == {"length": 10, "smoothing": "EMA"}
