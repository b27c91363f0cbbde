"""Visible Average Price: the mean of the source over the visible bars, hand-worked."""

from __future__ import annotations

import numpy as np
import pytest

from chart_export.rendering import prepare_chart
from chart_export.templates import parse_template
from tests._studies import THEMES, candles, check_render, near, spec


def test_hand_worked() -> None:
    c = candles([1.0, 2.0, 3.0], [4.0, 5.0, 9.0], [0.0, 1.0, 0.0], [2.0, 4.0, 9.0])
    compute = spec("Visible Average Price").compute
    assert compute(c, {"source": "close"})["avg"] == pytest.approx(5.0)  # (2 + 4 + 9) / 3
    assert compute(c, {"source": "hl2"})["avg"] == pytest.approx((2 + 3 + 4.5) / 3)


def test_only_the_visible_bars_count() -> None:
    n = 300
    close = np.r_[np.full(n - 100, 1000.0), np.linspace(100.0, 110.0, 100)]
    c = candles(close, close + 1, close - 1, close)
    t = parse_template({"request": {"studies": [{"name": "Visible Average Price"}]}}, template_id="t")
    assert prepare_chart(t, c, visible=100).studies[0].last()["avg"] == pytest.approx(105.0)
    assert prepare_chart(t, c, visible=200).studies[0].last()["avg"] == pytest.approx((100 * 1000 + 10500) / 200)


@pytest.mark.parametrize("theme", THEMES)
def test_renders(theme) -> None:
    png = check_render("Visible Average Price", theme).png
    assert near(png, "#787B86", tol=10) > 100  # the line (and its axis tag) is drawn
