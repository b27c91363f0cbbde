"""McGinley Dynamic: TradingView's input, the EMA seed and the recursion by hand, a constant
stays itself, robust, renders (values: tests/test_oracle.py)."""

import numpy as np
import pytest

from tests._studies import bars, check_positions, check_renders, check_robust, run, series, spec

NAME = "McGinley Dynamic"


def test_inputs():
    check_positions(NAME, ["length"], {"length": ("length",)})
    assert spec(NAME).inputs[0].default == 14


@pytest.mark.parametrize("n", [14, 3, 1])
def test_by_hand(n):
    s = series("gaps_small")
    out = run(NAME, s, length=n)["mg"]
    assert np.isnan(out[: n - 1]).all()
    mg = s.close[:n].mean()
    assert out[n - 1] == pytest.approx(mg, rel=1e-12)
    for i in range(n, 60):
        mg = mg + (s.close[i] - mg) / (n * (s.close[i] / mg) ** 4)
        assert out[i] == pytest.approx(mg, rel=1e-12)


def test_a_constant_is_itself():
    k = [101.25] * 30
    assert run(NAME, bars(k, k, k, k, [1] * 30))["mg"][13:].tolist() == [101.25] * 17


def test_robust():
    check_robust(NAME)


def test_renders():
    check_renders(NAME, {"length": 10})
