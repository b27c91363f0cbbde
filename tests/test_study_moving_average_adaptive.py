"""Moving Average Adaptive (Kaufman's KAMA), hand-worked."""

from __future__ import annotations

import numpy as np
import pytest

from tests._studies import THEMES, candles, check_render, check_robust, run, spec


def test_hand_worked() -> None:
    c = [10.0, 11.0, 10.0, 12.0, 12.0]
    out = run("Moving Average Adaptive", candles(c, c, c, c), length=2, fast=2, slow=5)["kama"]
    # seed: bar 1 = 11. bar 2: ER = |10-10| / (1+1) = 0, sc = (0 + 1/3)^2 = 1/9: 11 + (10-11)/9
    # bar 3: ER = |12-11| / (1+2) = 1/3, sc = (1/3*(2/3-1/3) + 1/3)^2 = (4/9)^2 = 16/81
    # bar 4: ER = |12-10| / (2+0) = 1, sc = (2/3)^2 = 4/9
    b2 = 11 - 1 / 9
    b3 = b2 + 16 / 81 * (12 - b2)
    b4 = b3 + 4 / 9 * (12 - b3)
    assert np.isnan(out[0])
    np.testing.assert_allclose(out[1:], [11.0, b2, b3, b4], rtol=1e-12)


def test_defaults_and_robust() -> None:
    assert [i.default for i in spec("KAMA").inputs] == [10, 2, 30]
    check_robust("Moving Average Adaptive")


@pytest.mark.parametrize("theme", THEMES)
def test_renders(theme) -> None:
    check_render("Moving Average Adaptive", theme)
