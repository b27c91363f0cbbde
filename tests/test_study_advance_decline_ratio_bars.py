"""Advance/Decline Ratio (Bars) (TradingView's built-in, oracle-checked in tests/test_oracle.py)
and Chart-IMG's "Advance/Decline" (the same ratio, length 10: doc.chart-img.com), hand-worked."""

from __future__ import annotations

import numpy as np
import pytest

from chart_export.templates import parse_template
from tests._studies import THEMES, candles, check_render, check_robust, run, spec


def test_hand_worked() -> None:
    o = [1.0, 2.0, 3.0, 3.0, 5.0]
    c = [2.0, 1.0, 3.0, 4.0, 4.0]  # up, down, up (close = open), up, down
    out = run("Advance/Decline Ratio (Bars)", candles(o, c, c, c), length=3)["ad"]
    assert np.isnan(out[:2]).all()
    # bars 0-2: 2 up / 1 down; 1-3: 2 / 1; 2-4: 2 / 1
    np.testing.assert_allclose(out[2:], [2.0, 2.0, 2.0])
    all_up = run("ADR_B", candles(o[:1] * 4, c[:1] * 4, c[:1] * 4, c[:1] * 4), length=2)["ad"]
    np.testing.assert_allclose(all_up[1:], [2.0, 2.0, 2.0])  # no down bar: the up count itself
    one = run("Advance/Decline", candles(o, c, c, c), length=4)["ad"]
    assert one[3] == pytest.approx(3.0) and one[4] == pytest.approx(1.0)  # 3 up / 1 down, then 2 / 2


def test_chart_img_advance_decline() -> None:
    assert [i.default for i in spec("Advance/Decline").inputs] == [10]
    assert [i.default for i in spec("Advance/Decline Ratio (Bars)").inputs] == [9]
    doc = {"request": {"studies": [{"name": "Advance/Decline", "input": {"in_0": 14}}]}}
    assert parse_template(doc, template_id="t").studies[0].inputs == {"length": 14}


@pytest.mark.parametrize("name", ["Advance/Decline Ratio (Bars)", "Advance/Decline"])
def test_robust(name) -> None:
    check_robust(name)


@pytest.mark.parametrize("theme", THEMES)
def test_renders(theme) -> None:
    check_render("Advance/Decline", theme)
