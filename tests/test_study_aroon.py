"""Aroon through the registry: TA-Lib AROON on every test series; robust inputs; renders at 800x600 light and dark."""

from __future__ import annotations

import pytest
import talib

from chart_export.templates import parse_template
from tests._studies import KINDS, THEMES, assert_matches, check_render, check_robust, near, runner, series

NAME = "Aroon"
run = runner(NAME)

# TA-Lib is a second check where its definition is TradingView's: not on the flat series, whose
# ties (TA-Lib: the newest bar, TradingView: the oldest) differ; the oracle checks those bars (tests/test_oracle.py).
MOVING = [k for k in KINDS if k != "flat"]


@pytest.mark.parametrize("theme", THEMES)
def test_renders_at_800x600(theme) -> None:
    png = check_render(NAME, theme).png
    assert near(png, "#FF6D00") > 60  # the study is drawn, not only its legend swatch


def test_robust() -> None:
    check_robust(NAME)


@pytest.mark.parametrize("kind", MOVING)
@pytest.mark.parametrize("length", [14, 2, 25])
def test_equals_talib_aroon(kind, length) -> None:
    c = series(kind)
    out = run(c, length=length)
    down, up = talib.AROON(c.high, c.low, length)
    assert_matches(out["up"], up, label=kind)
    assert_matches(out["down"], down, label=kind)


def test_inputs_by_tradingview_name_and_position() -> None:
    for key in ("length", "Length", "in_0"):
        t = parse_template({"request": {"studies": [{"name": "Aroon", "input": {key: 25}}]}}, template_id="t")
        assert t.studies[0].inputs == {"length": 25}
