"""Every ported TradingView built-in (devtools/oracle/ports) equals our study, output by output,
on every committed series and input set: same NaN mask, relative error <= 1e-9 (absolute <=
1e-10 x the series' scale). The expected vectors are committed (``make oracle`` regenerates
them); the template keys of each case go through the template parser, so TradingView's input
titles are tested too. No output is exempt: sums, variances, deviations and logarithms use
TradingView's arithmetic (studies/_pine.py), so even a flat window's rounding residue is
TradingView's (the vectors keep 12 significant digits; tests/test_pine.py holds the rolling sum
to PyneCore's bit for bit)."""

from __future__ import annotations

import csv
import functools
import json
from datetime import UTC
from pathlib import Path

import numpy as np
import pytest

from chart_export import studies
from chart_export.candles import Candles
from chart_export.sessions import session_for
from chart_export.templates import Problems, _parse_inputs

DATA = Path(__file__).parent / "data" / "oracle"
RTOL = 1e-9
ATOL = 1e-10  # x the series' scale


@functools.cache
def bars(name: str) -> Candles:
    with (DATA / "bars" / f"{name}.csv").open() as f:
        rows = list(csv.DictReader(f))
    col = {k: np.array([float(r[k]) for r in rows]) for k in ("open", "high", "low", "close", "volume")}
    t = np.array([int(r["time"]) for r in rows], dtype=np.int64)
    return Candles.from_arrays(t, col["open"], col["high"], col["low"], col["close"], col["volume"])


# Cases where our study still differs from TradingView (strict: a case that starts to match
# fails until it is taken off this list).
KNOWN_DIFFERENT: set[str] = set()  # none left: a case here is an xfail(strict) until it matches


def _cases():
    for path in sorted(DATA.glob("*.json")):
        doc = json.loads(path.read_text())
        for i, run in enumerate(doc["runs"]):
            case = f"{path.stem}-{i}"
            marks = [pytest.mark.xfail(strict=True, reason="differs from TradingView")] if case in KNOWN_DIFFERENT else []
            yield pytest.param(doc, run, id=case, marks=marks)


CASES = list(_cases())


def compare(ours: np.ndarray | None, expected: list, label: str, rtol: float | None = None) -> None:
    ref = np.array([np.nan if v is None else v for v in expected], dtype=np.float64)
    assert ours is not None, f"{label}: output missing"
    ours = np.array(ours, dtype=np.float64)
    assert ours.shape == ref.shape, label
    mask_ours, mask_ref = np.isnan(ours), np.isnan(ref)
    if not np.array_equal(mask_ours, mask_ref):
        bad = np.flatnonzero(mask_ours != mask_ref)
        raise AssertionError(f"{label}: NaN mask differs at {bad.size} bars, first {bad[:5].tolist()} "
                             f"(ours {ours[bad[:5]].tolist()}, TradingView {ref[bad[:5]].tolist()})")
    ok = ~mask_ref
    if not ok.any():
        return
    scale = float(np.max(np.abs(ref[ok])))
    err = np.abs(ours[ok] - ref[ok])
    bad = err > np.maximum((rtol or RTOL) * np.abs(ref[ok]), ATOL * scale)
    if bad.any():
        idx = np.flatnonzero(ok)[bad]
        raise AssertionError(f"{label}: {idx.size} bars differ, first {idx[:5].tolist()}: ours "
                             f"{ours[idx[:5]].tolist()}, TradingView {ref[idx[:5]].tolist()}")


def next_period(values: list, periods: list) -> tuple[list, np.ndarray]:
    """A port's ``next_period`` output (Rob Booker - Ziv Ghost Pivots) mapped back to the value
    TradingView draws: the script plots ``request.security(tf, hlc3[0], lookahead_on)``, the
    FINAL hlc3 of the period on every bar of it, which PyneCore cannot give (a bare value with
    lookahead_on is the period built so far there); the port requests ``hlc3[1]``, fixed when the
    period opens, so its value on the FIRST bar of period k+1 is period k's final hlc3 (``[1]``
    inside the request is the higher-timeframe bar before: period k, closed). So TradingView's
    value on the bars of period k = the port's on the first bar of period k+1. ``periods``: the
    port's plot of each bar's period opening time (the request's own ``time``; a new value starts
    a period). Returns the mapped values of the bars that have a next period and their indices:
    the last period of a series has none, so its bars are compared to nothing."""
    assert all(p is not None for p in periods), "a bar without a period"
    starts = [i for i in range(len(periods)) if i == 0 or periods[i] != periods[i - 1]]
    assert all(periods[a] < periods[b] for a, b in zip(starts, starts[1:])), "periods out of order"
    mapped = []
    for a, b in zip(starts, starts[1:]):
        mapped += [values[b]] * (b - a)
    return mapped, np.arange(len(mapped))


def visible(c: Candles, first: int, last: int) -> Candles:
    """The bars ``first..last`` (a run's ``visible`` range: the chart's visible bars)."""
    col = {k: getattr(c, k)[first:last + 1] for k in ("time", "open", "high", "low", "close", "volume")}
    return Candles.from_arrays(col["time"], col["open"], col["high"], col["low"], col["close"], col["volume"])


def on_series(value, n: int, first: int, last: int) -> np.ndarray:
    """A window study's output as a series of the ``n`` bars: a number is the port's plot on
    the last bar (na before it); a series over the visible bars ``first..last`` (Bollinger
    Bars' candles) is compared bar for bar there (na elsewhere)."""
    if np.ndim(value) == 0:
        return np.r_[np.full(n - 1, np.nan), float(value)]
    out = np.full(n, np.nan)
    out[first:last + 1] = value
    return out


@pytest.mark.parametrize(("doc", "run"), CASES)
def test_study_equals_tradingview(doc, run):
    spec = studies.lookup(doc["study"])
    assert spec is not None, f"{doc['study']!r} is not registered"
    inputs = _parse_inputs(spec, run["template"], doc["study"], Problems())
    compared = 0
    for series, vectors in run["series"].items():
        if spec.window:  # computed on the visible bars: all by default
            n = len(bars(series))
            first, last = run.get("visible", (0, n - 1))
            result = {k: on_series(v, n, first, last)
                      for k, v in spec.run(visible(bars(series), first, last), inputs).items()}
        else:  # a run's "exchange": the symbol's session (generate.EXCHANGES), 24 hours UTC without
            session = session_for(f"{run['exchange']}:ORACLE", None, UTC, "UTC") if "exchange" in run else None
            result = spec.run(bars(series), inputs, session=session)
        for title, key in doc["outputs"].items():
            expected = vectors[title]
            ours = result.get(key)
            label = f"{doc['study']} {run['template']} {series} {title!r}"
            if title in doc.get("next_period", {}):  # compared on the bars that have a next period
                expected, keep = next_period(expected, vectors[doc["next_period"][title]])
                ours = None if ours is None else np.asarray(ours)[keep]
            if all(v is None for v in expected) and key not in result:
                continue  # an output TradingView leaves na throughout (a smoothing line set to None)
            compare(ours, expected, label)
            compared += any(v is not None for v in expected)
    assert compared, "the case compares no value (no series, no outputs, or TradingView's all na)"


def test_next_period_maps_each_period_to_the_next_periods_first_bar():
    """The Ghost Pivots mapping: bars of period k get the value on period k+1's first bar; the
    last period is dropped (no next period)."""
    values = [None, None, 1.5, 1.5, 1.5, 2.5, 2.5]
    periods = [10, 10, 20, 20, 20, 30, 30]
    mapped, keep = next_period(values, periods)
    assert mapped == [1.5, 1.5, 2.5, 2.5, 2.5] and keep.tolist() == [0, 1, 2, 3, 4]
    assert next_period([7.0, 7.0], [5, 5])[0] == []  # one period: nothing to compare
    with pytest.raises(AssertionError):
        next_period([1.0, 2.0, 3.0], [20, 10, 20])  # a period starting before the last one


def test_every_port_has_vectors():
    ports = {p.stem for p in (Path(__file__).parents[1] / "devtools" / "oracle" / "ports").glob("[!_]*.py")}
    assert ports == {p.stem for p in DATA.glob("*.json")}


def test_the_zigzag_library_port_is_one_text_in_every_port_that_imports_it():
    """PyneCore compiles each port on its own, so the ZigZag library's port is repeated in the
    three ports whose scripts import it: the copies must stay the same text."""
    ports = Path(__file__).resolve().parents[1] / "devtools" / "oracle" / "ports"
    blocks = {}
    for name in ("zig_zag", "auto_fib_retracement", "auto_pitchfork"):
        text = (ports / f"{name}.py").read_text("utf-8")
        start = text.index("# ---- TradingView/ZigZag library")
        blocks[name] = text[start:text.index("# ---- end of the library", start)]
    assert len(set(blocks.values())) == 1, "the ZigZag library block differs between ports"


def test_the_intraday_tf_change_is_one_text_in_every_port_that_uses_it():
    """``tf_change`` (``timeframe.change`` read as ``time(tf)`` changing for an intraday ``tf``:
    devtools/oracle/README.md) is repeated in each port that needs it, a port being compiled on
    its own: the copies must stay the same text."""
    import ast

    ports = Path(__file__).resolve().parents[1] / "devtools" / "oracle" / "ports"
    texts = {}
    for path in ports.glob("[!_]*.py"):
        text = path.read_text("utf-8")
        for node in ast.parse(text).body:
            if isinstance(node, ast.FunctionDef) and node.name == "tf_change":
                texts[path.stem] = ast.get_source_segment(text, node)
    assert set(texts) == {"multi_time_period_charts", "relative_volume_at_time", "time_weighted_average_price"}
    assert len(set(texts.values())) == 1, "tf_change differs between ports"


def test_each_series_declares_its_bars_timeframe_and_decimals():
    """The symbol info ``generate.syminfo`` gives each series declares the timeframe its bars have
    (their most common step) and their price decimals (``syminfo.mintick``'s, the data's tick's):
    PyneCore's resampler and ``timeframe.change`` read the timeframe (``eurusd_tv``, 30-minute
    bars, once declared "60", got its 240 / D periods a bar early) and a script's
    ``format.mintick`` the tick (Trading Sessions' tick range, ten times too small on
    ``eurusd_tv``'s 5 decimals with the 0.0001 it declared)."""
    import ast
    import math

    from chart_export._render.numbers import price_tick
    from chart_export.studies._bars import bar_seconds

    source = (Path(__file__).parents[1] / "devtools" / "oracle" / "generate.py").read_text()
    tables = {k.arg: k.value for k in ast.walk(ast.parse(source)) if isinstance(k, ast.keyword)
              and k.arg in ("period", "mintick") and isinstance(k.value, ast.Call)
              and isinstance(k.value.func, ast.Attribute) and isinstance(k.value.func.value, ast.Dict)}
    assert set(tables) == {"period", "mintick"}, "the period / mintick tables of generate.syminfo are not found"
    declared = {key: (ast.literal_eval(call.func.value), ast.literal_eval(call.args[1])) for key, call in tables.items()}
    seconds = {"1D": 86400, "1W": 7 * 86400}
    for path in sorted((DATA / "bars").glob("*.csv")):
        c = bars(path.stem)
        table, default = declared["period"]
        period = table.get(path.stem, default)
        step = 60 * int(period) if period.isdigit() else seconds[period]
        assert bar_seconds(c.time) == step, f"{path.stem} declares {period!r}"
        table, default = declared["mintick"]
        tick = price_tick(c.open, c.high, c.low, c.close)
        mintick = table.get(path.stem, default)
        data_decimals = max(0, -math.floor(math.log10(tick) + 1e-9))  # 0.05: 2, 1e-05: 5
        assert round(-math.log10(mintick)) == data_decimals, f"{path.stem} declares {mintick}, its data tick {tick}"
