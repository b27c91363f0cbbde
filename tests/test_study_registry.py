"""The study registry: every registered study keeps the contract, a dropped-in module is
found and drawn with the whole plot vocabulary, and the renderer never names a study."""

from __future__ import annotations

import io
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from chart_export import studies
from chart_export.rendering import ChartRenderer, prepare_chart
from chart_export.templates import parse_template
from tests.test_rendering import series

ROOT = Path(__file__).resolve().parents[1]
SPECS = list(studies.studies().values())


def rgb(png: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB"))


def mask(png: bytes, hex_colour: str) -> np.ndarray:
    target = np.array([int(hex_colour[i : i + 2], 16) for i in (1, 3, 5)])
    return np.all(rgb(png) == target, axis=2)


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.kind)
def test_every_study_keeps_the_contract(spec) -> None:
    assert studies.lookup(spec.name) is spec
    for alias in spec.aliases:
        assert studies.lookup(alias.upper()) is spec
    names = [n for p in spec.plots for n in p.names]
    assert names == [n.lower() for n in names] and len(names) == len(set(names))
    template = parse_template({"request": {"studies": [{"name": spec.name}]}}, template_id="t")
    study = template.studies[0]
    assert study.inputs == {i.key: i.default for i in spec.inputs}  # defaults are valid inputs
    candles = series(400)
    chart = ChartRenderer().render(template, candles, symbol="S", timeframe="1d")
    meta = chart.meta["studies"][0]
    assert meta["kind"] == spec.kind and meta["last"]
    if not spec.window:
        outputs = spec.compute(candles, study.inputs)
        assert all(v.shape == (400,) for v in outputs.values())
        assert list(meta["last"]) == list(outputs)
    legend = spec.legend(study.inputs, prepare_chart(template, candles).studies[0].last(), _formats())
    assert legend and all(isinstance(text, str) and text for _, text in legend)


def _formats():
    from chart_export.studies.spec import Formats

    return Formats(str, str, str, str)


def test_the_renderer_never_names_a_study() -> None:
    source = "\n".join(p.read_text() for p in (ROOT / "chart_export" / "_render").glob("*.py"))
    source += (ROOT / "chart_export" / "rendering.py").read_text()
    for spec in SPECS:
        for word in (spec.kind, spec.name):
            assert not re.search(rf"[\"']{re.escape(word)}[\"']", source), word


def test_the_function_fast_path_does_not_import_the_registry() -> None:
    code = ("import sys, chart_export.function, chart_export.selection, chart_export.events; "
            "print(sorted(m for m in sys.modules if m.startswith(('chart_export.studies', 'matplotlib', "
            "'chart_export.templates', 'chart_export._render', 'numpy'))))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert out.stdout.strip() == "[]", out.stderr


# --------------------------------------------------------------------------- a dropped-in module

DROP_IN = '''
"""Test studies using every plot kind (a cloud like Ichimoku's, pivots, an oscillator)."""
import numpy as np

from chart_export.studies.spec import Fill, Pane, Plot, StudySpec, length


def _cloud(c, p):
    n = p["period"]
    mid = np.convolve(c.close, np.ones(n) / n, mode="full")[: len(c.close)]
    mid[: n - 1] = np.nan
    return {"fast": mid * 1.01, "slow": mid * 0.99, "span_a": mid * (1 + 0.03 * np.sin(np.arange(len(mid)) / 9)),
            "span_b": mid, "lagging": c.close}


def _pivots(c, p):
    block = np.arange(len(c.close)) // p["period"]
    return {"pivot": np.array([c.close[(b * p["period"])] for b in block])}


def _osc(c, p):
    x = np.sin(np.arange(len(c.close)) / 5) * 150
    return {"osc": x, "hist": np.diff(x, prepend=x[0]) * 10}


STUDIES = (
    StudySpec(
        name="Test Cloud", kind="test_cloud", aliases=("tcloud",),
        inputs=(length("period", 20, "in_0"), length("displacement", 26, "in_1")),
        plots=(
            Plot("fast", color="#0000fe", names=("plot", "fast")),
            Plot("slow", kind="step_line", color="#0000fd", names=("slow",)),
            Plot("span_a", color="#00fe00", width=1.0, offset=lambda p: p["displacement"], names=("span a",)),
            Plot("span_b", color="#00fd00", width=1.0, offset=lambda p: p["displacement"], names=("span b",)),
            Plot("lagging", color="#fe0000", offset=lambda p: -p["displacement"], names=("lagging",)),
        ),
        fills=(Fill("span_a", "span_b", color="#ff00ff", color_below="#00ffff", alpha=1.0),),
        compute=_cloud,
        legend=lambda p, last, fmt: [("fast", f"Cloud {p['period']}  {fmt.price(last['fast'])}")],
    ),
    StudySpec(
        name="Test Pivots", kind="test_pivots",
        inputs=(length("period", 25, "in_0"),),
        plots=(Plot("pivot", kind="levels", color="#0000ff", width=2.0, names=("plot",)),),
        compute=_pivots,
        legend=lambda p, last, fmt: [("pivot", f"P {fmt.price(last['pivot'])}")],
    ),
    StudySpec(
        name="Test Oscillator", kind="test_osc",
        inputs=(),
        plots=(
            Plot("hist", kind="histogram", rule="sign_trend", colors=("#00aa00", "#88ff88", "#ff8888", "#aa0000"),
                 alpha=1.0, baseline=True, names=("histogram",)),
            Plot("osc", kind="circles", color="#123456", width=2.0, names=("plot",)),
        ),
        pane=Pane(lines=(-100.0, 100.0), band=(-100.0, 100.0), mid=0.0, include=(0.0,), format="integer"),
        compute=_osc,
        legend=lambda p, last, fmt: [("osc", f"Osc  {fmt.fixed2(last['osc'])}"), ("hist", "Hist")],
    ),
)
'''


@pytest.fixture()
def dropped_in(tmp_path: Path):
    (tmp_path / "zz_test_vocabulary.py").write_text(textwrap.dedent(DROP_IN))
    studies.__path__.append(str(tmp_path))
    studies._load.cache_clear()
    yield
    studies.__path__.remove(str(tmp_path))
    studies._load.cache_clear()
    sys.modules.pop("chart_export.studies.zz_test_vocabulary", None)


def test_a_new_module_is_a_new_study(dropped_in) -> None:
    assert studies.lookup("TCLOUD").kind == "test_cloud"
    assert {"Test Cloud", "Test Pivots", "Test Oscillator"} <= set(studies.known_names())
    assert studies.closest("Test Clod")[0] == "Test Cloud"
    t = parse_template({"request": {"studies": [{"name": "Test Cloud", "input": {"in_1": 10}}]}}, template_id="t")
    assert t.studies[0].inputs == {"period": 20, "displacement": 10}


def test_offsets_show_the_future_area_and_the_cloud_has_two_colours(dropped_in) -> None:
    t = parse_template({"request": {"studies": [{"name": "Test Cloud"}]}}, template_id="t")
    candles = series(300)
    prep = prepare_chart(t, candles)
    assert prep.future_bars == 26
    cloud = prep.studies[0]
    k = len(prep.window)
    assert cloud.values("span_a").shape == (k + 26,)
    np.testing.assert_array_equal(cloud.values("span_a")[26:], cloud.series["span_a"])  # drawn 26 bars later
    np.testing.assert_array_equal(cloud.values("lagging")[: k - 26], cloud.series["lagging"][26:])  # 26 bars back
    png = ChartRenderer().render(t, candles, symbol="S", timeframe="1d").png
    above, below = mask(png, "#ff00ff"), mask(png, "#00ffff")
    right_frame = np.flatnonzero(mask(png, "#d1d4dc").sum(axis=0) > 100).max()  # the last-price box is right of it
    candle_x = np.flatnonzero((mask(png, "#089981") | mask(png, "#f23645"))[:, :right_frame].any(axis=0)).max()
    assert above.sum() > 200 and below.sum() > 200
    assert np.flatnonzero((above | below).any(axis=0)).max() > candle_x + 60  # the cloud reaches into the future


def test_levels_are_horizontal_segments_with_gaps(dropped_in) -> None:
    t = parse_template({"request": {"studies": [{"name": "Test Pivots"}]}}, template_id="t")
    blue = mask(ChartRenderer().render(t, series(300), symbol="S", timeframe="1d").png, "#0000ff")
    blue[:60] = False  # the legend swatch
    rows = np.flatnonzero(blue.any(axis=1))
    assert len(rows) >= 4  # several levels
    assert blue.sum(axis=0).max() <= 4  # no vertical connectors: a column crosses one level (2 px) at most


def test_histogram_rule_markers_and_reference_lines(dropped_in) -> None:
    t = parse_template({"request": {"studies": [{"name": "Test Oscillator"}]}}, template_id="t")
    chart = ChartRenderer().render(t, series(300), symbol="S", timeframe="1d")
    for colour in ("#00aa00", "#88ff88", "#ff8888", "#aa0000", "#123456"):
        assert mask(chart.png, colour).sum() > 20, colour
    overlay = parse_template({"request": {"studies": [{"name": "Test Oscillator", "forceOverlay": True}]}}, template_id="o")
    assert ChartRenderer().render(overlay, series(300), symbol="S", timeframe="1d").meta["studies"][0]["pane"] == "price"
