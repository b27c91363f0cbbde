"""The volume profile (studies/_profile.py): against a slow loop-by-loop reference of its
documented rules, hand-computed cases, degenerate inputs and properties (hypothesis).
(The TA-Lib ports this file also tested are gone: the studies follow TradingView's built-ins,
checked by tests/test_oracle.py and tests/test_tradingview_exports.py.)"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import subprocess
import sys
import warnings

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from numpy.testing import assert_allclose, assert_array_equal

from chart_export.studies import _profile as ind
from tests._series import KINDS, make_series



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
        "import sys, chart_export.studies._profile, chart_export.studies._pine; "
        "print(sorted(m for m in ('talib', 'pandas', 'scipy') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
