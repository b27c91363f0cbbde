"""Woodies CCI: TradingView's inputs and bounds, the two CCIs, the histogram's colour rule by
hand, robust, renders (values: tests/test_oracle.py)."""

import numpy as np

from chart_export.studies.commodity_channel_index import cci
from tests._studies import check_positions, check_renders, check_robust, run, series, spec

NAME = "Woodies CCI"


def test_inputs():
    check_positions(NAME, ["turbo", "length"], {"turbo": ("CCI Turbo Length",), "length": ("CCI 14 Length",)})
    assert [(i.default, i.minimum, i.maximum) for i in spec(NAME).inputs] == [(6, 3, 14), (14, 7, 20)]


def test_lines_and_colour_rule():
    s = series("gaps_small")
    out = run(NAME, s)
    c14 = cci(s.close, 14)
    np.testing.assert_array_equal(out["turbo"], cci(s.close, 6))
    np.testing.assert_array_equal(out["cci"], c14)
    for i in range(20, 400):
        prev = c14[i - 5 : i]
        teal = True if (prev > 0).all() else False if (prev < 0).all() else c14[i] < 0
        drawn = out["histogram_teal"][i] if teal else out["histogram_red"][i]
        other = out["histogram_red"][i] if teal else out["histogram_teal"][i]
        assert drawn == c14[i] and np.isnan(other), i


def test_robust():
    check_robust(NAME)


def test_renders():
    check_renders(NAME)
