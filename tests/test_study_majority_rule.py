"""Majority Rule (Chart-IMG's older study): percent of up-closes over the rolling period."""

from __future__ import annotations

import numpy as np
import pytest

from tests._studies import THEMES, candles, check_render, check_robust, run, spec


def test_hand_worked() -> None:
    c = [10.0, 11.0, 10.5, 12.0, 12.0, 13.0]  # up? -, yes, no, yes, no (equal), yes
    out = run("Majority Rule", candles(c, c, c, c), length=4)["majority"]
    assert np.isnan(out[:4]).all()  # bar 0 has no previous close: 4 counted bars first at bar 4
    np.testing.assert_allclose(out[4:], [50.0, 50.0])  # (1+0+1+0)/4, (0+1+0+1)/4
    assert run("Majority Rule", candles(c, c, c, c), length=2)["majority"][3] == 50.0


def test_defaults_and_robust() -> None:
    assert spec("Majority Rule").inputs[0].default == 14
    check_robust("Majority Rule")


@pytest.mark.parametrize("theme", THEMES)
def test_renders(theme) -> None:
    check_render("Majority Rule", theme)
