"""Every input of every study's TradingView script is taken (a study input at its ``in_N``, by its
title: tests/test_study_tv_inputs.py checks the positions, titles and defaults), or listed in
``LEFT`` with the reason it cannot be honoured from one symbol's candles; a template setting a left
input gets it named as an ignored key with that reason (``StudySpec.ignored``), never "unknown
input". And each colour input taken changes what is drawn: the rendered chart has pixels of the
colour a template sets, which the default chart has not."""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image

from chart_export import studies
from chart_export.candles import Candles
from chart_export.rendering import ChartRenderer
from chart_export.templates import parse_template
from tests._studies import render_series, series
from tests.test_study_tv_inputs import pine, pine_input, pine_studies, script_of, title

# (kind, Pine input index) -> why the study does not take it (a part of the reason the template gets)
LEFT: dict[tuple[str, int], str] = {
    ("performance", 1): "only the chart symbol's row is drawn",  # Symbol list
    ("performance", 8): "fitted to its pane", ("performance", 9): "fitted to its pane",  # table width / height (%)
    ("seasonality", 5): "fitted to its pane", ("seasonality", 6): "fitted to its pane",
    ("technical_ratings", 13): "the chart's font",  # Size
    ("volume_24h", 1): "currency rate",  # Target Currency
    ("mtpc", 4): "TradingView's own higher-timeframe feed",  # Use daily-based values
}


def missing(kind: str) -> list[dict]:
    """The Pine inputs of ``kind``'s script that no input of the study stands for."""
    spec = studies.by_kind(kind)
    got = {r["index"] for i in spec.inputs if (r := pine_input(spec, i)) is not None}
    return [r for r in pine()[script_of()[kind]]["inputs"] if r["index"] not in got]


@pytest.mark.parametrize("kind", pine_studies())
def test_every_pine_input_is_taken_or_left_with_a_reason(kind: str) -> None:
    left = sorted(r["index"] for r in missing(kind))
    listed = sorted(n for k, n in LEFT if k == kind)
    assert left == listed, f"{kind}: Pine inputs not taken {left}, LEFT lists {listed}"


@pytest.mark.parametrize("kind, index", sorted(LEFT))
def test_a_left_input_is_named_ignored_with_its_reason(kind: str, index: int) -> None:
    spec = studies.by_kind(kind)
    row = pine()[script_of()[kind]]["inputs"][index]
    keys = [f"in_{index}"] + ([title(row["label"])] if title(row["label"]) else [])
    for key in keys:
        t = parse_template({"request": {"studies": [{"name": spec.name, "input": {key: row["default"]}}]}},
                           template_id="t")
        assert t.ignored_keys == [f"request.studies[0].input.{key}"], key
        message = t.ignored[0].message
        assert LEFT[kind, index] in message and "unknown input" not in message, message


def test_the_counts() -> None:
    """76 Pine inputs had no counterpart (23 of them Pivot Points Standard's, taken in h-bbars); what is
    left is LEFT: 8."""
    left = sum(len(missing(k)) for k in pine_studies())
    assert left == len(LEFT) == 8


def _png(name: str, inputs: dict | None, candles=None, timeframe: str = "1d") -> bytes:
    study = {"name": name, **({"input": inputs} if inputs else {})}
    t = parse_template({"request": {"width": 800, "height": 600, "studies": [study]}}, template_id="t")
    return ChartRenderer().render(t, render_series(400) if candles is None else candles, symbol="S",
                                  timeframe=timeframe).png


def magenta(png: bytes) -> int:
    """Pixels of a magenta hue, whatever their opacity over the background (no default colour of
    these studies is one): red and blue alike, both well above green."""
    img = np.asarray(Image.open(io.BytesIO(png)).convert("RGB")).astype(int)
    r, g, b = img[..., 0], img[..., 1], img[..., 2]
    return int(((r - g > 24) & (b - g > 24) & (np.abs(r - b) < 24)).sum())


# (study, one colour input (magenta) by title, variable name or in_N, candles): one input a case, so
# an input that reaches nothing cannot hide behind another that does; "down": falling prices (the
# negative / sell colours), "gaps": price gaps, hourly
COLOURS = [
    ("Zig Zag", {"Line color": "#ff00ff"}, None),
    ("Moon Phases", {"in_0": "#ff00ff"}, None),
    ("Moon Phases", {"Waning Moon": "#ff00ff"}, None),
    ("Pivot Points High Low", {"labelColorH": "#ff00ff"}, None),
    ("Pivot Points High Low", {"in_7": "#ff00ff"}, None),
    ("Pivot Points High Low", {"in_2": "#ff00ff"}, None),
    ("Pivot Points High Low", {"textColorL": "#ff00ff"}, None),
    ("Gaps", {"Up Gaps": "#ff00ff"}, "gaps"),
    ("Gaps", {"in_6": "#ff00ff"}, "gaps"),
    ("Gaps", {"in_7": "#ff00ff"}, "gaps"),
    ("Gaps", {"colorDownBackgroundInput": "#ff00ff"}, "gaps"),
    ("Linear Regression Channel", {"in_9": "#ff00ff"}, None),  # the fill and the upper / lower lines
    ("Linear Regression Channel", {"colorLower": "#ff00ff80"}, None),  # the fill and the base line
    ("Moving Average Ribbon", {"in_4": "#ff00ff"}, None),
    ("Moving Average Ribbon", {"ma2_color": "#ff00ff"}, None),
    ("Moving Average Ribbon", {"in_14": "#ff00ff"}, None),
    ("Moving Average Ribbon", {"in_19": "#ff00ff"}, None),
    ("Multi-Time Period Charts", {"Up bars": "#ff00ff"}, None),
    ("Multi-Time Period Charts", {"Down bars": "#ff00ff"}, None),
    ("Multi-Time Period Charts", {"in_6": "#ff00ff80"}, None),
    ("Multi-Time Period Charts", {"dnBodyColorInput": "#ff00ff80"}, None),
    ("Trend Strength Index", {"Bullish Color": "#ff00ff"}, None),
    ("Trend Strength Index", {"in_2": "#ff00ff"}, None),
    ("Performance", {"Positive Color": "#ff00ff"}, None),
    ("Performance", {"in_4": "#ff00ff"}, "down"),
    ("Seasonality", {"in_1": "#ff00ff"}, None),
    ("Seasonality", {"Negative Color": "#ff00ff"}, None),
    ("Technical Ratings", {"Headers": "#ff00ff"}, None),
    ("Technical Ratings", {"in_16": "#ff00ff"}, None),  # the cells' text
    *(("Technical Ratings", {k: "#ff00ff"}, None) for k in ("in_17", "in_18", "in_19", "in_21")),
    ("Technical Ratings", {"in_20": "#ff00ff"}, "down"),  # Sell
]


def _candles(kind: str | None):
    if kind == "gaps":
        return series("gaps_large")
    if kind == "down":  # the default candles upside down
        c = render_series(400)
        k = float(np.nanmax(c.high) + np.nanmin(c.low))
        return Candles.from_arrays(c.time, k - c.open, k - c.low, k - c.high, k - c.close, c.volume)
    return None


@pytest.mark.parametrize("name, inputs, candles", COLOURS, ids=lambda x: x if isinstance(x, str) else None)
def test_colour_inputs_change_the_picture(name, inputs, candles) -> None:
    c = _candles(candles)
    tf = "1h" if candles == "gaps" else "1d"
    default, chosen = _png(name, None, c, tf), _png(name, inputs, c, tf)
    before, after = magenta(default), magenta(chosen)
    assert after > 10 * before + 100, (before, after)


def test_every_colour_input_has_its_own_case() -> None:
    """Each study input of type colour is one of COLOURS' cases, alone (by one of its keys)."""
    alone = {(studies.lookup(n).kind, k) for n, inp, _ in COLOURS if len(inp) == 1 for k in inp}
    for kind in {studies.lookup(n).kind for n, _, _ in COLOURS}:
        for i in studies.by_kind(kind).inputs:
            if i.type == "colour":
                assert any((kind, a) in alone for a in (*i.aliases, i.key)), (kind, i.key)


def test_heikin_ashi_changes_the_boxes() -> None:
    """MTPC's "Display Heikin Ashi values": other boxes (values: tests/test_oracle.py, the port's HA runs)."""
    assert _png("Multi-Time Period Charts", {"Display Heikin Ashi values": True}) != _png("Multi-Time Period Charts", None)
    spec = studies.by_kind("mtpc")
    p = {i.key: i.default for i in spec.inputs} | {"heikin_ashi": True}
    fmt = type("F", (), {"price": staticmethod(str)})
    assert "Heikin Ashi" in spec.legend(p, {"high": 1.0, "low": 0.0}, fmt)[0][1]


def test_an_ignored_key_cannot_also_be_an_input() -> None:
    import dataclasses

    from chart_export.studies.spec import ignored

    spec = studies.by_kind("volume_24h")
    assert spec.ignored_reason("Target Currency") and spec.ignored_reason("Price Source") is None
    with pytest.raises(ValueError, match="in_0"):
        dataclasses.replace(spec, ignored=(*spec.ignored, ignored("no", "in_0")))


def test_an_input_colour_reference_needs_the_input() -> None:
    from chart_export._render.plots import colour

    inputs = {"line": "#12345680"}
    assert colour("input:line", {}, inputs=inputs) == "#12345680"
    assert colour("input:line:opaque", {}, inputs=inputs) == "#123456"
    with pytest.raises(ValueError, match="names no input"):
        colour("input:other", {}, inputs=inputs)
