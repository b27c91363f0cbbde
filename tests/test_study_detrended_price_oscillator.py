"""Detrended Price Oscillator: TradingView's inputs, barsback = length // 2 + 1, centred and not,
the centred line drawn barsback bars to the left, robust, renders (values: tests/test_oracle.py)."""

import numpy as np
import pytest

from chart_export.rendering import prepare_chart
from chart_export.templates import parse_template
from tests._studies import check_positions, check_renders, check_robust, run, series, spec

NAME = "Detrended Price Oscillator"


def test_inputs():
    check_positions(NAME, ["length", "centered"], {"length": ("Length",), "centered": ("Centered",)})


@pytest.mark.parametrize(("length", "back"), [(21, 11), (10, 6), (1, 1)])
def test_by_hand(length, back):
    s = series("gaps_small")
    sma = np.convolve(s.close, np.ones(length) / length, "full")[: len(s)]
    sma[: length - 1] = np.nan
    plain = run(NAME, s, length=length)["dpo"]
    centred = run(NAME, s, length=length, centered=True)["dpo"]
    i = 150
    assert plain[i] == pytest.approx(s.close[i] - sma[i - back], rel=1e-12)
    assert centred[i] == pytest.approx(s.close[i - back] - sma[i], rel=1e-12)
    assert np.isnan(plain[: length - 1 + back]).all() and not np.isnan(plain[length - 1 + back:]).any()


def test_centred_is_drawn_to_the_left():
    t = parse_template({"request": {"studies": [{"name": "DPO", "input": {"Centered": True}}]}}, template_id="t")
    study = t.studies[0]
    assert spec(NAME).plots[0].offset_for(study.inputs) == -11
    assert spec(NAME).plots[0].offset_for({**study.inputs, "centered": False}) == 0
    prep = prepare_chart(t, series("trend"))
    assert prep.future_bars == 0


def test_robust():
    check_robust(NAME)
    check_robust(NAME, centered=True)


def test_renders():
    check_renders(NAME, {"Centered": True})
