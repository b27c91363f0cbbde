"""The drawing vocabulary (studies/_drawing.py, _render/drawings.py): a study's lines, labels
and boxes are cut to the visible bars (x moved to window bars), a line's label is pinned to
the window's start, label numbers are written in the chart's formats, and a rendered chart
shows them — labels as recorded text inside the pane, lines and boxes in their colours, a
hidden plot hides its drawings — and writes the keyed ones to the manifest's meta."""

from __future__ import annotations

import dataclasses
import numpy as np
import pytest

from chart_export import studies
from chart_export._render.drawings import drawings_meta, label_text
from chart_export._render.prepare import visible_drawings
from chart_export.rendering import ChartRenderer
from chart_export.studies._drawing import Box, Label, Line
from chart_export.templates import parse_template
from tests._studies import near
from tests.test_rendering import series

LINE = "#00aa00"
BOX = "#aa00aa"


def test_visible_drawings_move_to_window_bars_and_drop_what_is_left_of_it():
    n, k = 100, 20  # window = history bars 80..99
    ds = [Label(85, 1.0, "in"), Label(10, 1.0, "out"), Line(50, 1, 79, 2, LINE), Line(50, 1, 81, 2, LINE),
          Line(10, 1, 20, 2, LINE, extend="right"), Box(0, 0, 79, 1, BOX), Box(99, 0, 120, 1, BOX)]
    got = visible_drawings(ds, n, k)
    assert [getattr(d, "text", None) for d in got if isinstance(d, Label)] == ["in"]
    assert got[0].x == 5
    lines = [d for d in got if isinstance(d, Line)]
    assert [(d.x0, d.x1) for d in lines] == [(-30, 1), (-70, -60)]  # the extended one stays
    assert [(d.x0, d.x1) for d in got if isinstance(d, Box)] == [(19, 40)]


def test_a_line_label_is_pinned_to_the_window_start_only_when_its_line_runs_into_it():
    n, k = 100, 40  # window = bars 60..99; pinned when the line runs > max(3, 40 // 8) = 5 bars in
    long_ = Label(30, 1.0, "long", until=80, style="right")
    short = Label(30, 1.0, "short", until=63, style="right")
    got = visible_drawings([long_, short], n, k)
    assert [(d.text, d.x, d.style) for d in got] == [("long", -0.5, "left")]


def test_label_numbers_are_written_in_the_chart_formats():
    d = Label(0, 1.0, "{} ({})\n{} {}", numbers=(("price", 1234.5), ("change", 2.25), ("compact", 1_234_567),
                                                 ("percent", -1.234)))
    assert label_text(d, 2) == "1,234.50 (+2.25)\n1.23M -1.23%"
    assert label_text(Label(0, 1.0, "P ({})", numbers=(("price", float("nan")),)), 2) == "P (n/a)"
    with pytest.raises(ValueError):
        Label(0, 1.0, "{}", numbers=(("money", 1.0),))
    with pytest.raises(ValueError):
        Line(0, 0, 1, 1, LINE, extend="up")


def test_drawings_meta_keeps_keyed_drawings_with_bar_times():
    times = np.array([1000, 1060, 1120])
    got = drawings_meta([Label(1, 5.0, "x {}", numbers=(("price", 5.0),), key="a"), Label(2, 1.0, "unkeyed"),
                         Line(0, 1.0, 4, 2.0, LINE, key="leg")], times, 60, 1)
    assert got[0] == {"key": "a", "kind": "label", "time": "1970-01-01T00:17:40Z", "value": 5.0, "text": "x 5.0"}
    assert got[1]["kind"] == "line" and got[1]["time1"] == "1970-01-01T00:20:40Z"  # extrapolated: 1120 + 2 * 60
    assert len(got) == 2


@pytest.fixture
def drawn_sma(monkeypatch):
    """The registered SMA with drawings: a keyed label with a box at the last bar's high, a line
    over the last 50 bars, a box, and a label left of the window (not drawn)."""
    sma = studies.lookup("Moving Average Simple") or studies.lookup("SMA")

    def drawings(c, p, out):
        n = len(c)
        hi = float(c.high[-1])
        return [Label(n - 10, float(c.high[n - 10]), "TOP {}", numbers=(("price", float(c.high[n - 10])),),
                      background="#2962FF", text_color="#ffffff", key="top"),
                Label(0, float(c.low[0]), "GONE"),
                Line(n - 50, float(c.low[n - 50]), n - 1, hi, LINE, width=3, key="leg"),
                Box(n - 40, float(c.low[-40:].min()), n - 20, hi, BOX, alpha=0.5, plot=sma.plots[0].key)]

    spec = dataclasses.replace(sma, drawings=drawings)
    real_lookup, real_kind = studies.lookup, studies.by_kind
    monkeypatch.setattr(studies, "lookup", lambda name: spec if real_lookup(name) is sma else real_lookup(name))
    monkeypatch.setattr(studies, "by_kind", lambda kind: spec if kind == sma.kind else real_kind(kind))
    return sma.name


def _render(name, theme="light", overrides=None):
    study = {"name": name, **({"override": overrides} if overrides else {})}
    t = parse_template({"request": {"width": 800, "height": 600, "theme": theme, "studies": [study]}}, template_id="t")
    return ChartRenderer(record_text=True).render(t, series(300), symbol="S", timeframe="1d")


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_a_rendered_chart_draws_labels_lines_and_boxes(drawn_sma, theme):
    chart = _render(drawn_sma, theme)
    labels = [t for t in chart.texts if t.role == "drawing:label"]
    assert [t.text for t in labels] == [f"TOP {m['text'][4:]}" for m in chart.meta["studies"][0]["drawings"][:1]]
    assert labels[0].text.startswith("TOP ") and labels[0].color == "#ffffff"
    x0, y0, x1, y1 = labels[0].box
    assert 8 < x0 < x1 < 800 - 40 and 0 < y0 < y1 < 600  # inside the chart, left of the axis labels
    assert near(chart.png, LINE, 40) > 100  # the 3 px line
    assert near(chart.png, "#2962FF", 10) > 80  # the label's box
    meta = chart.meta["studies"][0]["drawings"]
    assert [m["key"] for m in meta] == ["top", "leg"]
    assert meta[1]["time1"] == chart.meta["last_bar_time"]


def test_a_hidden_plot_hides_its_drawings(drawn_sma):
    shown = _render(drawn_sma)
    hidden = _render(drawn_sma, overrides={"plot.visible": False})
    half = "#d47fd4"  # BOX at alpha 0.5 over white
    assert near(shown.png, half, 8) > 2000
    assert near(hidden.png, half, 8) == 0
    assert near(hidden.png, LINE, 40) > 100  # a drawing of no plot stays


def test_a_line_fill_moves_with_its_lines_and_shows_while_one_of_them_does():
    from chart_export.studies._drawing import LineFill

    a, b = Line(10, 1, 20, 2, LINE), Line(10, 0, 20, 1, LINE)
    assert visible_drawings([LineFill(a, b, BOX)], 100, 20) == []
    (f,) = visible_drawings([LineFill(a, dataclasses.replace(b, extend="right"), BOX)], 100, 20)
    assert (f.a.x0, f.b.x1, f.b.extend) == (-70, -60, "right")
