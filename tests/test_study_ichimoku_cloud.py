"""Ichimoku Cloud through the registry: TA-Lib MAX/MIN composition; TradingView plot offsets; two-colour cloud; robust inputs; renders at 800x600 light and dark."""

from __future__ import annotations

import io
import warnings

import numpy as np
import pytest
import talib
from numpy.testing import assert_allclose, assert_array_equal
from PIL import Image

from chart_export import studies
from chart_export.candles import Candles
from chart_export.rendering import ChartRenderer
from chart_export.templates import parse_template
from tests._series import KINDS, make_series
from tests.test_rendering import series

SPEC = studies.lookup('Ichimoku Cloud')
T0 = 1_704_067_200  # 2024-01-01T00:00:00Z


def candles(kind: str, step: int = 3600) -> Candles:
    s = make_series(kind)
    return Candles.from_arrays(T0 + step * np.arange(s["close"].shape[0], dtype=np.int64),
                               s["open"], s["high"], s["low"], s["close"], s["volume"])


def run(c: Candles, **inputs) -> dict[str, np.ndarray]:
    p = {i.key: i.default for i in SPEC.inputs} | inputs
    with warnings.catch_warnings(), np.errstate(divide="raise", over="raise", invalid="raise"):
        warnings.simplefilter("error")
        return SPEC.compute(c, p)


def assert_matches(ours, ref, label: str = "", rtol: float = 1e-6) -> None:
    """Same NaN mask as ``ref``; equal (1e-6 relative) where ``ref`` is defined."""
    ours, ref = np.asarray(ours), np.asarray(ref, dtype=np.float64)
    assert ours.shape == ref.shape and ours.dtype == np.float64, label
    assert_array_equal(np.isnan(ours), np.isnan(ref), err_msg=f"{label}: NaN positions differ")
    defined = ~np.isnan(ref)
    if defined.any():
        scale = float(np.max(np.abs(ref[defined])))
        assert_allclose(ours[defined], ref[defined], rtol=rtol, atol=1e-10 * scale + 1e-300, err_msg=label)


def bars(o, h, l, c, v, step: int = 3600) -> Candles:
    """Hand-worked candles (times ``step`` apart)."""
    o = np.asarray(o, dtype=np.float64)
    return Candles.from_arrays(T0 + step * np.arange(o.shape[0], dtype=np.int64), o, np.asarray(h, dtype=np.float64),
                               np.asarray(l, dtype=np.float64), np.asarray(c, dtype=np.float64),
                               np.asarray(v, dtype=np.float64))


def check_defined_from(out: np.ndarray, first: int, label: str = "") -> None:
    """NaN before ``first``, finite from ``first`` on."""
    assert np.isnan(out[:first]).all(), f"{label}: defined before bar {first}"
    assert np.isfinite(out[first:]).all(), f"{label}: not finite from bar {first}"


def robust_cases() -> dict[str, Candles]:
    """The flat series, the trend with zero volume, a constant series with zero volume, 3 bars."""
    t = candles("trend")
    n = 300
    k = np.full(n, 1.2345)
    return {"flat": candles("flat"),
            "trend_zero_volume": Candles.from_arrays(t.time, t.open, t.high, t.low, t.close, np.zeros(len(t))),
            "constant": Candles.from_arrays(T0 + 60 * np.arange(n, dtype=np.int64), k, k, k, k, np.zeros(n)),
            "short": t.tail(3)}


def check_robust(**inputs) -> None:
    """No warning, no inf, float64 arrays of the input length for every plotted output."""
    for label, c in robust_cases().items():
        out = run(c, **inputs)
        assert {p.key for p in SPEC.plots} - {"smoothing"} <= set(out), label
        for key, a in out.items():
            assert isinstance(a, np.ndarray) and a.dtype == np.float64 and a.shape == (len(c),), (label, key)
            assert not np.isinf(a).any(), (label, key)


def near(png: bytes, hex_colour: str, tol: int = 24) -> int:
    """Pixels within ``tol`` of a colour."""
    img = np.asarray(Image.open(io.BytesIO(png)).convert("RGB")).astype(int)
    target = np.array([int(hex_colour[i : i + 2], 16) for i in (1, 3, 5)])
    return int((np.abs(img - target).max(axis=2) <= tol).sum())


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_renders_at_800x600(theme) -> None:
    t = parse_template({"request": {"width": 800, "height": 600, "theme": theme,
                                    "studies": [{"name": SPEC.name}]}}, template_id="t")
    chart = ChartRenderer().render(t, series(400), symbol="S", timeframe="1d")
    assert Image.open(io.BytesIO(chart.png)).size == (800, 600)
    assert len(chart.png) < 256 * 1024
    assert chart.meta["studies"][0]["kind"] == SPEC.kind
    assert near(chart.png, '#2962FF') > 60  # the study is drawn, not only its legend swatch


def test_robust() -> None:
    check_robust()


def test_offsets_are_tradingview_plot_offsets() -> None:
    from chart_export.rendering import prepare_chart

    p = {i.key: i.default for i in SPEC.inputs}
    offsets = {plot.key: plot.offset_for(p) for plot in SPEC.plots}
    assert offsets == {"conversion": 0, "base": 0, "lagging": -25, "lead_a": 25, "lead_b": 25}
    t = parse_template({"request": {"studies": [{"name": "Ichimoku", "input": {"in_3": 30}}]}}, template_id="t")
    prep = prepare_chart(t, series(300))
    assert prep.future_bars == 29
    k = len(prep.window)
    cloud = prep.studies[0]
    np.testing.assert_array_equal(cloud.values("lead_a")[29:], cloud.series["lead_a"])
    np.testing.assert_array_equal(cloud.values("lagging")[: k - 29], cloud.series["lagging"][29:])


def test_cloud_has_two_colours() -> None:
    (fill,) = SPEC.fills
    assert (fill.upper, fill.lower, fill.color_below) == ("lead_a", "lead_b", "#F44336")


@pytest.mark.parametrize("kind", KINDS)
def test_talib_composition(kind) -> None:
    c = candles(kind)
    h, l = c.high, c.low
    out = run(c)

    def mid(n):
        return (talib.MAX(h, n) + talib.MIN(l, n)) / 2

    assert_matches(out["conversion"], mid(9), label=kind)
    assert_matches(out["base"], mid(26), label=kind)
    assert_matches(out["lead_a"], (mid(9) + mid(26)) / 2, label=kind)
    assert_matches(out["lead_b"], mid(52), label=kind)
    np.testing.assert_array_equal(out["lagging"], c.close)
