"""Issue 11 item 3: no invented numbers. Without volume the volume profile and its POC are
``n/a`` in the legend and ``null`` in the meta, the volume pane says there is no volume data
(and writes no value ticks), OBV is flat and says so; a value that cannot be computed (a
NaN last value of any study) is ``n/a`` in its legend and ``null`` in the meta."""

from __future__ import annotations

import math
import re

import numpy as np
import pytest

from chart_export.studies import _profile
from chart_export import studies
from chart_export.rendering import ChartRenderer
from chart_export.templates import load_builtin, parse_template
from tests._market import from_closes as candles
from tests._probe import probe
from tests.test_rendering import series

ALL_VOLUME_STUDIES = parse_template({"request": {"studies": [
    {"name": "Volume Profile Visible Range"}, {"name": "Volume", "input": {"showMA": True}}, {"name": "OBV"},
]}}, template_id="volume_studies")
NUMBER = re.compile(r"\d")


@pytest.fixture(scope="module")
def renderer() -> ChartRenderer:
    return ChartRenderer(record_text=True)


def walk(n: int, seed: int = 5) -> np.ndarray:
    rng = np.random.default_rng(seed)
    return 620.0 * np.exp(np.cumsum(rng.normal(0, 0.01, n)))


def test_zero_volume_everywhere(renderer: ChartRenderer) -> None:
    drawn = probe(ALL_VOLUME_STUDIES, candles(walk(300), np.zeros(300)), renderer=renderer)
    price_ax, (volume_ax, obv_ax) = drawn.state.price, drawn.state.panes

    vp = drawn.study("vpvr")  # the profile and its POC: null in the meta, n/a in the legend, not drawn
    assert vp["last"] == {"poc": None, "value_area_low": None, "value_area_high": None}
    assert vp["note"] == "no volume data"
    price_legend = drawn.legend(price_ax)
    # (legend label and value are separate tokens: issue 11 item 8)
    assert price_legend[:4] == ["VPVR (24 rows, VA 70%)", "n/a", "POC", "n/a"]
    assert "no volume data" in price_legend
    assert not [v for lab, v in zip(price_legend, price_legend[1:]) if lab.startswith(("VPVR", "POC")) and NUMBER.search(v)]
    from matplotlib.collections import PolyCollection

    assert not [a for a in drawn.state.added if isinstance(a, PolyCollection) and a.axes is price_ax]

    vol = drawn.study("volume")  # the volume pane says there is no volume data, with no value ticks
    assert vol["last"] == {"volume": None, "ma": None} and vol["note"] == "no volume data"
    assert drawn.legend(volume_ax)[:4] == ["Volume", "n/a", "MA (20)", "n/a"] and "no volume data" in drawn.legend(volume_ax)
    assert drawn.axis_labels(volume_ax) == []

    obv = drawn.study("obv")  # OBV: flat (0, TA-Lib's value) and labelled as such, no invented ticks
    assert obv["last"] == {"obv": 0.0} and obv["note"] == "flat: no volume data"
    assert "flat: no volume data" in drawn.legend(obv_ax)
    assert drawn.axis_labels(obv_ax) == []
    json_ok = __import__("json").dumps(drawn.meta)
    assert "NaN" not in json_ok


def test_zero_volume_profile_indicator() -> None:
    vp = _profile.volume_profile([2.0, 3.0], [1.0, 1.0], [1.5, 2.0], [0.0, 0.0], 4, 70)
    assert not vp.has_volume and vp.bars == 2
    assert math.isnan(vp.poc_price) and all(math.isnan(p) for p in vp.value_area_prices)
    vp = _profile.volume_profile([2.0, 3.0], [1.0, 1.0], [1.5, 2.0], [0.0, 1.0], 4, 70)
    assert vp.has_volume and math.isfinite(vp.poc_price)


def test_partial_zero_volume_is_real_volume(renderer: ChartRenderer) -> None:
    volume = np.where(np.arange(300) % 2 == 0, 0.0, 1_000.0)
    volume[-1] = 0.0  # the last bar did not trade: its volume is 0, a fact
    drawn = probe(ALL_VOLUME_STUDIES, candles(walk(300), volume), renderer=renderer)
    assert all("note" not in s for s in drawn.meta["studies"])
    vp = drawn.study("vpvr")["last"]
    assert all(v is not None for v in vp.values()) and vp["value_area_low"] <= vp["poc"] <= vp["value_area_high"]
    assert drawn.study("volume")["last"]["volume"] == 0.0
    assert drawn.axis_labels(drawn.state.panes[0])  # a real scale
    assert "no volume data" not in drawn.strings()


def test_history_with_volume_but_none_visible(renderer: ChartRenderer) -> None:
    volume = np.zeros(400)
    volume[:100] = 500.0  # traded long ago, not in the visible 144 bars
    drawn = probe(ALL_VOLUME_STUDIES, candles(walk(400), volume), renderer=renderer)
    assert drawn.study("volume")["last"]["volume"] == 0.0  # the feed has volume: this bar's is 0
    assert drawn.study("volume")["note"] == "no volume data"
    assert drawn.study("vpvr")["last"]["poc"] is None
    assert drawn.axis_labels(drawn.state.panes[0]) == [] and drawn.axis_labels(drawn.state.panes[1]) == []


def test_a_4x_volume_spike(renderer: ChartRenderer) -> None:
    close = walk(300)
    volume = np.full(300, 1_000.0)
    volume[-1] = 4_000.0
    drawn = probe(ALL_VOLUME_STUDIES, candles(close, volume), renderer=renderer)
    assert drawn.study("volume")["last"]["volume"] == 4_000.0
    assert drawn.state.panes[0].get_ylim()[1] >= 4_000.0  # the spike fits in the pane
    assert drawn.axis_labels(drawn.state.panes[0])
    vp = drawn.study("vpvr")
    assert "note" not in vp and vp["last"]["poc"] is not None


@pytest.mark.parametrize("spec", list(studies.studies().values()), ids=lambda s: s.kind)
@pytest.mark.parametrize("n", [1, 3])
def test_a_value_that_cannot_be_computed_is_na_and_null(renderer: ChartRenderer, spec, n: int) -> None:
    """Warm-up: with 1 or 3 candles most last values are NaN. None is written as a number."""
    template = parse_template({"request": {"studies": [{"name": spec.name}]}}, template_id="t")
    drawn = probe(template, series(n), renderer=renderer)
    assert not [s for s in drawn.strings() if re.search(r"nan|inf", s, re.IGNORECASE)]
    last = drawn.meta["studies"][0].get("last") or {}
    assert all(v is None or math.isfinite(v) for v in last.values())
    if last and all(v is None for v in last.values()):
        ax = drawn.state.panes[0] if spec.own_pane else drawn.state.price
        assert any("n/a" in s for s in drawn.legend(ax)), drawn.legend(ax)


def test_macd_without_enough_history_is_na(renderer: ChartRenderer) -> None:
    drawn = probe(load_builtin("ctpl_price_ma1226_bb_macd1226_v1"), series(20), renderer=renderer)
    assert drawn.study("macd")["last"] == {"macd": None, "signal": None, "hist": None}
    legend = drawn.legend(drawn.state.panes[0])
    assert legend == ["MACD (12, 26, 9)", "n/a", "Signal", "n/a", "Hist", "n/a"]


VOLUME_BASED = ("Accumulation/Distribution", "Chaikin Money Flow", "Chaikin Oscillator", "Ease of Movement",
                "Elder's Force Index", "Money Flow Index", "Price Volume Trend", "VWAP")


@pytest.mark.parametrize("name", VOLUME_BASED)
def test_every_study_built_on_volume_says_when_there_is_none(renderer: ChartRenderer, name: str) -> None:
    template = parse_template({"request": {"studies": [{"name": name}]}}, template_id="one")
    drawn = probe(template, candles(walk(300), np.zeros(300)), renderer=renderer)
    (study,) = drawn.meta["studies"]
    assert study["note"] == "no volume data", study
    with_volume = probe(template, candles(walk(300), np.full(300, 1000.0)), renderer=renderer)
    assert "note" not in with_volume.meta["studies"][0]
