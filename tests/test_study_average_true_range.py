"""Average True Range through the registry: TradingView's ``ma(ta.tr(true), length)`` (the oracle
and TradingView's exports check every bar: tests/test_oracle.py, tests/test_tradingview_exports.py);
TA-Lib as a second check where its definition is TradingView's after warm-up (SMA and WMA of the
true range once bar 0 has left the window; RMA and EMA, whose seeds differ, once the seed has
decayed); robust inputs; renders at 800x600 light and dark."""

from __future__ import annotations

import numpy as np
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


def _tr_true(c) -> np.ndarray:
    tr = talib.TRANGE(c.high, c.low, c.close)
    tr[0] = c.high[0] - c.low[0]  # ta.tr(true)
    return tr


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("length", [14, 1, 3])
def test_rma_seed_and_recursion(kind, length) -> None:
    """First value at bar length - 1: the mean true range of bars 0..length-1 (bar 0's high -
    low counts), then Wilder's recursion; TA-Lib ATR (a bar later, another seed) after the
    seed has decayed."""
    c = series(kind)
    atr = run(c, length=length)["atr"]
    tr = _tr_true(c)
    assert np.isnan(atr[: length - 1]).all()
    assert atr[length - 1] == pytest.approx(tr[:length].mean(), rel=1e-12)
    expect = [tr[:length].mean()]
    for v in tr[length:]:
        expect.append((expect[-1] * (length - 1) + v) / length)
    assert_matches(atr[length - 1:], np.array(expect), label=kind, rtol=1e-12)
    assert_matches(atr[-100:], talib.ATR(c.high, c.low, c.close, length)[-100:], label=kind)


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("smoothing,fn", [("SMA", talib.SMA), ("WMA", talib.WMA)])
def test_windowed_smoothings_equal_talib_once_bar_0_left(kind, smoothing, fn) -> None:
    c = series(kind)
    atr = run(c, smoothing=smoothing)["atr"]
    assert np.isfinite(atr[13])  # bar 0 has a true range
    assert_matches(atr[14:], fn(talib.TRANGE(c.high, c.low, c.close), 14)[14:], label=kind)


@pytest.mark.parametrize("kind", KINDS)
def test_ema_smoothing(kind) -> None:
    c = series(kind)
    atr = run(c, smoothing="EMA")["atr"]
    assert_matches(atr, talib.EMA(_tr_true(c), 14), label=kind)  # both SMA-seeded over the same values


def test_smoothing_input() -> None:
    t = parse_template({"request": {"studies": [{"name": "ATR", "input": {"in_1": "ema", "in_0": 10}}]}},
                       template_id="t")
    assert t.studies[0].inputs == {"length": 10, "smoothing": "EMA"}
