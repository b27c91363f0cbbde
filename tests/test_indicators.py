"""chart_export.indicators against TA-Lib (the reference), plus volume-profile checks.

Agreement rule: NaN positions identical to TA-Lib's, and values equal to rtol 1e-6 on every
bar where TA-Lib is defined (not only from bar 150), with atol = 1e-10 x the output's
magnitude so values that cross zero (MACD, OBV) are judged on their own scale.

Where we do not reproduce TA-Lib, on purpose (each has its own test below):
* stochrsi K is defined ``d - 1`` bars before TA-Lib's STOCH slow-K (TradingView's
  definition: K exists as soon as its SMA does). It equals TA-Lib STOCHF's fast-D there,
  NaN positions included.
* plus_di / minus_di with n == 1: TA-Lib returns +DM/TR without the factor 100.
* Period 1 (and MACD fast == 1), which TA-Lib rejects for RSI/ADX/MACD, is accepted.
* Bollinger deviation is computed two-pass per window (TA-Lib: E[x^2] - E[x]^2), so flat
  windows give exactly 0; the bands still match TA-Lib to the tolerance above.
* A NaN inside the data makes RSI/ADX/DI NaN from there on (TA-Lib prints 0 or freezes).
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import math
import subprocess
import sys
import warnings

import numpy as np
import pytest
import talib
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from numpy.testing import assert_allclose, assert_array_equal

from chart_export import indicators as ind
from tests._series import KINDS, make_series

RTOL = 1e-6


@contextlib.contextmanager
def no_fp_warnings():
    """Division by zero, overflow, invalid operations and any warning become errors."""
    with warnings.catch_warnings(), np.errstate(divide="raise", over="raise", invalid="raise"):
        warnings.simplefilter("error")
        yield


@functools.cache
def series(kind: str) -> dict[str, np.ndarray]:
    s = make_series(kind)
    for a in s.values():
        a.flags.writeable = False  # also proves the indicators never write their inputs
    return s


def assert_matches(ours, ref, *, label: str = "") -> None:
    """Same NaN mask as ``ref`` and equal values where ``ref`` is defined."""
    ours = np.asarray(ours)
    ref = np.asarray(ref)
    assert ours.shape == ref.shape, label
    assert ours.dtype == np.float64, label
    assert_array_equal(np.isnan(ours), np.isnan(ref), err_msg=f"{label}: NaN positions differ")
    defined = ~np.isnan(ref)
    if not defined.any():
        return
    scale = float(np.max(np.abs(ref[defined])))
    assert_allclose(
        ours[defined], ref[defined], rtol=RTOL, atol=1e-10 * scale + 1e-300, err_msg=label
    )


# --------------------------------------------------------------------------- cases
# name -> (ours(series) -> tuple of arrays, talib(series) -> tuple of arrays)


def _c(s):
    return s["close"]


def _hlc(s):
    return s["high"], s["low"], s["close"]


def _r(s, n):
    return talib.RSI(s["close"], n)


CASES = {
    "sma12": (lambda s: (ind.sma(_c(s), 12),), lambda s: (talib.SMA(_c(s), 12),)),
    "sma26": (lambda s: (ind.sma(_c(s), 26),), lambda s: (talib.SMA(_c(s), 26),)),
    "sma2": (lambda s: (ind.sma(_c(s), 2),), lambda s: (talib.SMA(_c(s), 2),)),
    "ema12": (lambda s: (ind.ema(_c(s), 12),), lambda s: (talib.EMA(_c(s), 12),)),
    "ema26": (lambda s: (ind.ema(_c(s), 26),), lambda s: (talib.EMA(_c(s), 26),)),
    "ema1": (lambda s: (ind.ema(_c(s), 1),), lambda s: (talib.EMA(_c(s), 1),)),
    "bbands20x2": (
        lambda s: ind.bbands(_c(s), 20, 2.0),
        lambda s: talib.BBANDS(_c(s), 20, 2.0, 2.0, 0),
    ),
    "bbands5x1.5": (
        lambda s: ind.bbands(_c(s), 5, 1.5),
        lambda s: talib.BBANDS(_c(s), 5, 1.5, 1.5, 0),
    ),
    "macd12-26-9": (lambda s: ind.macd(_c(s), 12, 26, 9), lambda s: talib.MACD(_c(s), 12, 26, 9)),
    "macd5-35-5": (lambda s: ind.macd(_c(s), 5, 35, 5), lambda s: talib.MACD(_c(s), 5, 35, 5)),
    "macd26-12-9swapped": (
        lambda s: ind.macd(_c(s), 26, 12, 9),
        lambda s: talib.MACD(_c(s), 26, 12, 9),
    ),
    "macd3-3-1": (lambda s: ind.macd(_c(s), 3, 3, 1), lambda s: talib.MACD(_c(s), 3, 3, 1)),
    "sar.02-.2": (
        lambda s: (ind.sar(s["high"], s["low"], 0.02, 0.2),),
        lambda s: (talib.SAR(s["high"], s["low"], 0.02, 0.2),),
    ),
    "sar.05-.1": (
        lambda s: (ind.sar(s["high"], s["low"], 0.05, 0.1),),
        lambda s: (talib.SAR(s["high"], s["low"], 0.05, 0.1),),
    ),
    "sar.3-.2clamped": (
        lambda s: (ind.sar(s["high"], s["low"], 0.3, 0.2),),
        lambda s: (talib.SAR(s["high"], s["low"], 0.3, 0.2),),
    ),
    "adx14": (lambda s: (ind.adx(*_hlc(s), 14),), lambda s: (talib.ADX(*_hlc(s), 14),)),
    "adx5": (lambda s: (ind.adx(*_hlc(s), 5),), lambda s: (talib.ADX(*_hlc(s), 5),)),
    "plus_di14": (lambda s: (ind.plus_di(*_hlc(s), 14),), lambda s: (talib.PLUS_DI(*_hlc(s), 14),)),
    "minus_di14": (
        lambda s: (ind.minus_di(*_hlc(s), 14),),
        lambda s: (talib.MINUS_DI(*_hlc(s), 14),),
    ),
    "plus_di3": (lambda s: (ind.plus_di(*_hlc(s), 3),), lambda s: (talib.PLUS_DI(*_hlc(s), 3),)),
    "minus_di3": (lambda s: (ind.minus_di(*_hlc(s), 3),), lambda s: (talib.MINUS_DI(*_hlc(s), 3),)),
    "dmi14": (
        lambda s: ind.dmi(*_hlc(s), 14),
        lambda s: (
            talib.PLUS_DI(*_hlc(s), 14),
            talib.MINUS_DI(*_hlc(s), 14),
            talib.ADX(*_hlc(s), 14),
        ),
    ),
    "rsi14": (lambda s: (ind.rsi(_c(s), 14),), lambda s: (talib.RSI(_c(s), 14),)),
    "rsi2": (lambda s: (ind.rsi(_c(s), 2),), lambda s: (talib.RSI(_c(s), 2),)),
    "rsi30": (lambda s: (ind.rsi(_c(s), 30),), lambda s: (talib.RSI(_c(s), 30),)),
    # stochrsi: D against STOCH's slow-D (K has its own test: it starts earlier).
    "stochrsi14-14-3-3.D": (
        lambda s: (ind.stochrsi(_c(s), 14, 14, 3, 3)[1],),
        lambda s: (talib.STOCH(_r(s, 14), _r(s, 14), _r(s, 14), 14, 3, 0, 3, 0)[1],),
    ),
    "stochrsi5-10-1-1.D": (
        lambda s: (ind.stochrsi(_c(s), 5, 10, 1, 1)[1],),
        lambda s: (talib.STOCH(_r(s, 5), _r(s, 5), _r(s, 5), 10, 1, 0, 1, 0)[1],),
    ),
    # K against STOCHF's fast-D = SMA_k of the raw stochastic: TradingView's K, NaNs too.
    "stochrsi14-14-3-3.K": (
        lambda s: (ind.stochrsi(_c(s), 14, 14, 3, 3)[0],),
        lambda s: (talib.STOCHF(_r(s, 14), _r(s, 14), _r(s, 14), 14, 3, 0)[1],),
    ),
    "stochrsi5-10-1-1.K": (
        lambda s: (ind.stochrsi(_c(s), 5, 10, 1, 1)[0],),
        lambda s: (talib.STOCHF(_r(s, 5), _r(s, 5), _r(s, 5), 10, 1, 0)[1],),
    ),
    "obv": (
        lambda s: (ind.obv(s["close"], s["volume"]),),
        lambda s: (talib.OBV(s["close"], s["volume"]),),
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
@pytest.mark.parametrize("kind", KINDS)
def test_matches_talib(kind, case):
    ours_fn, ref_fn = CASES[case]
    s = series(kind)
    ours = ours_fn(s)
    ref = ref_fn(s)
    assert len(ours) == len(ref)
    for i, (o, r) in enumerate(zip(ours, ref)):
        assert o.shape == (1000,)
        # the comparison must actually bite: every output is defined from bar 150 on
        assert not np.isnan(r[150:]).any(), f"{case}[{i}] reference has NaN after bar 150"
        assert_matches(o, r, label=f"{kind}/{case}[{i}]")


@st.composite
def _ohlcv(draw):
    """Short random series: random-walk closes (zero steps are likely, so flat stretches
    occur), random ranges, three price scales."""
    steps = draw(st.lists(st.one_of(st.just(0.0), st.floats(-0.05, 0.05)), max_size=90))
    scale = draw(st.sampled_from([1e-4, 1.0, 60_000.0]))
    size = len(steps)
    wick = draw(st.lists(st.sampled_from([0.0, 0.001, 0.01, 0.03]), min_size=size, max_size=size))
    close = scale * np.exp(np.cumsum(steps))
    prev = np.concatenate([[scale], close[:-1]]) if size else close
    high = np.maximum(prev, close) * (1 + np.asarray(wick, dtype=float))
    low = np.minimum(prev, close) * (1 - np.asarray(wick, dtype=float) / 2)
    volume = np.arange(size, dtype=float) % 7 * 100.0
    return {"high": high, "low": low, "close": close, "volume": volume}


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    s=_ohlcv(),
    n=st.integers(2, 20),
    fast=st.integers(2, 15),
    slow=st.integers(2, 30),
    signal=st.integers(1, 10),
    k=st.integers(1, 5),
    d=st.integers(1, 5),
    acc=st.sampled_from([0.01, 0.02, 0.05, 0.3]),
    mx=st.sampled_from([0.1, 0.2, 0.5]),
)
def test_random_series_match_talib(s, n, fast, slow, signal, k, d, acc, mx):
    """Differential check on short random series and random periods (warm-up edges)."""
    h, lo, c, v = s["high"], s["low"], s["close"], s["volume"]
    checks = [
        (ind.sma(c, n), talib.SMA(c, n)),
        (ind.ema(c, n), talib.EMA(c, n)),
        *zip(ind.bbands(c, n, 2.0), talib.BBANDS(c, n, 2.0, 2.0, 0)),
        *zip(ind.macd(c, fast, slow, signal), talib.MACD(c, fast, slow, signal)),
        (ind.sar(h, lo, acc, mx), talib.SAR(h, lo, acc, mx)),
        *zip(ind.dmi(h, lo, c, n), (talib.PLUS_DI(h, lo, c, n), talib.MINUS_DI(h, lo, c, n),
                                    talib.ADX(h, lo, c, n))),
        (ind.rsi(c, n), talib.RSI(c, n)),
        (ind.obv(c, v), talib.OBV(c, v)),
        (ind.trange(h, lo, c), talib.TRANGE(h, lo, c)),
    ]
    r = talib.RSI(c, n)
    sk, sd = ind.stochrsi(c, n, fast, k, d)
    if c.size:
        checks.append((sd, talib.STOCH(r, r, r, fast, k, 0, d, 0)[1]))
        checks.append((sk, talib.STOCHF(r, r, r, fast, k, 0)[1]))
    for i, (ours, ref) in enumerate(checks):
        assert_matches(ours, ref, label=f"check {i}")


def test_stochrsi_k_starts_before_talib_stoch():
    """Documented deviation: K is defined d - 1 bars before TA-Lib STOCH's slow-K and
    equals it wherever TA-Lib defines it."""
    c = series("trend")["close"]
    r = talib.RSI(c, 14)
    k, d = ind.stochrsi(c, 14, 14, 3, 3)
    slow_k, slow_d = talib.STOCH(r, r, r, 14, 3, 0, 3, 0)
    first_k = 14 + 14 - 1 + 3 - 1
    assert np.isnan(k[:first_k]).all() and not np.isnan(k[first_k:]).any()
    assert np.isnan(slow_k[: first_k + 2]).all() and not np.isnan(slow_k[first_k + 2]).any()
    defined = ~np.isnan(slow_k)
    assert_allclose(k[defined], slow_k[defined], rtol=RTOL, atol=1e-8)
    assert_matches(d, slow_d)


def test_stochrsi_zero_range_is_zero_like_talib():
    """Constant price: RSI is 0 (TA-Lib 0.8's value for no movement), its range is 0 and
    the stochastic is 0 -- with no division warning."""
    c = np.full(80, 42.0)
    with no_fp_warnings():
        k, d = ind.stochrsi(c, 14, 14, 3, 3)
    r = talib.RSI(c, 14)
    assert_matches(ind.rsi(c, 14), r)
    slow_k, slow_d = talib.STOCH(r, r, r, 14, 3, 0, 3, 0)
    assert_array_equal(k[~np.isnan(k)], 0.0)
    assert_array_equal(d[~np.isnan(d)], 0.0)
    assert_matches(d, slow_d)


def test_stochrsi_machine_flat_window_is_zero():
    """A window whose RSI differs only by rounding residue (the flat series' frozen runs)
    is treated as flat (TA-Lib's scaled zero test), not divided into [0, 100] noise."""
    c = series("flat")["close"]
    k, _ = ind.stochrsi(c, 14, 14, 1, 1)
    r = ind.rsi(c, 14)
    win = np.lib.stride_tricks.sliding_window_view(r[14:], 14)
    spread = win.max(axis=1) - win.min(axis=1)
    residue = (spread > 0) & (spread < 1e-12)
    assert residue.sum() > 20, "the flat series no longer exercises this case"
    assert_array_equal(k[14 + 13 :][residue], 0.0)


def test_di_period_one_keeps_the_factor_100():
    """Documented deviation: TA-Lib's PLUS_DI/MINUS_DI(n=1) return DM/TR (no x100)."""
    h, lo, c = _hlc(series("trend"))
    assert_matches(ind.plus_di(h, lo, c, 1), 100.0 * talib.PLUS_DI(h, lo, c, 1))
    assert_matches(ind.minus_di(h, lo, c, 1), 100.0 * talib.MINUS_DI(h, lo, c, 1))


def test_period_one_extensions():
    """Periods TA-Lib rejects still follow the definitions."""
    s = series("trend")
    c = s["close"]
    assert_array_equal(ind.sma(c, 1), c)
    assert_array_equal(ind.ema(c, 1), c)
    r1 = ind.rsi(c, 1)
    ch = np.diff(c)
    assert_array_equal(r1[1:], np.where(ch > 0, 100.0, 0.0))
    # MACD with fast = 1: the fast "EMA" is the price, the slow one the standard EMA
    m, sig, hist = ind.macd(c, 1, 5, 3)
    e5 = ind.ema(c, 5)
    defined = ~np.isnan(m)
    assert defined.sum() == 1000 - (5 + 3 - 2)
    assert_allclose(m[defined], (c - e5)[defined], rtol=1e-12, atol=1e-12)
    assert_allclose(hist[defined], (m - sig)[defined], rtol=0, atol=1e-12)
    # ADX with n = 1 is the latest DX (held when a bar has none)
    h, lo, _ = _hlc(s)
    p, mi = ind.plus_di(h, lo, c, 1), ind.minus_di(h, lo, c, 1)
    a1 = ind.adx(h, lo, c, 1)
    expected = np.full(c.size, np.nan)
    last = 0.0
    for i in range(1, c.size):
        if p[i] + mi[i] >= 1e-14:
            last = 100.0 * abs(mi[i] - p[i]) / (p[i] + mi[i])
        expected[i] = last
    assert_allclose(a1, expected, rtol=1e-12, atol=1e-12)


def test_macd_fast_ema_is_seeded_with_the_slow_one():
    """TA-Lib's MACD seeds the fast EMA on the slow EMA's first bar, so its line is not
    ema(fast) - ema(slow) at first; the two converge later."""
    c = series("trend")["close"]
    m, _, _ = ind.macd(c, 12, 26, 9)
    naive = ind.ema(c, 12) - ind.ema(c, 26)
    first = 26 + 9 - 2
    assert abs(m[first] - naive[first]) > 1e-6 * abs(naive[first])
    assert_allclose(m[600:], naive[600:], rtol=1e-9, atol=1e-9)


@pytest.mark.parametrize("case", sorted(CASES))
def test_leading_nans_are_skipped_like_talib(case):
    """Leading NaNs (as a shorter history padded at the front) shift the warm-up."""
    base = series("gaps_large")
    s = {}
    for key, a in base.items():
        a = a[:300].copy()
        a[:7] = np.nan
        s[key] = a
    s["high"][7] = np.nan  # one input NaN a bar longer than the others
    ours_fn, ref_fn = CASES[case]
    for o, r in zip(ours_fn(s), ref_fn(s)):
        assert np.isnan(o[:7]).all()
        assert_matches(o, r, label=case)


@pytest.mark.parametrize("length", [1, 2, 3, 13, 14, 15, 27, 28, 29, 33, 34, 35])
@pytest.mark.parametrize("case", sorted(CASES))
def test_short_inputs(case, length):
    """Too short for the warm-up: all NaN like TA-Lib; just long enough: TA-Lib's values."""
    s = {k: v[:length] for k, v in series("trend").items()}
    ours_fn, ref_fn = CASES[case]
    for o, r in zip(ours_fn(s), ref_fn(s)):
        assert_matches(o, r, label=f"{case}/len={length}")


def test_empty_input():
    e = np.array([])
    for out in (
        ind.sma(e, 3),
        ind.ema(e, 3),
        *ind.bbands(e, 3, 2.0),
        *ind.macd(e, 3, 5, 2),
        ind.sar(e, e, 0.02, 0.2),
        *ind.dmi(e, e, e, 3),
        ind.rsi(e, 3),
        *ind.stochrsi(e, 3, 3, 2, 2),
        ind.obv(e, e),
    ):
        assert out.shape == (0,) and out.dtype == np.float64


def test_all_nan_input():
    x = np.full(50, np.nan)
    assert np.isnan(ind.sma(x, 3)).all()
    assert np.isnan(ind.macd(x, 3, 5, 2)[0]).all()
    assert np.isnan(ind.sar(x, x, 0.02, 0.2)).all()
    assert np.isnan(ind.obv(x, x)).all()


def test_interior_nan_propagates_as_documented():
    c = series("trend")["close"].copy()
    c[500] = np.nan
    sma = ind.sma(c, 12)
    assert np.isnan(sma[500:512]).all() and not np.isnan(sma[512:]).any()
    assert not np.isnan(sma[11:500]).any()
    s = series("trend")
    for out in (
        ind.ema(c, 12),
        ind.rsi(c, 14),
        ind.macd(c, 12, 26, 9)[0],
        *ind.dmi(s["high"], s["low"], c, 14),
    ):
        # (DI/ADX: the true range of bar 501 is the first to use the missing close)
        assert not np.isnan(out[100:500]).any() and np.isnan(out[501:]).all()


def test_accepts_lists_and_ints():
    x = [1, 2, 3, 5, 4, 6, 7]
    assert_allclose(ind.sma(x, 3)[2:], [2.0, 10 / 3, 4.0, 5.0, 17 / 3])
    assert ind.ema(x, 3).dtype == np.float64
    assert_allclose(ind.obv([1, 2, 2, 1], [10, 20, 30, 40]), [10, 30, 30, -10])


def test_sma_is_stable_on_a_large_offset():
    """Per-window sums: no drift and no cancellation against a 1e9 price level."""
    rng = np.random.default_rng(7)
    x = 1e9 + np.cumsum(rng.normal(0, 1e-3, 20_000))
    n = 50
    got = ind.sma(x, n)
    want = np.array([math.fsum(x[i - n + 1 : i + 1]) / n for i in range(n - 1, x.size)])
    assert_allclose(got[n - 1 :], want, rtol=1e-15, atol=0)
    # two-pass deviation: the band half-width (~1e-2) is right to the last bits the 1e9
    # price level can hold (an E[x^2] - E[x]^2 formula loses it entirely at this level)
    upper, mid, _ = ind.bbands(x, n, 2.0)
    std_want = np.array([np.std(x[i - n + 1 : i + 1] - x[i]) for i in range(n - 1, x.size)])
    assert_allclose((upper - mid)[n - 1 :], 2 * std_want, rtol=0, atol=4 * np.spacing(1e9))


def test_bbands_flat_window_has_zero_width():
    x = np.concatenate([np.linspace(1, 2, 30), np.full(30, 60_000.1)])
    upper, mid, lower = ind.bbands(x, 20, 2.0)
    assert_array_equal(upper[-10:], mid[-10:])
    assert_array_equal(lower[-10:], mid[-10:])


def test_hand_computed_values():
    """Small known answers, independent of TA-Lib."""
    x = np.array([1.0, 2.0, 3.0, 4.0, 5.0, 6.0])
    assert_allclose(ind.ema(x, 3)[2:], [2.0, 3.0, 4.0, 5.0])
    up, mid, lo = ind.bbands([2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0], 8, 1.0)
    assert mid[-1] == 5.0 and up[-1] == 7.0 and lo[-1] == 3.0  # population std = 2
    assert_allclose(ind.stddev([1.0, 3.0, 3.0, 8.0], 2), [np.nan, 1.0, 0.0, 2.5])  # |a - b| / 2
    # true range: h - l, or a gap from the previous close when it is wider
    assert_allclose(ind.trange([10.0, 11.0, 15.0, 9.0], [8.0, 10.0, 14.0, 8.0], [9.0, 10.5, 14.5, 8.5]),
                    [np.nan, 2.0, 4.5, 6.5])
    # RSI(2) over +1, -1, +2: seed gain 0.5 loss 0.5, then gain (0.5 + 2) / 2
    assert_allclose(ind.rsi([10.0, 11.0, 10.0, 12.0], 2), [np.nan, np.nan, 50.0, 100 * 1.25 / 1.5])
    # OBV seeds with the first volume
    assert_allclose(ind.obv([5.0, 6.0, 6.0, 4.0], [3.0, 4.0, 5.0, 6.0]), [3.0, 7.0, 7.0, 1.0])
    # SAR: rising bars stay long; first SAR = bar 0 low, then + af * (ep - sar)
    h = np.array([10.0, 11.0, 12.0, 13.0])
    lw = h - 1.0
    s = ind.sar(h, lw, 0.02, 0.2)
    assert np.isnan(s[0]) and s[1] == 9.0
    assert s[2] == pytest.approx(9.0 + 0.02 * (11.0 - 9.0))


def test_sar_initial_direction_uses_minus_dm_of_the_first_two_bars():
    # bar 1: low falls by 2, high falls by 1 -> -DM = 2 > 0 -> short: first SAR = bar 0 high
    h = np.array([10.0, 9.0, 8.0, 7.0])
    lw = np.array([9.0, 7.0, 6.0, 5.0])
    assert ind.sar(h, lw, 0.02, 0.2)[1] == 10.0
    assert_matches(ind.sar(h, lw, 0.02, 0.2), talib.SAR(h, lw, 0.02, 0.2))
    # no -DM (an inside bar: high -1, low +1) -> long: first SAR = bar 0 low
    h2 = np.array([10.0, 9.0, 10.0, 11.0])
    l2 = np.array([8.0, 9.0, 9.0, 10.0])
    assert ind.sar(h2, l2, 0.02, 0.2)[1] == 8.0
    assert_matches(ind.sar(h2, l2, 0.02, 0.2), talib.SAR(h2, l2, 0.02, 0.2))


def test_comparator_can_fail():
    """The helper the TA-Lib tests rely on rejects an off-by-one period and a shifted
    warm-up, so a wrong seeding could not pass unnoticed."""
    c = series("trend")["close"]
    with pytest.raises(AssertionError):
        assert_matches(ind.sma(c, 12), talib.SMA(c, 13))
    with pytest.raises(AssertionError):
        ema = ind.ema(c, 12)
        shifted = talib.EMA(c, 12).copy()
        shifted[11] = np.nan
        assert_matches(ema, shifted)
    with pytest.raises(AssertionError):
        assert_matches(ind.ema(c, 12) * (1 + 1e-5), talib.EMA(c, 12))


@pytest.mark.parametrize("kind", KINDS)
def test_no_floating_point_warnings(kind):
    s = series(kind)
    o, h, lo, c, v = (s[k] for k in ("open", "high", "low", "close", "volume"))
    with_nan = c.copy()
    with_nan[500] = np.nan
    with no_fp_warnings():
        for x in (c, with_nan, np.full(100, 3.0)):
            hh, ll = (h, lo) if x.shape == h.shape else (x, x)
            ind.sma(x, 12)
            ind.ema(x, 12)
            ind.bbands(x, 20, 2.0)
            ind.macd(x, 12, 26, 9)
            ind.rsi(x, 14)
            ind.stochrsi(x, 14, 14, 3, 3)
            ind.dmi(hh, ll, x, 14)
            ind.sar(hh, ll, 0.02, 0.2)
            ind.obv(x, np.ones_like(x))
        ind.volume_profile(h, lo, c, v, 24, 70, open_=o)


# ------------------------------------------------------------------- bad arguments

_X = np.arange(1.0, 40.0)


@pytest.mark.parametrize(
    "call, match",
    [
        (lambda: ind.sma(_X, 0), "n must be an integer >= 1"),
        (lambda: ind.sma(_X, -3), "n must be an integer >= 1"),
        (lambda: ind.sma(_X, 2.5), "n must be an integer"),
        (lambda: ind.sma(_X, 3.0), "n must be an integer"),
        (lambda: ind.sma(_X, True), "n must be an integer"),
        (lambda: ind.sma(_X, "3"), "n must be an integer"),
        (lambda: ind.sma(_X.reshape(3, 13), 3), "must be 1-D"),
        (lambda: ind.sma(["a", "b"], 1), "array of numbers"),
        (lambda: ind.ema(_X, 0), "n must be"),
        (lambda: ind.bbands(_X, 0, 2.0), "n must be"),
        (lambda: ind.bbands(_X, 20, -1.0), "k must be >= 0"),
        (lambda: ind.bbands(_X, 20, float("nan")), "k must be a finite"),
        (lambda: ind.bbands(_X, 20, None), "k must be a finite"),
        (lambda: ind.macd(_X, 0, 26, 9), "fast must be"),
        (lambda: ind.macd(_X, 12, 0, 9), "slow must be"),
        (lambda: ind.macd(_X, 12, 26, 0), "signal must be"),
        (lambda: ind.sar(_X, _X, 0.0, 0.2), "acceleration must be > 0"),
        (lambda: ind.sar(_X, _X, 0.02, -0.2), "maximum must be > 0"),
        (lambda: ind.sar(_X, _X, float("inf"), 0.2), "acceleration must be a finite"),
        (lambda: ind.sar(_X, _X[:-1], 0.02, 0.2), "same length"),
        (lambda: ind.adx(_X, _X, _X, 0), "n must be"),
        (lambda: ind.adx(_X, _X, _X[:5], 14), "same length"),
        (lambda: ind.plus_di(_X, _X, _X, 0), "n must be"),
        (lambda: ind.minus_di(_X[:3], _X, _X, 14), "same length"),
        (lambda: ind.rsi(_X, 0), "n must be"),
        (lambda: ind.stochrsi(_X, 0, 14, 3, 3), "n_rsi must be"),
        (lambda: ind.stochrsi(_X, 14, 0, 3, 3), "n_stoch must be"),
        (lambda: ind.stochrsi(_X, 14, 14, 0, 3), "k must be"),
        (lambda: ind.stochrsi(_X, 14, 14, 3, 0), "d must be"),
        (lambda: ind.obv(_X, _X[:-2]), "same length"),
    ],
)
def test_bad_arguments_raise_value_error(call, match):
    with pytest.raises(ValueError, match=match):
        call()


# ------------------------------------------------------------------- volume profile


def brute_force_profile(high, low, close, volume, rows, value_area, open_=None):
    """Slow, loop-by-loop reference of the documented volume-profile rules."""
    n = len(high)
    lo_p, hi_p = min(low), max(high)
    step = (hi_p - lo_p) / rows
    edges = [lo_p + i * step for i in range(rows)] + [hi_p]
    up = [0.0] * rows
    down = [0.0] * rows
    for i in range(n):
        if open_ is not None:
            is_up = close[i] >= open_[i]
        else:
            is_up = i == 0 or close[i] >= close[i - 1]
        target = up if is_up else down
        if high[i] > low[i]:
            for r in range(rows):
                overlap = min(high[i], edges[r + 1]) - max(low[i], edges[r])
                if overlap > 0:
                    target[r] += volume[i] * (overlap / (high[i] - low[i]))
        else:
            row = 0
            if hi_p > lo_p:
                for r in range(rows):
                    if edges[r] <= low[i]:
                        row = r
            target[row] += volume[i]
    total = [u + d for u, d in zip(up, down)]
    poc = 0
    for r in range(rows):
        if total[r] > total[poc]:
            poc = r
    need = sum(total) * value_area / 100.0
    first = last = poc
    have = total[poc]
    while have < need and (first > 0 or last < rows - 1):
        above = total[last + 1] if last < rows - 1 else None
        below = total[first - 1] if first > 0 else None
        if below is None or (above is not None and above >= below):
            last += 1
            have += above
        else:
            first -= 1
            have += below
    return edges, up, down, poc, first, last


def assert_profile_matches_reference(vp, ref, volume):
    edges, up, down, poc, first, last = ref
    scale = max(float(np.sum(volume)), 1.0)
    assert_allclose(vp.edges, edges, rtol=1e-12, atol=0)
    assert_allclose(vp.up, up, rtol=1e-9, atol=1e-12 * scale)
    assert_allclose(vp.down, down, rtol=1e-9, atol=1e-12 * scale)
    assert (vp.poc_index, vp.value_area_low, vp.value_area_high) == (poc, first, last)


def assert_profile_properties(vp, volume, rows, value_area):
    total = vp.up + vp.down
    assert vp.edges.shape == (rows + 1,) and vp.up.shape == vp.down.shape == (rows,)
    assert np.all(np.diff(vp.edges) >= 0)
    assert (vp.up >= 0).all() and (vp.down >= 0).all()
    assert_allclose(total.sum(), np.sum(volume), rtol=1e-12, atol=1e-9)
    assert vp.value_area_low <= vp.poc_index <= vp.value_area_high
    assert total[vp.poc_index] == total.max()
    inside = total[vp.value_area_low : vp.value_area_high + 1].sum()
    assert inside >= total.sum() * value_area / 100.0 * (1 - 1e-12)


@pytest.mark.parametrize("use_open", [True, False])
@pytest.mark.parametrize("rows, value_area", [(24, 70), (7, 50), (1, 70), (40, 100), (24, 0.5)])
@pytest.mark.parametrize("kind", KINDS)
def test_volume_profile_matches_brute_force(kind, rows, value_area, use_open):
    s = series(kind)
    window = slice(600, 800)  # a "visible range" of 200 bars
    h, lo, c, v, o = (s[k][window] for k in ("high", "low", "close", "volume", "open"))
    open_ = o if use_open else None
    vp = ind.volume_profile(h, lo, c, v, rows, value_area, open_=open_)
    ref = brute_force_profile(h.tolist(), lo.tolist(), c.tolist(), v.tolist(), rows, value_area,
                              None if open_ is None else open_.tolist())
    assert_profile_matches_reference(vp, ref, v)
    assert_profile_properties(vp, v, rows, value_area)


def test_volume_profile_hand_computed():
    # rows of width 1 over [0, 4]; bar A (up) covers [0, 2], bar B (down) covers [1, 4],
    # bar C (up, zero range) sits on the inner edge 3 -> row 3 (the row above the edge)
    high = [2.0, 4.0, 3.0]
    low = [0.0, 1.0, 3.0]
    open_ = [0.5, 3.5, 3.0]
    close = [1.5, 1.5, 3.0]
    volume = [10.0, 30.0, 7.0]
    vp = ind.volume_profile(high, low, close, volume, 4, 70, open_=open_)
    assert_array_equal(vp.edges, [0.0, 1.0, 2.0, 3.0, 4.0])
    assert_allclose(vp.up, [5.0, 5.0, 0.0, 7.0])
    assert_allclose(vp.down, [0.0, 10.0, 10.0, 10.0])
    assert vp.poc_index == 3  # 17 in row 3 vs 15 in row 1
    # 70 % of 47 = 32.9: POC 17, then row 2 (10) -> 27, then row 1 (15) -> 42
    assert (vp.value_area_low, vp.value_area_high) == (1, 3)
    assert vp.value_area_prices == (1.0, 4.0)
    assert vp.poc_price == 3.5
    assert vp.rows == 4
    assert_allclose(vp.total, [5.0, 15.0, 10.0, 17.0])


def test_volume_profile_value_area_tie_takes_the_row_above():
    # row totals [5, 10, 5]: 70 % of 20 = 14 needs one neighbour of the POC; both hold 5
    h, lo, c, v = [1.0, 2.0, 3.0], [0.0, 1.0, 2.0], [1.0, 2.0, 3.0], [5.0, 10.0, 5.0]
    vp = ind.volume_profile(h, lo, c, v, 3, 70)
    assert_allclose(vp.total, [5.0, 10.0, 5.0])
    assert (vp.poc_index, vp.value_area_low, vp.value_area_high) == (1, 1, 2)


def test_volume_profile_tiny_ranges_do_not_overflow():
    # a subnormal range with a huge volume: shares are computed before the volume
    with no_fp_warnings():
        vp = ind.volume_profile([5e-324, 1.0], [0.0, 0.0], [0.0, 1.0], [1e300, 1.0], 4, 70)
    assert vp.up[0] == 1e300
    assert_array_equal(vp.up[1:], [0.25, 0.25, 0.25])


def test_volume_profile_up_down_without_open_uses_previous_close():
    h, lo, c, v = [2.0, 2.0, 2.0], [1.0, 1.0, 1.0], [1.5, 1.2, 1.8], [1.0, 2.0, 4.0]
    vp = ind.volume_profile(h, lo, c, v, 1, 70)
    assert vp.up[0] == 5.0 and vp.down[0] == 2.0  # bar 0 counts as up, bar 1 fell


def test_volume_profile_degenerate_cases():
    # every bar at one price: all volume in row 0
    vp = ind.volume_profile([5.0, 5.0], [5.0, 5.0], [5.0, 5.0], [1.0, 2.0], 3, 70)
    assert_array_equal(vp.edges, [5.0] * 4)
    assert vp.total.tolist() == [3.0, 0.0, 0.0]
    assert (vp.poc_index, vp.value_area_low, vp.value_area_high) == (0, 0, 0)
    # zero total volume: POC row 0, value area is the POC
    vp = ind.volume_profile([2.0, 3.0], [1.0, 1.0], [1.5, 2.0], [0.0, 0.0], 4, 70)
    assert vp.total.sum() == 0.0 and (vp.value_area_low, vp.value_area_high) == (0, 0)
    # a zero-range bar at the very top goes to the last row
    vp = ind.volume_profile([1.0, 2.0], [0.0, 2.0], [0.5, 2.0], [0.0, 5.0], 4, 70)
    assert vp.total.tolist() == [0.0, 0.0, 0.0, 5.0]


def test_volume_profile_is_frozen():
    vp = ind.volume_profile([2.0, 3.0], [1.0, 1.0], [1.5, 2.0], [1.0, 1.0], 4, 70)
    with pytest.raises(dataclasses.FrozenInstanceError):
        vp.poc_index = 2
    with pytest.raises(ValueError):
        vp.up[0] = 1.0


_bar = st.tuples(
    st.floats(0.0, 1000.0),  # low
    st.floats(0.0, 50.0),  # range (0 allowed)
    st.floats(0.0, 1.0),  # where the close sits in the range
    st.floats(0.0, 1.0),  # where the open sits
    st.one_of(st.just(0.0), st.floats(0.0, 1e6)),  # volume
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    bars=st.lists(_bar, min_size=1, max_size=40),
    rows=st.integers(1, 30),
    value_area=st.floats(0.01, 100.0),
    use_open=st.booleans(),
)
def test_volume_profile_properties(bars, rows, value_area, use_open):
    low = [b[0] for b in bars]
    high = [b[0] + b[1] for b in bars]
    close = [lw + (h - lw) * b[2] for lw, h, b in zip(low, high, bars)]
    open_ = [lw + (h - lw) * b[3] for lw, h, b in zip(low, high, bars)] if use_open else None
    volume = [b[4] for b in bars]
    with no_fp_warnings():
        vp = ind.volume_profile(high, low, close, volume, rows, value_area, open_=open_)
    assert_profile_properties(vp, volume, rows, value_area)
    _, up, down, _, _, _ = brute_force_profile(high, low, close, volume, rows, value_area, open_)
    scale = max(sum(volume), 1.0)
    assert_allclose(vp.up, up, rtol=1e-9, atol=1e-9 * scale)
    assert_allclose(vp.down, down, rtol=1e-9, atol=1e-9 * scale)


@pytest.mark.parametrize(
    "kwargs, match",
    [
        ({"rows": 0}, "rows must be an integer >= 1"),
        ({"rows": 2.5}, "rows must be an integer"),
        ({"value_area": 0}, r"value_area must be in \(0, 100\]"),
        ({"value_area": -5}, r"value_area must be in \(0, 100\]"),
        ({"value_area": 100.5}, r"value_area must be in \(0, 100\]"),
        ({"value_area": float("nan")}, r"value_area must be in \(0, 100\]"),
        ({"value_area": True}, "value_area must be a number"),
        ({"value_area": "70"}, "value_area must be a number"),
        ({"high": [2.0, 0.5]}, "high < low at bar 1"),
        ({"volume": [1.0, -1.0]}, "volume < 0 at bar 1"),
        ({"close": [1.0, float("nan")]}, "close must be finite"),
        ({"high": [2.0, float("inf")]}, "high must be finite"),
        ({"volume": [1.0]}, "same length"),
        ({"open_": [1.0]}, "same length"),
        ({"high": [], "low": [], "close": [], "volume": []}, "at least one bar"),
    ],
)
def test_volume_profile_bad_arguments(kwargs, match):
    args = {"high": [2.0, 3.0], "low": [1.0, 1.0], "close": [1.5, 2.0], "volume": [1.0, 1.0],
            "rows": 4, "value_area": 70}
    args.update(kwargs)
    open_ = args.pop("open_", None)
    with pytest.raises(ValueError, match=match):
        ind.volume_profile(**args, open_=open_)


# ------------------------------------------------------------------- module hygiene


def test_import_pulls_in_no_heavy_dependency():
    code = (
        "import sys, chart_export.indicators; "
        "print(sorted(m for m in ('talib', 'pandas', 'scipy') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
