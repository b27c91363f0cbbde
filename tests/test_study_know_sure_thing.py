"""Know Sure Thing: TradingView's nine inputs and defaults, the weighted ROC sum by hand,
warm-up, robust, renders (values: tests/test_oracle.py)."""

import numpy as np
import pytest

from tests._studies import check_positions, check_renders, check_robust, run, series, spec

NAME = "Know Sure Thing"
KEYS = ["roclen1", "roclen2", "roclen3", "roclen4", "smalen1", "smalen2", "smalen3", "smalen4", "siglen"]


def test_inputs():
    check_positions(NAME, KEYS, {"roclen1": ("ROC Length #1",), "smalen4": ("SMA Length #4",),
                                 "siglen": ("Signal Line Length",)})
    assert [i.default for i in spec(NAME).inputs] == [10, 15, 20, 30, 10, 10, 10, 15, 9]


def test_by_hand():
    s = series("trend")
    c = s.close
    out = run(NAME, s)

    def smaroc(i, r, m):
        return np.mean([100 * (c[j] - c[j - r]) / c[j - r] for j in range(i - m + 1, i + 1)])

    i = 200
    kst = smaroc(i, 10, 10) + 2 * smaroc(i, 15, 10) + 3 * smaroc(i, 20, 10) + 4 * smaroc(i, 30, 15)
    assert out["kst"][i] == pytest.approx(kst, rel=1e-10)
    assert np.isnan(out["kst"][:44]).all() and not np.isnan(out["kst"][44:]).any()
    assert np.isnan(out["signal"][:52]).all() and not np.isnan(out["signal"][52:]).any()


def test_robust():
    check_robust(NAME)


def test_renders():
    check_renders(NAME)
