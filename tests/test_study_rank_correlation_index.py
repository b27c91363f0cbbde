"""Rank Correlation Index: TradingView's inputs (Smoothing section, default SMA 14), Spearman's
rank correlation by hand with ties, warm-up at bar length, robust, renders (values: tests/test_oracle.py)."""

import numpy as np
import pytest

from chart_export.studies.rank_correlation_index import rci
from tests._studies import bars, check_positions, check_renders, check_robust, run, series, spec

NAME = "Rank Correlation Index"


def test_inputs():
    check_positions(NAME, ["source", "length", "smoothing", "smoothing_length", "smoothing_mult"],
                    {"length": ("RCI Length",), "smoothing": ("Type",), "smoothing_length": ("Length",)})
    assert [i.default for i in spec(NAME).inputs] == ["close", 10, "SMA", 14, 2.0]


def spearman(w):
    """Spearman's rho (average ranks for ties) of the window with time, in percent."""
    def ranks(v):
        order = np.argsort(v, kind="stable")
        r = np.empty(len(v))
        r[order] = np.arange(len(v), dtype=float)
        for value in np.unique(v):
            r[v == value] = r[v == value].mean()
        return r
    return 100 * np.corrcoef(ranks(np.asarray(w)), np.arange(len(w)))[0, 1]


def test_by_hand_with_ties():
    s = series("gaps_small")
    x = np.round(s.close, 0)  # many ties
    out = rci(x, 10)
    assert np.isnan(out[:10]).all()
    for i in (10, 50, 333):
        w = x[i - 9 : i + 1]
        if len(np.unique(w)) > 1:
            assert out[i] == pytest.approx(spearman(w), rel=1e-9, abs=1e-9)
        else:
            assert np.isnan(out[i])


def test_lines():
    up = np.arange(1.0, 30.0)
    assert run(NAME, bars(up, up, up, up, up))["rci"][10:] == pytest.approx(100.0)
    k = np.full(30, 2.0)
    assert np.isnan(run(NAME, bars(k, k, k, k, k))["rci"]).all()


def test_robust():
    check_robust(NAME, optional=("smoothing_upper", "smoothing_lower"))


def test_renders():
    check_renders(NAME, {"Type": "SMA + Bollinger Bands"})
