"""Connors RSI: TradingView's inputs, the up/down streak and the percent rank by hand, the mean
of the three, warm-up, robust, renders (values: tests/test_oracle.py)."""

import numpy as np
import pytest

from chart_export.studies._pine import percentrank, rsi
from chart_export.studies.connors_rsi import updown
from tests._studies import check_positions, check_renders, check_robust, run, series, spec

NAME = "Connors RSI"


def test_inputs():
    check_positions(NAME, ["lenrsi", "lenupdown", "lenroc"], {"lenrsi": ("RSI Length",),
                                                             "lenupdown": ("UpDown Length",),
                                                             "lenroc": ("ROC Length",)})
    assert [i.default for i in spec(NAME).inputs] == [3, 2, 100]


def test_streak():
    s = np.array([5.0, 6, 7, 7, 6, 5, 4, 4 + 1e-12, 5, 6])
    assert updown(s).tolist() == [-1, 1, 2, 0, -1, -2, -3, 0, 1, 2]


def test_percentrank_by_hand():
    x = np.array([3.0, 1, 2, np.nan, 2, 5, 0])
    out = percentrank(x, 3)
    assert np.isnan(out[:3]).all() and np.isnan(out[3])
    # bar 4: window [1, 2, na, 2]: 1 and the other 2 are <= 2 -> (3 - 1) / 3
    assert out[4] == pytest.approx(200 / 3)
    # bar 5: [2, na, 2, 5]: three values <= 5, the na still in the denominator
    assert out[5] == pytest.approx(200 / 3) and out[6] == 0.0


def test_mean_of_the_three():
    s = series("trend")
    out = run(NAME, s)["crsi"]
    roc1 = 100 * np.diff(s.close, prepend=np.nan) / np.concatenate([[np.nan], s.close[:-1]])
    expected = (rsi(s.close, 3) + rsi(updown(s.close), 2) + percentrank(roc1, 100)) / 3
    np.testing.assert_allclose(out, expected, rtol=1e-12, equal_nan=True)
    assert np.isnan(out[:100]).all() and not np.isnan(out[100:]).any()


def test_robust():
    check_robust(NAME)


def test_renders():
    check_renders(NAME, {"ROC Length": 20})
