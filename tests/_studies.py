"""Helpers for the tests of the catalogue studies (second half of the staging conversion):
the four series of tests/_series.py as candles, hand-worked candles, the study's compute through the
registry (``run`` by name, or ``runner(name)`` bound to one study), TA-Lib comparison, robustness on
degenerate series, input positions, and the render checks (the same renderer, template parser and
candles as tests/test_study_registry.py; ``near`` counts the pixels of a colour)."""

from __future__ import annotations

import contextlib
import functools
import io
import warnings
from collections.abc import Callable, Iterable

import numpy as np
from numpy.testing import assert_allclose, assert_array_equal
from PIL import Image

from chart_export import studies
from chart_export.candles import Candles
from chart_export.rendering import ChartRenderer
from chart_export.templates import parse_template
from tests._series import KINDS, make_series
from tests.test_rendering import series as render_series

RTOL = 1e-6
T0 = 1_704_067_200  # 2024-01-01T00:00:00Z
MAX_PNG = 256 * 1024

THEMES = ("light", "dark")

__all__ = ["KINDS", "RTOL", "THEMES", "assert_matches", "bars", "candles", "check_defined_from", "check_positions",
           "check_render", "check_renders", "check_robust", "first_defined", "near", "render_series", "run", "runner",
           "series", "spec"]


def spec(name: str):
    found = studies.lookup(name)
    assert found is not None, f"{name!r} is not registered"
    return found


@functools.cache
def series(kind: str, step: int = 3600) -> Candles:
    s = make_series(kind)
    n = s["close"].shape[0]
    return Candles.from_arrays(T0 + step * np.arange(n, dtype=np.int64), s["open"], s["high"], s["low"],
                               s["close"], s["volume"])


def candles(o, h, l, c, v=None, t=None) -> Candles:
    n = len(c)
    return Candles.from_arrays(T0 + 60 * np.arange(n) if t is None else t, o, h, l, c,
                               np.ones(n) if v is None else v)


def bars(o, h, l, c, v, step: int = 3600) -> Candles:
    """Hand-worked candles, times ``step`` apart (volume required, unlike ``candles``)."""
    f = functools.partial(np.asarray, dtype=np.float64)
    return Candles.from_arrays(T0 + step * np.arange(len(o), dtype=np.int64), f(o), f(h), f(l), f(c), f(v))


@contextlib.contextmanager
def no_fp_warnings():
    with warnings.catch_warnings(), np.errstate(divide="raise", over="raise", invalid="raise"):
        warnings.simplefilter("error")
        yield


def run(name: str, c: Candles, tz=None, **kw) -> dict[str, np.ndarray]:
    """The registered study's compute on ``c`` with its defaults updated by ``kw``, through
    ``StudySpec.run`` as the renderer calls it (a calendar study gets ``tz``, default UTC)."""
    sp = spec(name)
    inputs = {i.key: i.default for i in sp.inputs}
    unknown = set(kw) - set(inputs)
    assert not unknown, f"unknown inputs {unknown}"
    inputs.update(kw)
    with no_fp_warnings():
        return sp.run(c, inputs, tz)


def runner(name: str) -> Callable[..., dict[str, np.ndarray]]:
    """``run`` bound to one study: ``runner(name)(c, tz, **kw) == run(name, c, tz, **kw)``."""
    return functools.partial(run, name)


def assert_matches(ours, ref, *, label: str = "", rtol: float = RTOL) -> None:
    """Same NaN mask as ``ref``; equal values where ``ref`` is defined."""
    ours = np.asarray(ours)
    ref = np.asarray(ref, dtype=np.float64)
    assert ours.shape == ref.shape, label
    assert ours.dtype == np.float64, label
    assert_array_equal(np.isnan(ours), np.isnan(ref), err_msg=f"{label}: NaN positions differ")
    defined = ~np.isnan(ref)
    if defined.any():
        scale = float(np.max(np.abs(ref[defined])))
        assert_allclose(ours[defined], ref[defined], rtol=rtol, atol=1e-10 * scale + 1e-300, err_msg=label)


def first_defined(a) -> int:
    idx = np.flatnonzero(~np.isnan(a))
    return int(idx[0]) if idx.size else len(a)


def check_defined_from(out: np.ndarray, first: int, label: str = "") -> None:
    """NaN before ``first``, finite from ``first`` on (no gaps, no inf)."""
    assert np.isnan(out[:first]).all(), f"{label}: defined before bar {first}"
    assert np.isfinite(out[first:]).all(), f"{label}: not finite from bar {first}"


def _robust_cases() -> dict[str, Candles]:
    """The flat series, the trend with zero volume, a constant series with zero volume, and
    a 3-bar series (shorter than every warm-up)."""
    trend = series("trend")
    n = 300
    k = np.full(n, 1.2345)
    const = Candles.from_arrays(T0 + 60 * np.arange(n), k, k, k, k, np.zeros(n))
    zero_vol = Candles.from_arrays(trend.time, trend.open, trend.high, trend.low, trend.close,
                                   np.zeros(len(trend)))
    return {"flat": series("flat"), "trend_zero_volume": zero_vol, "constant": const, "short": trend.tail(3)}


def check_robust(name: str, *, optional: Iterable[str] = (), **kw) -> None:
    """No warning, no inf, float64 arrays of the input length for every drawn output (but the
    ``optional`` ones, which an input may leave out)."""
    keys = {p.key for p in spec(name).plots} - set(optional)
    for case, c in _robust_cases().items():
        out = run(name, c, **kw)
        assert keys <= set(out), f"{name}/{case}: missing outputs"
        for k, a in out.items():
            assert isinstance(a, np.ndarray) and a.dtype == np.float64, f"{name}/{case}/{k}"
            assert a.shape == (len(c),), f"{name}/{case}/{k}: wrong length"
            assert not np.isinf(a).any(), f"{name}/{case}/{k}: inf"


def check_positions(name: str, keys: list[str], tv_names: dict[str, tuple[str, ...]]) -> None:
    """Inputs in TradingView's order (``in_N`` = the N-th) with their TradingView names."""
    sp = spec(name)
    assert [i.key for i in sp.inputs] == keys
    for n, i in enumerate(sp.inputs):
        assert f"in_{n}" in i.aliases, i.key
        assert set(tv_names.get(i.key, ())) <= set(i.aliases), i.key


def check_tv_positions(name: str, positions: dict[str, int], tv_names: dict[str, tuple[str, ...]]) -> None:
    """Inputs in TradingView's order, each with its own ``in_N`` only (a script whose
    other inputs, colours among them, are not inputs here), and their TradingView names."""
    sp = spec(name)
    assert [i.key for i in sp.inputs] == list(positions)
    for i in sp.inputs:
        assert {a for a in i.aliases if a.startswith("in_")} == {f"in_{positions[i.key]}"}, i.key
        assert set(tv_names.get(i.key, ())) <= set(i.aliases), i.key


def check_render(name: str, theme: str, inputs: dict | None = None, *, bars: int = 400):
    """The study in a template renders at 800x600 in ``theme``, PNG under 256 KiB; the rendered chart."""
    study = {"name": name, **({"input": inputs} if inputs else {})}
    t = parse_template({"request": {"width": 800, "height": 600, "theme": theme, "studies": [study]}},
                       template_id=f"t-{theme}")
    chart = ChartRenderer().render(t, render_series(bars), symbol="S", timeframe="1d")
    assert chart.meta["studies"][0]["kind"] == spec(name).kind
    assert Image.open(io.BytesIO(chart.png)).size == (800, 600)
    assert len(chart.png) < MAX_PNG, len(chart.png)
    return chart


def check_renders(name: str, inputs: dict | None = None, *, bars: int = 400) -> list[bytes]:
    """``check_render`` in light and dark, each with its legend values, and the two PNGs differ."""
    pngs = []
    for theme in THEMES:
        chart = check_render(name, theme, inputs, bars=bars)
        assert chart.meta["studies"][0]["last"]
        pngs.append(chart.png)
    assert pngs[0] != pngs[1]
    return pngs


def near(png: bytes, hex_colour: str, tol: int = 24) -> int:
    """Pixels within ``tol`` (per channel) of a ``#RRGGBB`` colour."""
    img = np.asarray(Image.open(io.BytesIO(png)).convert("RGB")).astype(int)
    target = np.array([int(hex_colour[i : i + 2], 16) for i in (1, 3, 5)])
    return int((np.abs(img - target).max(axis=2) <= tol).sum())
