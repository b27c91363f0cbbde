"""Money Flow Index through the registry: TA-Lib MFI; volume scale invariance; robust;
renders."""

import numpy as np
import pytest
import talib

from chart_export.candles import Candles
from tests._studies import KINDS, assert_matches, check_positions, check_renders, check_robust, run, series

NAME = "Money Flow Index"


@pytest.mark.parametrize("kind", [k for k in KINDS if k != "flat"])
@pytest.mark.parametrize("length", [14, 3])
def test_equals_talib_mfi_from_bar_length(kind, length):
    """TradingView's MFI counts bar 0 in both sums (a value at bar length - 1, TA-Lib's starts at
    bar length); from bar length on the two agree (not on the flat series: TradingView gives 100
    where nothing moved, TA-Lib 0)."""
    s = series(kind)
    ours = run(NAME, s, length=length)["mfi"]
    assert np.isnan(ours[: length - 1]).all() and np.isfinite(ours[length - 1])
    ref = talib.MFI(s.high, s.low, s.close, s.volume, length)
    assert_matches(ours[length:], ref[length:], label=kind)


def test_volume_scale_invariant():
    s = series("gaps_small")
    big = Candles.from_arrays(s.time, s.open, s.high, s.low, s.close, s.volume * 1e9)
    np.testing.assert_allclose(run(NAME, s)["mfi"], run(NAME, big)["mfi"], rtol=1e-9)


def test_inputs():
    check_positions(NAME, ["length", "smoothing", "smoothing_length", "smoothing_mult"],
                    {"length": ("length", "Length"), "smoothing": ("Type",), "smoothing_mult": ("BB StdDev",)})


def test_robust():
    optional = ("smoothing", "smoothing_upper", "smoothing_lower")
    check_robust(NAME, optional=optional)
    check_robust(NAME, optional=optional, smoothing="SMA + Bollinger Bands")


def test_smoothing_line():
    s = series("trend")
    out = run(NAME, s, smoothing="SMA", smoothing_length=5)
    assert_matches(out["smoothing"], talib.SMA(out["mfi"], 5))


def test_renders():
    check_renders(NAME)
