"""Moving Average Multiple (Chart-IMG's older study): six averages of the close."""

from __future__ import annotations

import numpy as np
import pytest

from tests._studies import THEMES, candles, check_render, check_robust, run, spec


def test_hand_worked() -> None:
    c = [1.0, 2.0, 3.0, 4.0]
    out = run("Moving Average Multiple", candles(c, c, c, c), length1=1, length2=2, length3=3, length4=4,
              length5=2, length6=2, method="EMA")
    np.testing.assert_allclose(out["ma1"], c)
    np.testing.assert_allclose(out["ma4"][3], 2.5)  # EMA(4) of 4 bars = their SMA seed
    # EMA(2): seed (1+2)/2 = 1.5, alpha 2/3: 1.5 + 2/3*1.5 = 2.5, 2.5 + 2/3*1.5 = 3.5
    np.testing.assert_allclose(out["ma2"][1:], [1.5, 2.5, 3.5])
    sma = run("MA Multiple", candles(c, c, c, c), length1=2)["ma1"]
    np.testing.assert_allclose(sma[1:], [1.5, 2.5, 3.5])


def test_defaults_and_robust() -> None:
    assert [i.default for i in spec("Moving Average Multiple").inputs] == [9, 20, 50, 100, 150, 200, "SMA"]
    check_robust("Moving Average Multiple")


@pytest.mark.parametrize("theme", THEMES)
def test_renders(theme) -> None:
    check_render("Moving Average Multiple", theme)
