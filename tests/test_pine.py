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


def _sum_vectors():
    import json
    from pathlib import Path

    doc = json.loads((Path(__file__).parent / "data" / "pine" / "math_sum.json").read_text())
    for name, d in doc.items():
        x = np.array([float.fromhex(v) for v in d["input"]])
        for n, sums in d["sums"].items():
            yield name, x, int(n), np.array([float.fromhex(v) for v in sums])


def test_msum_is_tradingviews_rolling_sum_bit_for_bit():
    # PyneCore's math.sum machine (devtools/oracle/sum_vectors.py): every bar, to the last bit
    cases = list(_sum_vectors())
    assert len(cases) == 16
    for name, x, n, expected in cases:
        got = _pine.msum(x, n)
        same = (got == expected) | (np.isnan(got) & np.isnan(expected))
        assert same.all(), f"{name} n={n}: {np.flatnonzero(~same)[:5].tolist()}"


def test_the_rolling_sum_is_not_the_correctly_rounded_sum():
    # what makes the machine worth having: on spread-out values its last bits differ from
    # math.fsum's on many bars (so a per-window exact sum cannot stand in for it)
    import math

    (x, expected), = [(x, e) for name, x, n, e in _sum_vectors() if name == "spread" and n == 14]
    n = 14
    exact = np.array([math.fsum(x[i - n + 1:i + 1]) for i in range(n - 1, x.size)])
    assert (exact != expected[n - 1:]).sum() > 20


def test_sma_and_stdev_carry_over_an_na_bar():
    x = np.array([1.0, 2.0, nan, 4.0, 6.0])
    np.testing.assert_array_equal(_pine.sma(x, 2), [nan, 1.5, 1.5, 3.0, 5.0])
    np.testing.assert_array_equal(_pine.stdev(x, 2), [nan, 0.5, 0.5, 1.0, 1.0])


def test_an_na_bar_reports_the_standing_sum_na_included():
    # PyneCore's math.sum on an na bar returns its standing sum: once an inf is in, the sum is
    # inf on that bar and na for good after it (its compensation), so the na bar is na, not the
    # last value that was not na (the inf)
    x = np.array([1.0, 2.0, np.inf, 3.0, 4.0, nan])
    np.testing.assert_array_equal(_pine.msum(x, 2), [nan, 3.0, np.inf, nan, nan, nan])
    np.testing.assert_array_equal(_pine.sma(x, 2), [nan, 1.5, np.inf, nan, nan, nan])


def test_linreg_is_the_line_through_a_straight_series():
    x = 3.0 + 2.0 * np.arange(40.0)
    np.testing.assert_array_equal(_pine.linreg(x, 5)[4:], x[4:])  # the end point of the window
    np.testing.assert_array_equal(_pine.linreg(x, 5, 2)[4:], x[2:-2])  # two bars back along it
    assert np.isnan(_pine.linreg(x, 5)[:4]).all()
    assert np.isnan(_pine.linreg(x, 1)).all()  # one point has no line: 0 / 0, na as in Pine


def test_ema_and_rma_are_the_recurrence_seeded_by_the_sma_bit_for_bit():
    rng = np.random.default_rng(11)
    x = rng.normal(100.0, 3.0, 400)
    for n in (2, 9, 14, 26):
        seed = _pine.sma(x, n)[n - 1]
        ema, rma = [seed], [seed]
        alpha = 2.0 / (n + 1)
        for v in x[n:].tolist():
            ema.append(ema[-1] + alpha * (v - ema[-1]))
            rma.append((rma[-1] * float(n - 1) + v) / n)
        for got, want in ((_pine.ema(x, n), ema), (_pine.rma(x, n), rma)):
            assert np.isnan(got[:n - 1]).all()
            assert got[n - 1:].tolist() == want, n  # bit for bit
