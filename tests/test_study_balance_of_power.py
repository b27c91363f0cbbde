"""Balance of Power through the registry: TA-Lib BOP on every test series; robust inputs; renders at 800x600 light and dark."""

from __future__ import annotations

import pytest
import talib

from tests._studies import KINDS, THEMES, assert_matches, check_render, check_robust, near, runner, series

NAME = "Balance of Power"
run = runner(NAME)

# TA-Lib is a second check where its definition is TradingView's: not on the flat series, whose
# bars without range (TA-Lib 0, TradingView na) differ; the oracle checks those bars (tests/test_oracle.py).
MOVING = [k for k in KINDS if k != "flat"]


@pytest.mark.parametrize("theme", THEMES)
def test_renders_at_800x600(theme) -> None:
    png = check_render(NAME, theme).png
    assert near(png, "#FF5252") > 60  # the study is drawn, not only its legend swatch


def test_robust() -> None:
    check_robust(NAME)


@pytest.mark.parametrize("kind", MOVING)
def test_equals_talib_bop(kind) -> None:
    c = series(kind)
    assert_matches(run(c)["bop"], talib.BOP(c.open, c.high, c.low, c.close), label=kind)
