"""Accumulative Swing Index (Wilder), hand-worked."""

from __future__ import annotations

import numpy as np
import pytest

from tests._studies import THEMES, candles, check_render, check_robust, run


def test_hand_worked() -> None:
    o, h, l, c = [10.0, 10.5, 12.0], [11.0, 13.0, 12.5], [9.0, 10.0, 10.0], [10.0, 12.0, 11.0]
    out = run("Accumulative Swing Index", candles(o, h, l, c), limit=10.0)["asi"]
    # bar 1: Cy 10, Oy 10: |H-Cy| 3, |L-Cy| 0, H-L 3 -> first rule: R = 3 - 0 + 0 = 3, K = 3
    #   SI = 50 * (2 + 0.75 + 0) / 3 * 3 / 10 = 13.75
    # bar 2: Cy 12, Oy 10.5: |H-Cy| 0.5, |L-Cy| 2, H-L 2.5 -> third rule: R = 2.5 + 0.375 = 2.875, K = 2
    #   SI = 50 * (-1 - 0.5 + 0.375) / 2.875 * 2 / 10 = -9.7826...
    si2 = 50 * (-1.125) / 2.875 * 2 / 10
    assert np.isnan(out[0])
    np.testing.assert_allclose(out[1:], [13.75, 13.75 + si2], rtol=1e-12)


def test_robust() -> None:
    check_robust("ASI")


@pytest.mark.parametrize("theme", THEMES)
def test_renders(theme) -> None:
    check_render("Accumulative Swing Index", theme)
