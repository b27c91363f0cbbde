"""RCI Ribbon: TradingView's inputs and defaults (10 / 30 / 50), three ta.rci lines, robust,
renders (values: tests/test_oracle.py)."""

import numpy as np

from chart_export.studies.rank_correlation_index import rci
from tests._studies import check_positions, check_renders, check_robust, run, series, spec

NAME = "RCI Ribbon"


def test_inputs():
    check_positions(NAME, ["source", "short", "middle", "long"],
                    {"short": ("Short RCI Length",), "middle": ("Middle RCI Length",), "long": ("Long RCI Length",)})
    assert [i.default for i in spec(NAME).inputs] == ["close", 10, 30, 50]


def test_three_rcis():
    s = series("gaps_small")
    out = run(NAME, s)
    for key, n in (("short", 10), ("middle", 30), ("long", 50)):
        np.testing.assert_array_equal(out[key], rci(s.close, n))
        assert np.isnan(out[key][:n]).all()


def test_robust():
    check_robust(NAME)


def test_renders():
    check_renders(NAME)
