"""Moving Average Channel (Chart-IMG's older study): SMAs of the highs and of the lows."""

from __future__ import annotations

import numpy as np
import pytest

from tests._studies import THEMES, candles, check_render, check_robust, run


def test_hand_worked() -> None:
    h, low = [5.0, 7.0, 9.0], [1.0, 2.0, 6.0]
    out = run("Moving Average Channel", candles(low, h, low, low), upper_length=2, lower_length=3)
    np.testing.assert_allclose(out["upper"][1:], [6.0, 8.0])
    assert np.isnan(out["lower"][:2]).all() and out["lower"][2] == pytest.approx(3.0)


def test_shifts_are_drawn_offsets() -> None:
    chart = check_render("Moving Average Channel", "light", {"upperOffset": 5})
    assert chart.meta["studies"][0]["kind"] == "ma_channel"
    check_robust("Moving Average Channel")


@pytest.mark.parametrize("theme", THEMES)
def test_renders(theme) -> None:
    check_render("Moving Average Channel", theme)
