"""Moving Average Hamming (Chart-IMG's older study): Hamming-window weights, hand-worked."""

from __future__ import annotations

import numpy as np
import pytest

from tests._studies import THEMES, candles, check_render, check_robust, run


def test_hand_worked() -> None:
    # length 3: weights 0.54 - 0.46 cos(0, pi, 2 pi) = 0.08, 1.0, 0.08 (sum 1.16)
    c = [1.0, 4.0, 10.0, 4.0]
    out = run("Moving Average Hamming", candles(c, c, c, c), length=3)["hamming"]
    assert np.isnan(out[:2]).all()
    np.testing.assert_allclose(out[2:], [(0.08 * 1 + 4 + 0.08 * 10) / 1.16, (0.08 * 4 + 10 + 0.08 * 4) / 1.16],
                               rtol=1e-12)
    # length 2: both weights 0.08: the plain mean
    assert run("Hamming MA", candles(c, c, c, c), length=2)["hamming"][1] == pytest.approx(2.5)


def test_robust() -> None:
    check_robust("Moving Average Hamming")


@pytest.mark.parametrize("theme", THEMES)
def test_renders(theme) -> None:
    check_render("Moving Average Hamming", theme)
