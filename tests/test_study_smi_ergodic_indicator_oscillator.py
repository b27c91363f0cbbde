"""SMI Ergodic Indicator/Oscillator (Chart-IMG's older study): TradingView's two SMI Ergodic
built-ins in one pane, under Chart-IMG's documented inputs (doc.chart-img.com: in_0 shortlen 5,
in_1 longlen 20, in_2 siglen 5)."""

from __future__ import annotations

import numpy as np
import pytest

from chart_export.templates import parse_template
from tests._studies import THEMES, check_render, check_robust, run, series, spec

NAME = "SMI Ergodic Indicator/Oscillator"


def test_it_is_the_two_builtins() -> None:
    s = series("trend")
    ours = run(NAME, s, shortlen=4, longlen=15, siglen=6)
    ind = run("SMI Ergodic Indicator", s, shortlen=4, longlen=15, siglen=6)
    osc = run("SMI Ergodic Oscillator", s, shortlen=4, longlen=15, siglen=6)
    np.testing.assert_array_equal(ours["smi"], ind["smi"])
    np.testing.assert_array_equal(ours["signal"], ind["signal"])
    np.testing.assert_array_equal(ours["osc"], osc["osc"])


def test_chart_img_positions() -> None:
    assert [(i.key, i.default) for i in spec(NAME).inputs] == [("shortlen", 5), ("longlen", 20), ("siglen", 5)]
    doc = {"request": {"studies": [{"name": NAME, "input": {"in_0": 3, "in_1": 30, "in_2": 7}}]}}
    assert parse_template(doc, template_id="t").studies[0].inputs == {"shortlen": 3, "longlen": 30, "siglen": 7}
    names = spec(NAME).plot_names()
    assert (names["indicator"], names["signal"], names["oscillator"]) == ("smi", "signal", "osc")


def test_robust() -> None:
    check_robust(NAME)


@pytest.mark.parametrize("theme", THEMES)
def test_renders(theme) -> None:
    check_render(NAME, theme)
