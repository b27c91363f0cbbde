"""Bollinger Bars: each visible bar's range body in #0D349E and its open-close body green when it
closed above its open (an unchanged bar red, as ``close > open``), no wicks, no inputs; drawn in
both themes, hidden by a visible override."""

from chart_export.rendering import ChartRenderer
from chart_export.studies import bollinger_bars as m
from chart_export.templates import parse_template
from tests._studies import bars, check_renders, near, spec
from tests.test_rendering import series

NAME = "Bollinger Bars"


def test_spec_and_values():
    sp = spec(NAME)
    assert sp.inputs == () and sp.window
    c = bars([1, 2, 3.0], [2, 3, 4.0], [0.5, 1, 2.0], [1.5, 2, 2.5], [1, 1, 1.0])
    r = sp.compute(c, {})
    assert sp.last(r) == {"open": 3.0, "high": 4.0, "low": 2.0, "close": 2.5}
    assert m.body_colours(r["open"], r["close"]) == [m.UP, m.DOWN, m.DOWN]  # up, unchanged, down


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
