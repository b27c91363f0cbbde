"""Typical / Median / Average Price (Chart-IMG's older names): one price per bar, hand-worked."""

from __future__ import annotations

import numpy as np
import pytest

from tests._studies import THEMES, candles, check_render, check_robust, run, spec

O, H, L, C = [10.0, 11.0], [12.0, 15.0], [8.0, 9.0], [11.0, 12.0]


@pytest.mark.parametrize("name,key,expected", [
    ("Typical Price", "typical_price", [(12 + 8 + 11) / 3, (15 + 9 + 12) / 3]),   # 10.333, 12
    ("Median Price", "median_price", [10.0, 12.0]),                                 # (12+8)/2, (15+9)/2
    ("Average Price", "average_price", [10.25, 11.75]),                             # 41/4, 47/4
])
def test_hand_worked(name, key, expected) -> None:
    np.testing.assert_allclose(run(name, candles(O, H, L, C))[key], expected, rtol=1e-12)


@pytest.mark.parametrize("name", ["Typical Price", "Median Price", "Average Price"])
def test_robust_and_documented(name) -> None:
    check_robust(name)
    assert "Chart-IMG" in spec(name).source and spec(name).pane is None


@pytest.mark.parametrize("theme", THEMES)
def test_renders(theme) -> None:
    assert check_render("TP", theme).meta["studies"][0]["last"]["typical_price"] is not None
