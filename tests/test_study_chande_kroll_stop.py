"""Chande Kroll Stop: TradingView's inputs, the stops by hand, warm-up, robust, renders
(values: tests/test_oracle.py)."""

import numpy as np
import pytest

from chart_export.studies._pine import atr
from tests._studies import check_positions, check_renders, check_robust, run, series, spec

NAME = "Chande Kroll Stop"


def test_inputs():
    check_positions(NAME, ["p", "x", "q"], {"p": ("ATR Length (p)",), "x": ("ATR Coefficient (x)",),
                                            "q": ("Stop Length (q)",)})
    assert [i.default for i in spec(NAME).inputs] == [10, 1, 9]


def test_by_hand():
    s = series("gaps_small")
    out = run(NAME, s, p=5, x=2, q=3)
    a = atr(s.high, s.low, s.close, 5)
    i = 120
    hs = [s.high[j - 4 : j + 1].max() - 2 * a[j] for j in range(i - 2, i + 1)]
    ls = [s.low[j - 4 : j + 1].min() + 2 * a[j] for j in range(i - 2, i + 1)]
    assert out["stop_short"][i] == pytest.approx(max(hs), rel=1e-12)
    assert out["stop_long"][i] == pytest.approx(min(ls), rel=1e-12)
    assert np.isnan(out["stop_long"][:4]).all() and not np.isnan(out["stop_long"][4:]).any()


def test_robust():
    check_robust(NAME)


def test_renders():
    check_renders(NAME)
