"""Historical Volatility through the registry: TA-Lib STDDEV composition for hourly, daily, weekly bars; robust inputs; renders at 800x600 light and dark."""

from __future__ import annotations

import numpy as np
import pytest
import talib

from tests._studies import KINDS, THEMES, check_render, check_robust, near, runner, series

NAME = "Historical Volatility"
run = runner(NAME)


@pytest.mark.parametrize("theme", THEMES)
def test_renders_at_800x600(theme) -> None:
    png = check_render(NAME, theme).png
    assert near(png, "#2962FF") > 60  # the study is drawn, not only its legend swatch


def test_robust() -> None:
    check_robust(NAME)


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("step,per", [(3600, 1), (86400, 1), (7 * 86400, 7)])
def test_talib_composition(kind, step, per) -> None:
    c = series(kind, step)
    r = np.r_[np.nan, np.log(c.close[1:] / c.close[:-1])]
    ref = 100 * talib.STDDEV(r, 10, 1) * np.sqrt(365 / per)
    out = run(c)["hv"]
    # TA-Lib STDDEV is sqrt(E[x^2] - E[x]^2): noise where returns are flat; compare where real
    real = ref > 1e-6
    np.testing.assert_allclose(out[real], ref[real], rtol=1e-6)
    assert np.isnan(out[:10]).all() and np.isfinite(out[10:]).all()
