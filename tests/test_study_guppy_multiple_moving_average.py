"""Guppy Multiple Moving Average: Guppy's twelve EMAs, hand-worked."""

from __future__ import annotations

import numpy as np
import pytest

from tests._studies import THEMES, candles, check_render, check_robust, near, run, spec


def test_guppys_lengths() -> None:
    assert [i.default for i in spec("GMMA").inputs] == [3, 5, 8, 10, 12, 15, 30, 35, 40, 45, 50, 60]


def test_hand_worked() -> None:
    c = [2.0, 4.0, 6.0, 10.0]
    out = run("Guppy Multiple Moving Average", candles(c, c, c, c))
    # EMA(3): seed (2+4+6)/3 = 4 at bar 2, alpha 0.5: 4 + 0.5*(10-4) = 7; the long group needs 30 bars
    assert np.isnan(out["short1"][:2]).all()
    np.testing.assert_allclose(out["short1"][2:], [4.0, 7.0])
    assert np.isnan(out["long6"]).all()


def test_robust() -> None:
    check_robust("Guppy Multiple Moving Average")


@pytest.mark.parametrize("theme", THEMES)
def test_renders(theme) -> None:
    png = check_render("Guppy Multiple Moving Average", theme).png
    assert near(png, "#2962FF") > 200 and near(png, "#F23645") > 200  # both groups drawn
