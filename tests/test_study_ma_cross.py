"""MA Cross: TradingView's inputs, the two SMAs, ta.cross's rule (armed by a strict relation,
across equal runs; none before the first strict one), robust, renders (values: tests/test_oracle.py)."""

import numpy as np

from chart_export.studies._pine import sma
from chart_export.studies.ma_cross import cross
from tests._studies import check_positions, check_renders, check_robust, run, series, spec

NAME = "MA Cross"


def test_inputs():
    check_positions(NAME, ["shortlen", "longlen"], {"shortlen": ("Short MA Length",),
                                                   "longlen": ("Long MA Length",)})
    assert [i.default for i in spec(NAME).inputs] == [9, 21]


def test_cross_rule():
    a = np.array([1.0, 1, 2, 2, 1, 1, 1, 2, np.nan, 0])
    b = np.array([1.0, 1, 1, 2, 2, 1, 1, 1, 1, 1])
    # equal from the start: unarmed; bar 2 above; bar 3 equal (keeps "above"); bar 4 below: cross;
    # bars 5-6 equal; bar 7 above: cross; bar 8 na: nothing; bar 9 below: cross
    assert np.flatnonzero(cross(a, b)).tolist() == [4, 7, 9]


def test_markers_on_the_short_ma():
    s = series("trend")
    out = run(NAME, s)
    np.testing.assert_array_equal(out["short"], sma(s.close, 9))
    np.testing.assert_array_equal(out["long"], sma(s.close, 21))
    hit = ~np.isnan(out["cross"])
    assert hit.any()
    np.testing.assert_array_equal(out["cross"][hit], out["short"][hit])
    np.testing.assert_array_equal(hit, cross(out["short"], out["long"]))


def test_robust():
    check_robust(NAME)


def test_renders():
    check_renders(NAME)
