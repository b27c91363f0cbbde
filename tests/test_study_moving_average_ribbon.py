"""Moving Average Ribbon: TradingView's inputs by position (five per MA, the colour ones left to
overrides), defaults SMA 20/50/100/200, the switches, each MA type, robust, renders (values:
tests/test_oracle.py)."""

import numpy as np
import pytest

from chart_export.studies import moving_average_ribbon as m
from chart_export.studies._pine import ema, sma
from chart_export.templates import parse_template
from tests._studies import check_renders, check_robust, run, series, spec

NAME = "Moving Average Ribbon"


def test_inputs_by_position():
    inputs = spec(NAME).inputs
    assert len(inputs) == 20
    for k in range(4):
        n, b = k + 1, 5 * k
        show, kind, src, length, col = inputs[5 * k : 5 * k + 5]
        assert f"in_{b}" in show.aliases and f"MA #{n}" in show.aliases and show.default is True
        assert f"in_{b + 1}" in kind.aliases and kind.default == "SMA"
        assert f"in_{b + 2}" in src.aliases and src.default == "close"
        assert f"in_{b + 3}" in length.aliases and length.default == (20, 50, 100, 200)[k]
        assert col.aliases == (f"in_{b + 4}", f"ma{n}_color") and col.default == m.COLORS[k]


def test_defaults_and_types():
    s = series("trend")
    out = run(NAME, s)
    for n, length in zip(range(1, 5), (20, 50, 100, 200)):
        np.testing.assert_array_equal(out[f"ma{n}"], sma(s.close, length))
    out = run(NAME, s, ma1_type="EMA", ma1_length=7)
    np.testing.assert_array_equal(out["ma1"], ema(s.close, 7))


def test_switch_leaves_the_line_out():
    t = parse_template({"request": {"studies": [{"name": "MA Ribbon", "input": {"MA #2": False, "in_13": 30}}]}},
                       template_id="t")
    p = t.studies[0].inputs
    assert p["show_ma2"] is False and p["ma3_length"] == 30
    out = run(NAME, series("trend"), show_ma2=False)
    assert "ma2" not in out and {"ma1", "ma3", "ma4"} <= set(out)


def test_robust():
    check_robust(NAME)


@pytest.mark.parametrize("inputs", [None, {"in_1": "EMA", "in_16": "VWMA"}])
def test_renders(inputs):
    check_renders(NAME, inputs)
