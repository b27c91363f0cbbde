"""Commodity Channel Index through the registry: TA-Lib CCI on every test series; the smoothing line; robust inputs; renders at 800x600 light and dark."""

from __future__ import annotations

import pytest
import talib

from chart_export.rendering import ChartRenderer
from chart_export.templates import parse_template
from tests._studies import (KINDS, THEMES, assert_matches, check_render, check_robust, near, render_series, runner,
                             series)

NAME = "Commodity Channel Index"
run = runner(NAME)

# TA-Lib is a second check where its definition is TradingView's: not on the flat series, whose
# windows without deviation (TA-Lib 0, TradingView na) differ; the oracle checks those bars (tests/test_oracle.py).
MOVING = [k for k in KINDS if k != "flat"]


@pytest.mark.parametrize("theme", THEMES)
def test_renders_at_800x600(theme) -> None:
    png = check_render(NAME, theme).png
    assert near(png, "#2962FF") > 60  # the study is drawn, not only its legend swatch


def test_robust() -> None:
    check_robust(NAME, optional=("smoothing", "smoothing_upper", "smoothing_lower"), smoothing="None")  # left out unless an input asks for it
    check_robust(NAME, optional=("smoothing", "smoothing_upper", "smoothing_lower"), smoothing="EMA")


@pytest.mark.parametrize("kind", MOVING)
@pytest.mark.parametrize("length", [20, 2])
def test_equals_talib_cci(kind, length) -> None:
    c = series(kind)
    assert_matches(run(c, length=length)["cci"], talib.CCI(c.high, c.low, c.close, length), label=kind)


def test_smoothing_sma_14_by_default_and_none() -> None:
    c = series("trend")
    assert "smoothing" not in run(c, smoothing="None")  # an optional output is left out
    out = run(c)  # TradingView v6: a CCI-based SMA 14
    assert_matches(out["smoothing"], talib.SMA(talib.CCI(c.high, c.low, c.close, 20), 14))
    t = parse_template({"request": {"studies": [{"name": "CCI", "input": {"in_2": "smma (rma)", "in_3": 7}}]}},
                       template_id="t")
    assert t.studies[0].inputs == {"length": 20, "source": "hlc3", "smoothing": "SMMA (RMA)", "smoothing_length": 7,
                                   "smoothing_mult": 2.0}
    chart = ChartRenderer().render(t, render_series(300), symbol="S", timeframe="1d")
    assert set(chart.meta["studies"][0]["last"]) == {"cci", "smoothing"}


def test_the_scripts_titles_set_their_inputs():
    """The script's CCI length is untitled (TradingView shows its name, "length"); "Length" is the
    smoothing's title, so a template's "Length" sets the smoothing length (it used to set the CCI's)."""
    t = parse_template({"request": {"studies": [{"name": "CCI", "input": {"length": 12, "Length": 20}}]}},
                       template_id="t")
    assert (t.studies[0].inputs["length"], t.studies[0].inputs["smoothing_length"]) == (12, 20)
    assert not t.ignored_keys
