"""Drawn labels legible at 800x600 in both themes (issue 14): inside the plot area, clear of
the title and the legend rows, never over each other — a label that finds no place near its
point is left out of the picture, and its values stay in the manifest. Checked on the
renderer's text record (``drawing:label``: a label's lines; ``drawing:box``: its box)."""

from __future__ import annotations

import pytest

from chart_export._render.label_place import fit, priority
from chart_export.rendering import ChartRenderer
from chart_export.templates import parse_template
from tests._market import btc_1h, daily, eurusd_1h, fx_hourly

STUDIES = ["Zig Zag", "Auto Fib Retracement", "Pivot Points Standard", "Pivot Points High Low", "Trading Sessions",
           "RSI Divergence Indicator", "Auto Fib Extension", "Linear Regression Channel"]
MARKETS = {"btc_1h": (btc_1h, "BTCUSDT", "1h"), "eurusd_1h": (eurusd_1h, "EURUSD", "1h"),
           "daily_300": (lambda: daily(300), "SPX", "1d"), "fx_hourly": (fx_hourly, "EURUSD", "1h")}


@pytest.fixture(scope="module")
def recorder() -> ChartRenderer:
    return ChartRenderer(record_text=True)


def render(recorder: ChartRenderer, name: str, market: str, theme: str = "light", width: int = 800, height: int = 600):
    make, symbol, tf = MARKETS[market]
    doc = {"request": {"width": width, "height": height, "theme": theme, "studies": [{"name": name}]}}
    return recorder.render(parse_template(doc, template_id="t"), make(), symbol=symbol, timeframe=tf)


def overlap(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def label_lines(chart):
    return [t for t in chart.texts if t.role == "drawing:label"]


@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.parametrize("market", MARKETS)
@pytest.mark.parametrize("name", STUDIES)
def test_labels_never_write_over_each_other(recorder: ChartRenderer, name: str, market: str, theme: str) -> None:
    chart = render(recorder, name, market, theme)
    lines = label_lines(chart)
    clash = [(a.text, b.text) for i, a in enumerate(lines) for b in lines[i + 1:] if overlap(a.box, b.box)]
    assert not clash
    boxes = [t for t in chart.texts if t.role == "drawing:box"]
    assert not [(a.text, b.text) for i, a in enumerate(boxes) for b in boxes[i + 1:] if overlap(a.box, b.box)]
    for t in lines:  # each line inside its label's box (so the boxes stand for what is drawn)
        assert any(b.box[0] - 1 <= t.box[0] and t.box[2] <= b.box[2] + 1 and b.box[1] - 1 <= t.box[1]
                   and t.box[3] <= b.box[3] + 1 and t.text in b.text.split("\n") for b in boxes), t


@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.parametrize("market", MARKETS)
@pytest.mark.parametrize("name", STUDIES)
def test_labels_stay_clear_of_the_title_the_legend_and_the_value_axis(recorder: ChartRenderer, name: str, market: str,
                                                                       theme: str) -> None:
    chart = render(recorder, name, market, theme)
    drawn = [t for t in chart.texts if t.role.startswith("drawing:")]
    header = [t for t in chart.texts if t.role.startswith(("title", "legend:"))]
    right = [t for t in chart.texts if t.role.startswith(("axis:", "tag:"))]
    axis_left = min(t.box[0] for t in right)
    for t in drawn:
        assert not [h.text for h in header if overlap(t.box, h.box)], t
        assert t.box[2] <= axis_left, t  # inside the plot area: left of the value labels and the last-price tag
    if name in ("Zig Zag", "Pivot Points High Low", "Pivot Points Standard", "Auto Fib Retracement"):
        assert drawn  # a price-pane study's labels: under the price pane's legend rows, not beside them
        legend_bottom = min(h.box[1] for h in header if h.role.startswith("legend:") or h.role == "title:ohlc")
        assert max(t.box[3] for t in drawn) <= legend_bottom


def test_the_range_makes_room_for_a_label_above_the_highest_point(recorder: ChartRenderer) -> None:
    """Zig Zag's label of its highest pivot sits above that pivot (the value range keeps room
    for it, as it does for the legend), not pushed down over the candles."""
    chart = render(recorder, "Zig Zag", "btc_1h")
    meta = [m for m in chart.meta["studies"][0]["drawings"] if m["kind"] == "label"]
    top = max(meta, key=lambda m: m["value"])
    axis = sorted((float(t.text.replace(",", "")), (t.box[1] + t.box[3]) / 2) for t in chart.texts if t.role == "axis:0")
    (v0, y0), (v1, y1) = axis[0], axis[-1]
    py = y0 + (top["value"] - v0) * (y1 - y0) / (v1 - v0)  # the pivot's height in figure pixels
    box = next(t for t in chart.texts if t.role == "drawing:box" and t.text == top["text"])
    assert box.box[1] >= py + 2


@pytest.mark.parametrize("market", ["daily_300", "fx_hourly"])
def test_a_dropped_label_keeps_its_values_in_the_manifest(recorder: ChartRenderer, market: str) -> None:
    chart = render(recorder, "Pivot Points Standard", market)
    meta = [m for s in chart.meta["studies"] for m in s["drawings"] if m["kind"] == "label"]
    drawn = [t.text for t in label_lines(chart)]
    assert set(drawn) <= {m["text"] for m in meta}
    ticks = [float(t.text.replace(",", "")) for t in chart.texts if t.role == "axis:0"]
    inside = [m for m in meta if min(ticks) <= m["value"] <= max(ticks)]  # its point well inside the price pane
    dropped = [m for m in inside if m["text"] not in drawn]
    assert dropped  # the levels of several periods do not all fit at 800x600: some are left out of the picture,
    assert all(m["time"] and m["key"] for m in dropped)  # and the manifest has each of them all the same


def test_fit_nudges_along_the_free_axis_then_drops() -> None:
    area = (0.0, 0.0, 400.0, 300.0)
    taken = [(100.0, 100.0, 160.0, 120.0)]
    # above its point ("down"): moved sideways, to the nearer free side, by at most half its width
    assert fit(145.0, 105.0, 40.0, 20.0, "down", area, taken) == (161.0, 105.0, 201.0, 125.0)
    assert fit(75.0, 105.0, 40.0, 20.0, "down", area, taken) == (59.0, 105.0, 99.0, 125.0)
    assert fit(110.0, 105.0, 40.0, 20.0, "down", area, taken) is None  # 51 px away: more than half its width
    assert fit(95.0, 105.0, 80.0, 20.0, "down", area, [(60.0, 100.0, 220.0, 120.0)]) is None  # no room near
    # beside its point ("left"): moved up or down
    assert fit(100.0, 112.0, 60.0, 20.0, "left", area, taken) == (100.0, 121.0, 160.0, 141.0)
    assert fit(100.0, 88.0, 60.0, 20.0, "left", area, taken) == (100.0, 79.0, 160.0, 99.0)
    # kept inside the area; too big for it: dropped
    assert fit(390.0, 290.0, 40.0, 20.0, "down", area, []) == (360.0, 280.0, 400.0, 300.0)
    assert fit(0.0, 0.0, 500.0, 20.0, "down", area, []) is None


def test_priority_puts_a_range_s_ends_then_the_newest_first() -> None:
    # one period's levels at x=5 (0 .. 4) and a newer label at x=9
    points = [(5.0, 2.0), (5.0, 1.0), (5.0, 3.0), (5.0, 0.0), (5.0, 4.0), (9.0, 2.5)]
    order = priority(points)
    assert order[:3] == [5, 3, 4]  # ends first, newest first among them
    assert order[3:] == [0, 1, 2]  # then the interior levels in the study's order


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_lines_outside_the_value_range_stay_out_of_the_legend_rows(recorder: ChartRenderer, theme: str) -> None:
    """Pivot Points Standard's far levels (R4/R5, ``scale=False``) are drawn where they fall
    but do not widen the value range: on these daily bars the old periods' R4/R5 sit where the
    O/H/L/C row and the legend are. No orange level pixel may run through that strip."""
    import io

    import numpy as np
    from PIL import Image

    chart = render(recorder, "Pivot Points Standard", "daily_300", theme)
    rows = [t for t in chart.texts if t.role.startswith(("title:ohlc", "legend:"))]
    top = chart.height - max(t.box[3] for t in rows)  # image rows, from the top
    bottom = chart.height - min(t.box[1] for t in rows)
    img = np.asarray(Image.open(io.BytesIO(chart.png)).convert("RGB")).astype(int)
    strip = img[int(top) - 4:int(bottom) + 1, 30:700].copy()
    for t in rows:  # the legend's own text (and nothing else) may be coloured there
        y0, y1 = chart.height - t.box[3] - top + 4, chart.height - t.box[1] - top + 4
        strip[max(0, int(y0) - 1):int(y1) + 2, max(0, int(t.box[0]) - 31):int(t.box[2]) - 29] = 0
    r, g, b = strip[..., 0], strip[..., 1], strip[..., 2]
    orange = (r > 200) & (g > 100) & (g < 180) & (b < 90)  # the levels' #FB8C00
    assert orange.sum(axis=1).max() < 20, "a pivot level line runs through the legend rows"
    levels = [d for s in chart.meta["studies"] for d in s.get("drawings", [])]
    assert levels, "the chart has pivot levels (the test would pass vacuously otherwise)"
