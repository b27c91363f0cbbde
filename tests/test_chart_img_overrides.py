"""Every override key Chart-IMG documents (issue 14: templates written for Chart-IMG render here
unchanged) is honoured or named with its reason, never accepted and left unused.

The keys, types and defaults are Chart-IMG's "Parameter override" tables (92 studies, 712 keys), as
``tests/_chart_img.py`` reads them (``tests/data/chart_img/studies.json``, built by
``devtools/chart_img_catalogue.py``). For each key, a template with a value other than the default
either draws a different picture than the same template without the key (the PNG's pixels differ),
or reports the key in ``Template.ignored`` (the manifest's ``meta.ignored_keys``) with a reason.
The request-level ``override`` keys (the page's "Parameter override" of the request) are named too."""

from __future__ import annotations

import io
from functools import cache

import numpy as np
import pytest
from PIL import Image

from chart_export.errors import StepFailure
from chart_export._render.prepare import compute_study
from chart_export.overrides import REQUEST_OVERRIDES
from chart_export.rendering import ChartRenderer
from chart_export.templates import Problems, parse_template
from tests._chart_img import catalogue
from tests.test_rendering import series

KEYS = [(name, row) for name, entry in catalogue().items() for row in entry["overrides"]]
# Chart-IMG's request-level override keys ("Parameter override" of the request, doc.chart-img.com).
REQUEST_KEYS = ("style", "priceRange", "mainPaneHeight", "scalesFontSize", "showLegend", "showLegendValues",
                "showMainPane", "showPriceLine", "showVertGrid", "showHorzGrid", "showSeriesLastValue",
                "showSeriesOHLC", "showBarChange", "showStudyLastValue", "showStudyPlotNamesAction",
                "showSymbolLabelsAction", "showSymbolWatermark", "showInvertScale", "showInvertScaleStudies")


def other_value(key: str, kind: str, default):
    """A valid value of the key's type that is not its default."""
    prop = key.rsplit(".", 2)[-2] if key.rsplit(".", 1)[-1].isdigit() else key.rsplit(".", 1)[-1]
    if kind == "Color":
        return "rgb(255,0,255)" if default != "rgb(255,0,255)" else "rgb(0,255,0)"
    if kind == "Boolean":
        return not default
    if prop == "plottype":
        return "cross" if default != "cross" else "line"
    if prop == "linestyle":
        return 0 if default != 0 else 1
    if prop == "transparency":
        return 20 if default != 20 else 60
    if prop in ("linewidth", "width"):
        return 4 if default != 4 else 2
    if prop == "value":
        return float(default) + 7.5 if abs(float(default)) < 10 else float(default) / 2
    if isinstance(default, (int, float)):
        return default + 10
    return "left_to_right" if default != "left_to_right" else "right_to_left"


@cache
def inside(name: str) -> float | None:
    """A value inside the study's pane (its outputs' 80th percentile on the visible bars): a moved
    reference line shows there, whatever the pane's scale (volume oscillators run in the millions)."""
    study = parse_template(template(name, {}), template_id="o").studies[0]
    outputs = compute_study(study, candles())
    values = np.concatenate([np.asarray(v, dtype=float)[-150:] for v in outputs.values()
                             if isinstance(v, np.ndarray) and v.dtype.kind == "f"] or [np.empty(0)])
    values = values[np.isfinite(values)]
    return float(np.percentile(values, 80)) if values.size else None


def template(name: str, override: dict) -> dict:
    return {"request": {"width": 640, "height": 480, "studies": [{"name": name, "override": override}]}}


@cache
def candles():
    return series(400)


@cache
def renderer() -> ChartRenderer:
    return ChartRenderer()


def picture(name: str, key: str | None = None, value=None) -> np.ndarray:
    """The study's chart with ``{key: value}`` overridden (none: the plain chart, see ``plain``)."""
    t = parse_template(template(name, {} if key is None else {key: value}), template_id="o")
    png = renderer().render(t, candles(), symbol="S", timeframe="1d").png
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB"))


@cache
def plain(name: str) -> np.ndarray:
    """The study's chart without overrides, drawn once per study (each keyed picture is drawn once:
    caching those too held ~700 full pictures, ~0.8 GB)."""
    return picture(name)


def outcome(name: str, key: str, value) -> str:
    """``ignored: <reason>``, ``drawn`` (the picture changes), ``unused`` or ``refused``."""
    try:
        t = parse_template(template(name, {key: value}), template_id="o", problems=Problems())
    except StepFailure as exc:
        return f"refused: {exc.code}"
    field = f"request.studies[0].override.{key}"
    reasons = [k.message for k in t.ignored if k.field == field]
    if reasons:
        return f"ignored: {reasons[0]}"
    return "drawn" if not np.array_equal(picture(name, key, value), plain(name)) else "unused"


@pytest.mark.parametrize(("name", "row"), KEYS, ids=[f"{n}|{r['key']}" for n, r in KEYS])
def test_every_documented_override_key_is_drawn_or_named(name: str, row: dict) -> None:
    value = other_value(row["key"], row["type"], row["default"])
    if row["key"].endswith(".value") and name != "Net Volume":
        value = inside(name) if inside(name) is not None else value
    got = outcome(name, row["key"], value)
    if got.startswith("refused"):  # studies that need other data (issue 14) refuse the whole chart
        assert name == "Net Volume", got
        return
    assert got != "unused", f"{name} {row['key']}={value!r} is accepted but changes nothing"
    if got.startswith("ignored"):
        reason = got.split("override." + row["key"] + ": ", 1)[-1]
        assert reason.endswith("(ignored by the renderer)") and len(reason) > len("(ignored by the renderer)") + 10


@pytest.mark.parametrize(("name", "row"), [(n, r) for n, r in KEYS if n != "Net Volume"],
                         ids=[f"{n}|{r['key']}" for n, r in KEYS if n != "Net Volume"])
def test_documented_defaults_are_accepted(name: str, row: dict) -> None:
    """Chart-IMG's own defaults (``Histogram.plottype: column``) never fail a template."""
    problems = Problems(collect=True)
    assert parse_template(template(name, {row["key"]: row["default"]}), template_id="o", problems=problems) is not None
    assert not problems.items


def test_request_override_keys_are_each_named() -> None:
    assert set(REQUEST_OVERRIDES) == set(REQUEST_KEYS)
    doc = template("RSI", {})
    doc["request"]["override"] = {k: True for k in REQUEST_KEYS} | {"showFancyThing": True}
    t = parse_template(doc, template_id="o")
    fields = {k.field: k.message for k in t.ignored}
    for key in [*REQUEST_KEYS, "showFancyThing"]:
        assert "(ignored by the renderer)" in fields[f"request.override.{key}"]
    assert "not an override Chart-IMG documents" in fields["request.override.showFancyThing"]


def test_request_override_must_be_an_object() -> None:
    doc = template("RSI", {})
    doc["request"]["override"] = ["showMainPane"]
    problems = Problems(collect=True)
    assert parse_template(doc, template_id="o", problems=problems) is None
    assert any("request.override" in str(p) for p in problems.items)


# --------------------------------------------------------------------------- what each key styles


def styles_of(name: str, override: dict) -> tuple[dict, tuple]:
    from chart_export._render.plots import Palette, plot_styles
    from chart_export._render.prepare import prepare_chart
    from chart_export._render.figure import THEMES

    t = parse_template(template(name, override), template_id="o")
    prep = prepare_chart(t, candles(), symbol="S")
    ps = prep.studies[0]
    return plot_styles(ps, THEMES["light"], Palette(THEMES["light"]["palette"])), (ps, prep.window)


def test_indexed_bar_colours_follow_chart_img() -> None:
    from chart_export._render.plots import _bar_groups

    # Volume: Chart-IMG's colour 0 = falling bars, 1 = rising bars.
    st, (ps, w) = styles_of("Volume", {"Volume.color.0": "#ff0000", "Volume.color.1": "#00ff00"})
    groups = dict((colour, mask) for mask, colour in _bar_groups(ps.spec.plots[0], ps.values("volume"), w, {},
                                                                   st["volume"]["colors"]))
    assert np.array_equal(groups["#00ff00"], w.close >= w.open) and np.array_equal(groups["#ff0000"], w.close < w.open)
    # MACD: above-rising, above-falling, below-rising, below-falling (TradingView's grow/fall above/below).
    st, _ = styles_of("MACD", {f"Histogram.color.{i}": f"#0000{i}{i}" for i in range(4)})
    assert st["hist"]["colors"] == ["#000000", "#000011", "#000022", "#000033"]
    # Awesome Oscillator: colour 0 = falling bars, 1 = rising (above or below zero alike).
    st, _ = styles_of("Awesome Oscillator", {"Plot.color.0": "#ff0000", "Plot.color.1": "#00ff00"})
    assert st["ao"]["colors"] == ["#00ff00", "#ff0000", "#00ff00", "#ff0000"]
    # Supertrend: colour 0 the up-trend line, 1 the down-trend line; Chop Zone: colour N the N-th zone.
    st, _ = styles_of("Super Trend", {"SuperTrend.color.0": "#00ff00", "SuperTrend.color.1": "#ff0000"})
    assert (st["up"]["color"], st["down"]["color"]) == ("#00ff00", "#ff0000")
    st, _ = styles_of("Chop Zone", {"Plot.color.8": "#123456"})
    assert st["zone_yellow"]["colors"] == ["#123456", "#123456"] and st["zone_turquoise"]["colors"][0] != "#123456"


@pytest.mark.parametrize(("name", "key", "at"), [
    ("Relative Strength Index", "UpperLimit", 70.0), ("Relative Strength Index", "LowerLimit", 30.0),
    ("Williams %R", "UpperLimit", -20.0), ("Commodity Channel Index", "LowerLimit", -100.0),
    ("Fisher Transform", "Level0", 1.5), ("Fisher Transform", "Level2", 0.0), ("Fisher Transform", "Level4", -1.5),
    ("Rate Of Change", "Zero Line", 0.0), ("Chaikin Volatility", "Zero", 0.0),
])
def test_reference_line_names_pick_their_line(name: str, key: str, at: float) -> None:
    t = parse_template(template(name, {f"{key}.value": 42.0, f"{key}.linestyle": 0}), template_id="o")
    assert t.studies[0].overrides[f"hline:{key.lower()}"] == {"at": at, "value": 42.0, "linestyle": 0}


def test_moved_limits_move_the_band_and_lines() -> None:
    from matplotlib.figure import Figure

    from chart_export._render.plots import draw_reference_lines
    from chart_export._render.figure import THEMES
    from chart_export.studies import lookup

    pane = lookup("RSI").pane
    ax = Figure().add_subplot()
    kept: list = []
    overrides = {"hline:upperlimit": {"at": 70.0, "value": 80.0, "color": "#ff0000", "linewidth": 2.0},
                 "hline:lowerlimit": {"at": 30.0, "visible": False}, "fill:hlines": {"color": "#00ff00", "alpha": 0.5}}
    draw_reference_lines(ax, pane, THEMES["light"], kept.append, overrides)
    band, *lines = kept
    assert (band.get_y(), band.get_y() + band.get_height()) == (30.0, 80.0) and band.get_alpha() == 0.5
    ys = sorted(line.get_ydata()[0] for line in lines)
    assert ys == [50.0, 80.0]  # the lower limit hidden, the upper one moved, the middle line kept
    upper = next(line for line in lines if line.get_ydata()[0] == 80.0)
    assert upper.get_color() == "#ff0000" and upper.get_linewidth() == pytest.approx(1.44)


def test_overridden_in_meta_and_unused_keys_in_ignored() -> None:
    t = parse_template(template("Directional Movement", {"ADXR.color": "#ff0000", "+DI.linestyle": 1}),
                       template_id="o")
    assert t.studies[0].to_meta()["overrides"] == {"plus_di": {"linestyle": 1}}
    (ignored,) = t.ignored
    assert ignored.field.endswith("ADXR.color") and "'ADXR' is not a plot" in ignored.message


def test_the_chart_meta_gives_each_unused_key_with_its_reason() -> None:
    doc = template("Volume Profile Visible Range", {"graphics.hhists.histBars2.percentWidth": 50,
                                                    "Developing VA High.color": "#ff0000"})
    doc["request"]["override"] = {"showVertGrid": False}
    meta = renderer().render(parse_template(doc, template_id="o"), candles(), symbol="S", timeframe="1d").meta
    reasons = meta["ignored_reasons"]
    assert sorted(reasons) == sorted(meta["ignored_keys"]) == [
        "request.override.showVertGrid", "request.studies[0].override.Developing VA High.color",
        "request.studies[0].override.graphics.hhists.histBars2.percentWidth"]
    assert "the grid follows the theme here" in reasons["request.override.showVertGrid"]
    assert "graphics.* keys are not read here" in reasons["request.studies[0].override.graphics.hhists.histBars2.percentWidth"]


def test_numbered_line_styles_draw_the_dashes_of_the_named_ones() -> None:
    """TradingView's ``linestyle`` 1 dotted / 2 dashed draws the same dashes as the pane's own dotted
    middle and dashed limits, a line plot's and a Pine ``line.style_*`` drawing's; 3 and 4 differ."""
    from matplotlib.figure import Figure

    from chart_export._render.drawings import DASHES as DRAWING_DASHES
    from chart_export._render.figure import THEMES
    from chart_export._render.plots import draw_reference_lines
    from chart_export.overrides import LINE_STYLES
    from chart_export.studies import lookup

    def dashes(line) -> tuple:
        return tuple(line._unscaled_dash_pattern[1] or ())

    ax = Figure().add_subplot()
    kept: list = []
    draw_reference_lines(ax, lookup("RSI").pane, THEMES["light"], kept.append,
                         {"hline:upperlimit": {"at": 70.0, "linestyle": 1}, "hline:middlelimit": {"at": 50.0, "linestyle": 2}})
    at = {line.get_ydata()[0]: line for line in kept[1:]}
    assert dashes(at[50.0]) == dashes(at[30.0]) == (4.0, 3.0)  # 2: the lower limit's own dashes
    assert dashes(at[70.0]) == (1.0, 2.0)  # 1: the middle line's own dots
    kept.clear()
    draw_reference_lines(ax, lookup("RSI").pane, THEMES["light"], kept.append)
    assert dashes([line for line in kept[1:] if line.get_ydata()[0] == 50.0][0]) == (1.0, 2.0)
    st, _ = styles_of("Directional Movement", {"+DI.linestyle": 2, "-DI.linestyle": 1})
    assert st["plus_di"]["linestyle"] == DRAWING_DASHES["dashed"] == (0, (4, 3))
    assert st["minus_di"]["linestyle"] == DRAWING_DASHES["dotted"] == (0, (1, 2))
    patterns = [str(styles_of("Directional Movement", {"+DI.linestyle": n})[0]["plus_di"]["linestyle"])
                for n in LINE_STYLES]
    assert len(set(patterns)) == len(LINE_STYLES) == 5


def test_a_drawing_tied_to_a_plot_is_as_wide_as_the_plot() -> None:
    """``<plot>.linewidth`` widens the plot and the Pine lines drawn for it alike (pixels to points
    once, at the figure's DPI); an untied 1 px line is 1 px wide too."""
    from types import SimpleNamespace

    from matplotlib.figure import Figure

    from chart_export._render.drawings import draw_drawings
    from chart_export._render.figure import THEMES
    from chart_export._render.glyphs import DPI
    from chart_export.studies._drawing import Line

    st, _ = styles_of("Directional Movement", {"+DI.linewidth": 3})
    ax = Figure(dpi=DPI).add_subplot()
    kept: list = []
    tied, untied = Line(0, 1, 5, 2, "#ff0000", width=1.0, plot="plus_di"), Line(0, 1, 5, 2, "#00ff00", width=1.0)
    draw_drawings(ax, [tied, untied], st, THEMES["light"], kept.append, SimpleNamespace(clear_top={}))
    widths = {line.get_color(): line.get_linewidth() for line in kept}
    assert widths["#ff0000"] == pytest.approx(st["plus_di"]["lw"]) == pytest.approx(3 * 72 / DPI)
    assert widths["#00ff00"] == pytest.approx(72 / DPI)


def test_two_names_of_one_reference_line_both_style_it() -> None:
    """RSI's ``UpperLimit`` and ``Level0`` are both the line at 70: each key's property is drawn
    (neither is reported honoured and then lost to the other)."""
    from matplotlib.figure import Figure

    from chart_export._render.figure import THEMES
    from chart_export._render.plots import draw_reference_lines
    from chart_export.studies import lookup

    t = parse_template(template("Relative Strength Index", {"UpperLimit.color": "#ff0000", "Level0.linewidth": 3}),
                       template_id="o")
    assert not t.ignored
    ax = Figure().add_subplot()
    kept: list = []
    draw_reference_lines(ax, lookup("RSI").pane, THEMES["light"], kept.append, t.studies[0].overrides)
    (upper,) = [line for line in kept[1:] if line.get_ydata()[0] == 70.0]
    assert upper.get_color() == "#ff0000" and upper.get_linewidth() == pytest.approx(3 * 0.72)


def test_what_does_not_widen_the_value_range_stays_under_the_legend_rows() -> None:
    """Drawings, fills and ``scale=False`` plots (Multi-Time Period Charts' far levels and their
    boxes) are clipped under the strip the pane's legend rows take; nothing is clipped when the
    pane has no legend rows."""
    from types import SimpleNamespace

    from matplotlib.figure import Figure

    from chart_export._render.drawings import draw_drawings
    from chart_export._render.figure import THEMES
    from chart_export._render.plots import draw_study
    from chart_export.studies._drawing import Line

    def tops(legend_px: float) -> list:
        ax = Figure(figsize=(8, 4), dpi=100).add_subplot()
        kept: list = []
        st, (ps, w) = styles_of("Multi-Time Period Charts", {})
        draw_study(ax, ps, st, THEMES["light"], w, kept.append, legend_px=legend_px)
        assert kept and all(not p.scale for p in ps.spec.plots if p.key in ps.series)
        draw_drawings(ax, [Line(0, 1, 5, 2, "#ff0000")], {}, THEMES["light"], kept.append,
                      SimpleNamespace(clear_top={id(ax): legend_px}))
        kinds = {type(a).__name__ for a in kept}
        assert {"PathPatch", "Line2D", "PolyCollection"} <= kinds  # levels, the drawing, the boxes' fills
        boxes = [a.get_clip_box() for a in kept]
        return [None if b is None else round(ax.bbox.y1 - b.y1, 6) for b in boxes]

    assert set(tops(30.0)) == {30.0}
    assert set(tops(0.0)) <= {None, 0.0}  # the plot area itself
