"""Issue 11 item 9a: the MACD histogram in TradingView's four colours — above zero rising
(#26a69a) or falling (#b2dfdb), below zero rising towards zero (#ffcdd2) or falling
(#ff5252) — bar by bar, on a constructed series that goes through all four states."""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image

from chart_export.studies import _pine
from chart_export.rendering import ChartRenderer
from chart_export.studies import macd
from chart_export.templates import load_builtin
from tests._market import from_closes as candles
from tests._probe import Probe, probe

ABOVE_RISING, ABOVE_FALLING, BELOW_RISING, BELOW_FALLING = "#26a69a", "#b2dfdb", "#ffcdd2", "#ff5252"


def wave(n: int = 400) -> np.ndarray:
    i = np.arange(n)
    return 100.0 + 6.0 * np.sin(2 * np.pi * i / 48) + 0.01 * i


def bar_colours(drawn: Probe) -> dict[int, str]:
    """Bar index -> face colour of the MACD pane's histogram bars, read from the artists."""
    from matplotlib.colors import to_hex
    from matplotlib.patches import PathPatch

    pane = drawn.state.panes[0]
    out: dict[int, str] = {}
    for patch in drawn.state.added:
        if isinstance(patch, PathPatch) and patch.axes is pane and patch.get_zorder() == 2.0:
            colour = to_hex(patch.get_facecolor())
            for poly in patch.get_path().to_polygons():
                centre = (poly[:, 0].min() + poly[:, 0].max()) / 2
                assert int(round(centre)) not in out
                out[int(round(centre))] = colour
    return out


def expected(hist: np.ndarray) -> dict[int, str]:
    """TradingView: ``hist >= 0 ? (hist[1] < hist ? grow_above : fall_above) : (hist[1] < hist ? grow_below : fall_below)``."""
    out = {}
    for i in range(1, len(hist)):
        v, prev = hist[i], hist[i - 1]
        out[i] = (ABOVE_RISING if prev < v else ABOVE_FALLING) if v >= 0 else (BELOW_RISING if prev < v else BELOW_FALLING)
    return out


def test_spec_declares_the_four_colours() -> None:
    (hist,) = [p for p in macd.STUDY.plots if p.key == "hist"]
    assert hist.rule == "sign_trend" and hist.colors == (ABOVE_RISING, ABOVE_FALLING, BELOW_RISING, BELOW_FALLING)
    assert hist.alpha is None  # opaque: the light shades stay visible


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_each_bar_has_the_colour_of_its_state(theme: str) -> None:
    from chart_export.templates import builtin_template, parse_template

    doc = builtin_template("ctpl_price_ma1226_bb_macd1226_v1")
    doc["request"]["theme"] = theme
    data = candles(wave(), np.full(400, 1_000.0))
    drawn = probe(parse_template(doc, template_id="m"), data, renderer=ChartRenderer(record_text=True))
    k = drawn.meta["visible_bars"]
    line = _pine.ema(data.close, 12) - _pine.ema(data.close, 26)
    hist = (line - _pine.ema(line, 9))[-k:]
    got, want = bar_colours(drawn), expected(hist)
    assert len(got) == k and len(want) > k - 5
    assert {i: got[i] for i in want} == want
    assert set(want.values()) == {ABOVE_RISING, ABOVE_FALLING, BELOW_RISING, BELOW_FALLING}
    rgb = np.asarray(Image.open(io.BytesIO(drawn.chart.png)).convert("RGB"))
    for colour in (ABOVE_RISING, ABOVE_FALLING, BELOW_RISING, BELOW_FALLING):  # and they reach the PNG
        target = np.array([int(colour[i : i + 2], 16) for i in (1, 3, 5)])
        assert (rgb == target).all(axis=2).sum() > 30, colour


def test_the_hist_legend_swatch_is_the_last_bars_colour() -> None:
    data = candles(wave(), np.full(400, 1_000.0))
    drawn = probe(load_builtin("ctpl_price_ma1226_bb_macd1226_v1"), data, renderer=ChartRenderer(record_text=True))
    from matplotlib.collections import PolyCollection
    from matplotlib.colors import to_hex

    swatches = [a for a in drawn.state.added if isinstance(a, PolyCollection) and a.axes is None]
    faces = [to_hex(c) for c in swatches[0].get_facecolors()]
    last = bar_colours(drawn)[drawn.meta["visible_bars"] - 1]
    assert faces[-1] == last  # the MACD pane's legend is the last one: MACD, Signal, Hist


def test_a_bar_equal_to_the_one_before_is_falling_as_on_tradingview() -> None:
    from chart_export._render.plots import _bar_groups

    (hist,) = [p for p in macd.STUDY.plots if p.key == "hist"]
    values = np.array([1.0, 2.0, 2.0, -1.0, -1.0, -0.5])
    groups = _bar_groups(hist, values, None, {})
    colour_of = {}
    for mask, col in groups:
        for i in np.flatnonzero(mask):
            colour_of[int(i)] = col
    named = [colour_of[i] for i in range(len(values))]
    rising_above, falling_above, rising_below, falling_below = (c.lower() for c in hist.colors)
    assert [c.lower() for c in named[1:]] == [rising_above, falling_above, falling_below, falling_below, rising_below]
