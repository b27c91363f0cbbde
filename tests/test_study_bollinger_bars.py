"""Bollinger Bars: each visible bar's range body in #0D349E and its open-close body green when it
closed above its open (an unchanged bar red, as ``close > open``; Pine's comparison is tolerant,
so a close within 1e-10 above the open is unchanged too), no wicks, no inputs; drawn in both
themes, hidden by a visible override. tests/test_oracle.py holds its candles and colours to
TradingView's (devtools/oracle/ports/bollinger_bars.py)."""

import numpy as np
from matplotlib.figure import Figure

from chart_export.rendering import ChartRenderer
from chart_export.studies import bollinger_bars as m
from chart_export.templates import parse_template
from tests._studies import bars, check_renders, near, spec
from tests.test_rendering import series

NAME = "Bollinger Bars"


def test_spec_and_values():
    sp = spec(NAME)
    assert sp.inputs == () and sp.window and not sp.source  # ported: the catalogue names its port
    c = bars([1, 2, 3.0], [2, 3, 4.0], [0.5, 1, 2.0], [1.5, 2, 2.5], [1, 1, 1.0])
    r = sp.compute(c, {})
    assert sp.last(r) == {"open": 3.0, "high": 4.0, "low": 2.0, "close": 2.5}
    assert r["range_open"].tolist() == r["range_high"].tolist() == [2, 3, 4]  # plotcandle(high, high, low, low)
    assert r["range_low"].tolist() == r["range_close"].tolist() == [0.5, 1, 2]
    assert r["up"].tolist() == [1.0, 0.0, 0.0]  # up, unchanged, down
    assert m.body_colours(r["up"]) == [m.UP, m.DOWN, m.DOWN]


def test_close_above_open_is_pines_tolerant_comparison():
    o = np.array([1.1, 1.1, 1.1, 1.1])
    c = o + np.array([5e-11, 2e-10, -5e-11, 0.0])  # within 1e-10: unchanged (red); beyond: up
    r = spec(NAME).compute(bars(o, o + 1, o - 1, c, np.ones(4)), {})
    assert r["up"].tolist() == [0.0, 1.0, 0.0, 0.0]


class _Ctx:
    def __init__(self, result, colour=m.RANGE, visible=True):
        self.ax = Figure().add_subplot()
        self.result, self.styles, self.kept = result, {"range": {"color": colour, "visible": visible}}, []

    def keep(self, artist):
        self.kept.append(artist)
        return artist


def test_the_drawn_bodies_take_the_colour_of_up_and_skip_a_bar_with_na():
    o = np.array([1.0, 2.0, 3.0, 4.0])
    c = np.array([1.0 + 5e-11, 2.5, np.nan, 3.5])  # unchanged within 1e-10, up, no close, down
    r = spec(NAME).compute(bars(o, o + 1, o - 1, c, np.ones(4)), {})
    ctx = _Ctx(r)
    spec(NAME).draw(ctx)
    ranges, bodies = ctx.kept
    assert len(ranges.get_paths()) == 4 and len(bodies.get_paths()) == 3  # the na close: no body candle
    faces = [tuple(np.round(f[:3] * 255).astype(int)) for f in bodies.get_facecolors()]
    assert faces == [(0xF2, 0x36, 0x45), (0x08, 0x99, 0x81), (0xF2, 0x36, 0x45)]
    top = bodies.get_paths()[1].vertices[:, 1]
    assert top.min() == 2.0 and top.max() == 2.5  # the open-to-close body; no wick to the high
    span = ranges.get_paths()[0].vertices[:, 1]
    assert span.min() == 0.0 and span.max() == 2.0  # the range candle: high to low


def _render(theme, overrides=None):
    study = {"name": NAME, **({"override": overrides} if overrides else {})}
    t = parse_template({"request": {"width": 800, "height": 600, "theme": theme, "studies": [study]}}, template_id="t")
    return ChartRenderer().render(t, series(400), symbol="S", timeframe="1d").png


def test_renders_range_and_bodies_and_hides():
    check_renders(NAME)
    for theme in ("light", "dark"):
        png = _render(theme)
        assert near(png, m.RANGE, 20) > 800 and near(png, m.UP, 20) > 800 and near(png, m.DOWN, 20) > 800
    hidden = _render("light", {"plot.visible": False})
    assert near(hidden, m.RANGE, 20) <= 60  # only the legend swatch
