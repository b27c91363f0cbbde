"""Issue 11 item 6 (drawing): the volume profile leaves the newest candles readable. It is
drawn in a gutter kept free right of the newest bar, behind the candles; a chart without a
profile (or a profile with no volume) keeps the whole width for the bars."""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image

from chart_export.candles import parse_candles
from chart_export.rendering import ChartRenderer
from chart_export.studies import volume_profile
from chart_export.templates import builtin_template, load_builtin, parse_template
from devtools.sample_data import market_file
from tests._market import from_closes as candles
from tests._probe import Probe, probe
from tests.test_rendering import series

NEWEST = 35  # the candles a report cares about most


@pytest.fixture(scope="module")
def renderer() -> ChartRenderer:
    return ChartRenderer(record_text=True)


def profile_bars(drawn: Probe):
    from matplotlib.collections import PolyCollection

    return [a for a in drawn.state.added if isinstance(a, PolyCollection) and a.axes is drawn.state.price]


def candle_bodies(drawn: Probe):
    from matplotlib.patches import PathPatch

    return [a for a in drawn.state.added if isinstance(a, PathPatch) and a.axes is drawn.state.price
            and a.get_zorder() == 2.1]


def px_x(drawn: Probe, x: np.ndarray) -> np.ndarray:
    ax = drawn.state.price
    return ax.transData.transform(np.stack([x, np.full(len(x), ax.get_ylim()[0])], 1))[:, 0]


@pytest.mark.parametrize("market", ["fx_1m", "default"])
def test_profile_sits_right_of_the_newest_candle_and_behind(renderer: ChartRenderer, market) -> None:
    data = parse_candles(market_file("fx_1m")) if market == "fx_1m" else series(600)
    drawn = probe(load_builtin("ctpl_price_vpvr_obv_v1"), data, renderer=renderer)
    k = drawn.meta["visible_bars"]
    (bars,) = profile_bars(drawn)
    verts = np.concatenate([p.vertices for p in bars.get_paths()])
    xs = bars.get_transform().transform(verts)[:, 0]  # figure pixels
    newest_body_right = px_x(drawn, np.array([k - 1 + 0.36]))[0]
    plot_x0, _, plot_x1, _ = drawn.pane_px(drawn.state.price)
    assert xs.min() > newest_body_right + 3  # a gap, then the profile: no candle body under it
    assert xs.max() == pytest.approx(plot_x1, abs=1)  # it fills the gutter to the right edge
    assert xs.max() - xs.min() >= 0.15 * (plot_x1 - plot_x0)  # and stays wide enough to read
    # drawn behind the candles (bodies z 2.1, wicks z 2), translucent
    assert bars.get_zorder() < min(b.get_zorder() for b in candle_bodies(drawn))
    assert max(face[3] for face in bars.get_facecolors()) <= 0.5


def test_newest_candles_columns_hold_no_profile_colour(renderer: ChartRenderer) -> None:
    drawn = probe(load_builtin("ctpl_price_vpvr_obv_v1"), parse_candles(market_file("fx_1m")), renderer=renderer)
    k = drawn.meta["visible_bars"]
    rgb = np.asarray(Image.open(io.BytesIO(drawn.chart.png)).convert("RGB")).astype(int)
    _, y0, _, y1 = drawn.pane_px(drawn.state.price)
    h = drawn.chart.height
    rows = slice(int(h - y1) + 40, int(h - y0) - 2)  # the price pane below its legend
    cols = px_x(drawn, np.array([k - NEWEST - 0.5, k - 0.5]))
    region = rgb[rows, int(cols[0]) : int(np.ceil(cols[1])) + 1]
    bg = np.array([255, 255, 255])
    for hex_colour in ("#2f7fc1", "#e6a400"):  # vp_up, vp_down (light theme) at the profile's alphas
        colour = np.array([int(hex_colour[i : i + 2], 16) for i in (1, 3, 5)])
        for alpha in (0.5, 0.2):
            blended = np.round(colour * alpha + bg * (1 - alpha))
            assert not (np.abs(region - blended).max(axis=2) <= 2).any(), (hex_colour, alpha)
    # while the gutter does hold the profile
    gutter = rgb[rows, int(np.ceil(cols[1])) + 12 : int(drawn.pane_px(drawn.state.price)[2]) - 2]
    blended = np.round(np.array([0x2F, 0x7F, 0xC1]) * 0.5 + bg * 0.5)
    assert (np.abs(gutter - blended).max(axis=2) <= 2).sum() > 200


def test_no_gutter_without_a_profile_or_without_volume(renderer: ChartRenderer) -> None:
    def newest_right_gap(doc, data) -> float:
        drawn = probe(parse_template(doc, template_id="t"), data, renderer=renderer)
        k = drawn.meta["visible_bars"]
        return drawn.pane_px(drawn.state.price)[2] - px_x(drawn, np.array([k - 1 + 0.36]))[0]

    data = series(600)
    plain = newest_right_gap(builtin_template("ctpl_price_ma1226_vol_v1"), data)
    with_profile = newest_right_gap(builtin_template("ctpl_price_vpvr_obv_v1"), data)
    rng = np.random.default_rng(2)
    no_volume = candles(100 * np.exp(np.cumsum(rng.normal(0, 0.01, 600))), np.zeros(600))
    without_volume = newest_right_gap(builtin_template("ctpl_price_vpvr_obv_v1"), no_volume)
    assert plain < 30 and without_volume < 30  # a few empty bars only
    assert with_profile > volume_profile.GUTTER * 700


def test_spec_gutter_is_bounded() -> None:
    from chart_export.studies.spec import StudySpec

    spec = volume_profile.STUDY
    assert spec.gutter_for(type("P", (), {"has_volume": True})()) == volume_profile.GUTTER
    assert spec.gutter_for(type("P", (), {"has_volume": False})()) == 0.0
    with pytest.raises(ValueError):
        StudySpec(name="x", kind="x", inputs=(), plots=(), compute=lambda c, p: {}, legend=lambda p, l, f: [],
                  right_gutter=0.7)
