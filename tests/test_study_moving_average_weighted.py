"""Moving Average Weighted through the registry: TA-Lib WMA; the offset input shifts the
drawn line; robust; renders."""

import numpy as np
import pytest
import talib

from chart_export.rendering import prepare_chart
from chart_export.templates import parse_template
from tests._studies import KINDS, assert_matches, check_positions, check_renders, check_robust, run, series

NAME = "Moving Average Weighted"


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("length", [9, 1, 30])
def test_equals_talib_wma(kind, length):
    s = series(kind)
    assert_matches(run(NAME, s, length=length)["wma"], talib.WMA(s.close, length), label=kind)


def test_source_hl2():
    s = series("trend")
    assert_matches(run(NAME, s, source="hl2")["wma"], talib.WMA((s.high + s.low) / 2, 9))


def test_inputs():
    check_positions(NAME, ["length", "source", "offset"], {"offset": ("offset", "Offset")})


def test_offset_shifts_the_line():
    t = parse_template({"request": {"studies": [{"name": "WMA", "input": {"offset": 5}}]}}, template_id="t")
    prep = prepare_chart(t, series("trend"))
    ps = prep.studies[0]
    assert prep.future_bars == 5
    np.testing.assert_array_equal(ps.values("wma")[5:], ps.series["wma"])


def test_robust():
    check_robust(NAME)


def test_renders():
    check_renders(NAME, {"in_2": 3})
