"""_pine's helpers against the rules PyneCore measured on TradingView (written out here by hand,
bar by bar, so that a change of semantics fails here before it fails the oracle)."""

from __future__ import annotations

import numpy as np

from chart_export.studies import _pine

nan = np.nan


def test_wma_forward_fills_an_na_bar_inside_its_window():
    x = np.array([nan, 1.0, 2.0, 3.0, nan, 5.0, 6.0])
    out = _pine.wma(x, 3)
    # na before the 3rd value and on the na bar itself; the windows after it hold 3 in its place
    expected = [nan, nan, nan, (1 + 4 + 9) / 6, nan, (3 * 1 + 3 * 2 + 5 * 3) / 6, (3 * 1 + 5 * 2 + 6 * 3) / 6]
    np.testing.assert_array_equal(out, expected)


def test_wma_sums_each_window_oldest_first():
    rng = np.random.default_rng(7)
    x = rng.normal(100.0, 3.0, 300)
    n = 9
    out = _pine.wma(x, n)
    for i in range(n - 1, x.size):
        s = 0.0
        for k, y in enumerate(x[i - n + 1:i + 1], start=1):
            s = s + y * float(k)
        assert out[i] == s / 45.0, i  # bit for bit
