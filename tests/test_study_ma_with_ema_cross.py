"""MA with EMA Cross (Chart-IMG's older study): an SMA and an SMA-seeded EMA of the close."""

from __future__ import annotations

import numpy as np
import pytest

from tests._studies import THEMES, candles, check_render, check_robust, run, spec


def test_hand_worked() -> None:
    c = [1.0, 2.0, 3.0, 7.0]
    out = run("MA with EMA Cross", candles(c, c, c, c), ma_length=2, ema_length=3)
    np.testing.assert_allclose(out["ma"][1:], [1.5, 2.5, 5.0])
    # EMA(3): seeded by SMA(1,2,3) = 2 at bar 2, alpha 0.5: bar 3 = 2 + 0.5*(7-2) = 4.5
    assert np.isnan(out["ema"][:2]).all()
    np.testing.assert_allclose(out["ema"][2:], [2.0, 4.5])


def test_defaults_and_robust() -> None:
    assert [i.default for i in spec("MA with EMA Cross").inputs] == [10, 10]
    check_robust("MA with EMA Cross")


@pytest.mark.parametrize("theme", THEMES)
def test_renders(theme) -> None:
    check_render("MA with EMA Cross", theme)
