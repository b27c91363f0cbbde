"""Directional Movement through the registry: TradingView's script (the oracle and TradingView's
exports check every bar: tests/test_oracle.py, tests/test_tradingview_exports.py); TA-Lib
PLUS_DI/MINUS_DI/ADX as a second check once the seeds (TA-Lib's Wilder sums, Pine's SMA-seeded
RMAs) have decayed; independent lengths; robust inputs; renders at 800x600 light and dark."""

from __future__ import annotations

import numpy as np
import pytest
import talib

from chart_export import studies
from tests._studies import (KINDS, THEMES, assert_matches, check_defined_from, check_render, check_robust, near,
                             runner, series, spec)
from tests._studies import run as run_study

NAME = "Directional Movement"
SPEC = spec(NAME)
run = runner(NAME)


@pytest.mark.parametrize("theme", THEMES)
def test_renders_at_800x600(theme) -> None:
    png = check_render(NAME, theme).png
    assert near(png, "#F50057") > 60  # the study is drawn, not only its legend swatch


def test_robust() -> None:
    check_robust(NAME)


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("n", [14, 5, 2])
def test_equals_talib_after_warm_up(kind, n) -> None:
    c = series(kind)
    h, l, cl = c.high, c.low, c.close
    out = run(c, di_length=n, adx_smoothing=n)
    if kind != "flat":  # a flat start has no true range: the DIs are na (0 / 0) until prices move
        check_defined_from(out["plus_di"], n)  # ta.tr is na on bar 0: the RMAs start at bar n
        check_defined_from(out["adx"], 2 * n - 1)
    assert_matches(out["plus_di"][-100:], talib.PLUS_DI(h, l, cl, n)[-100:], label=kind)
    assert_matches(out["minus_di"][-100:], talib.MINUS_DI(h, l, cl, n)[-100:], label=kind)
    assert_matches(out["adx"][-100:], talib.ADX(h, l, cl, n)[-100:], label=kind)


def _talib_adx(c, n: int, m: int) -> np.ndarray:
    """TA-Lib's ADX recursion with smoothing ``m`` over TA-Lib DX of DI length ``n``: the mean
    of the first ``m`` DX, then (adx * (m - 1) + dx) / m; a bar with no DX (zero DI sum)
    adds 0 to the seed and leaves ADX unchanged."""
    h, l, cl = c.high, c.low, c.close
    dx = talib.DX(h, l, cl, n)
    ok = (talib.PLUS_DI(h, l, cl, n) + talib.MINUS_DI(h, l, cl, n)) > 0
    out = np.full(dx.shape, np.nan)
    a = sum(dx[i] for i in range(n, n + m) if ok[i]) / m
    out[n + m - 1] = a
    for i in range(n + m, dx.shape[0]):
        if ok[i]:
            a = (a * (m - 1) + dx[i]) / m
        out[i] = a
    return out


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("name", [NAME, "Average Directional Index"])
def test_independent_lengths(kind, name) -> None:
    c = series(kind)
    out = run_study(name, c, di_length=10, adx_smoothing=5)
    assert_matches(out["plus_di"][-100:], talib.PLUS_DI(c.high, c.low, c.close, 10)[-100:])
    assert_matches(out["adx"][-100:], _talib_adx(c, 10, 5)[-100:], label=kind)
    if kind != "flat":
        check_defined_from(out["adx"], 10 + 5 - 1)
    adx = out["adx"][np.isfinite(out["adx"])]
    assert adx.size > 400 and ((adx >= 0) & (adx <= 100)).all()


def test_dmi_stays_the_average_directional_index() -> None:
    assert studies.lookup("DMI").kind == "adx"
    assert studies.lookup("directional movement index") is SPEC
