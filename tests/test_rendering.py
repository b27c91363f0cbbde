"""chart_export.rendering: PNGs of the built-ins, determinism, windowing, time ticks, budget."""

from __future__ import annotations

import io
import json
import re
import struct
import subprocess
import sys
import zlib
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import numpy as np
import pytest
from PIL import Image

from chart_export.candles import Candles
from chart_export.errors import ErrorCode, StepFailure
from chart_export._render.numbers import compact_tick_labels, decimals_for_step, price_decimals
from chart_export._render.png import encode_png_rgb
from chart_export._render.prepare import compute_study, visible_bar_count
from chart_export._render.time_axis import time_ticks, timeframe_seconds
from chart_export.rendering import MAX_PNG_BYTES, ChartRenderer, prepare_chart, render_chart
from chart_export.studies import _pine as pine
from chart_export.studies.directional_movement import dmi
from chart_export.templates import BUILTIN_TEMPLATE_IDS, builtin_template, load_builtin, parse_template
from tests._series import make_series

ROOT = Path(__file__).resolve().parents[1]
DAY = 86_400
START = 1_700_000_000 - 1_700_000_000 % DAY

# Every study, style and option the built-ins leave out (also benchmarks/pixel_baseline.py's cases).
ALL_STUDIES = {"request": {
    "width": 1200, "height": 900, "scale": "log", "style": "hollowCandle", "timezone": "America/New_York",
    "studies": [
        {"name": "Moving Average", "input": {"length": 50}},
        {"name": "Moving Average Exponential", "input": {"length": 20, "source": "hl2"}},
        {"name": "Bollinger Bands"}, {"name": "Parabolic SAR", "override": {"Plot.plottype": "circles"}},
        {"name": "Volume Profile Visible Range", "input": {"volume": "Total"}},
        {"name": "Volume", "forceOverlay": True, "input": {"showMA": True}},
        {"name": "RSI", "input": {"smoothingLine": "EMA"}}, {"name": "MACD"},
        {"name": "ADX", "input": {"in_0": 10, "in_1": 14}}, {"name": "OBV"}, {"name": "Stoch RSI"},
    ],
}}
STYLES = ("bar", "line", "area", "heikinAshi", "candle")
STYLE_STUDIES = [{"name": "VPVR", "input": {"volume": "Delta"}}, {"name": "RSI", "forceOverlay": True}]


def series(n: int, *, kind: str = "trend", tf: int = DAY, start: int = START, seed: int = 3) -> Candles:
    """Deterministic candles (tests/_series.make_series) with times."""
    s = make_series(kind, n, seed)
    return Candles.from_arrays(start + tf * np.arange(n, dtype=np.int64), s["open"], s["high"], s["low"], s["close"],
                               s["volume"])


@pytest.fixture(scope="module")
def renderer() -> ChartRenderer:
    return ChartRenderer()


@pytest.fixture(scope="module")
def candles() -> Candles:
    return series(600)


def decode(png: bytes) -> Image.Image:
    img = Image.open(io.BytesIO(png))
    img.load()
    return img


def chunk_types(png: bytes) -> list[bytes]:
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    pos, kinds = 8, []
    while pos < len(png):
        (length,) = struct.unpack(">I", png[pos : pos + 4])
        kinds.append(png[pos + 4 : pos + 8])
        pos += 12 + length
    return kinds


def colour_count(png: bytes, hex_colour: str) -> int:
    rgb = np.asarray(decode(png).convert("RGB"))
    target = np.array([int(hex_colour[i : i + 2], 16) for i in (1, 3, 5)], dtype=np.uint8)
    return int((rgb == target).all(axis=2).sum())


# --------------------------------------------------------------------------- the built-ins


@pytest.mark.parametrize("template_id", BUILTIN_TEMPLATE_IDS)
def test_builtin_renders_a_valid_png_within_budget(renderer: ChartRenderer, candles: Candles, template_id: str) -> None:
    chart = renderer.render(load_builtin(template_id), candles, symbol="BTCUSDT", timeframe="1d")
    img = decode(chart.png)
    assert img.format == "PNG"
    assert img.size == (800, 600) == (chart.width, chart.height)
    assert len(chart.png) <= MAX_PNG_BYTES
    assert chart.meta["png_bytes"] == len(chart.png)
    # no ancillary chunks: nothing that varies between runs (time, software)
    assert chunk_types(chart.png) == [b"IHDR", b"IDAT", b"IEND"]
    # it is not blank: many distinct colours, both candle colours present
    assert len(np.unique(np.asarray(img).reshape(-1, 3), axis=0)) > 50
    assert colour_count(chart.png, "#089981") > 50 and colour_count(chart.png, "#f23645") > 50


@pytest.mark.parametrize("template_id", BUILTIN_TEMPLATE_IDS)
def test_same_input_gives_the_same_bytes(candles: Candles, template_id: str) -> None:
    template = load_builtin(template_id)
    shared = ChartRenderer()
    first = shared.render(template, candles, symbol="BTCUSDT", timeframe="1d").png
    # other charts in between reuse (and redraw) the same cached figures
    for other in BUILTIN_TEMPLATE_IDS:
        shared.render(load_builtin(other), series(300, seed=9), symbol="ETHUSDT", timeframe="4h")
    again = shared.render(template, candles, symbol="BTCUSDT", timeframe="1d").png
    fresh = ChartRenderer().render(template, candles, symbol="BTCUSDT", timeframe="1d").png
    assert first == again == fresh


def test_meta_records_window_studies_and_size(renderer: ChartRenderer, candles: Candles) -> None:
    chart = renderer.render(load_builtin("ctpl_price_ma1226_bb_macd1226_v1"), candles, symbol="BTCUSDT", timeframe="1d")
    meta = chart.meta
    json.dumps(meta)  # JSON-serialisable (manifest items)
    k = visible_bar_count(800, len(candles))
    assert meta["visible_bars"] == k == 144
    assert meta["total_bars"] == 600
    assert meta["first_bar_time"] == datetime.fromtimestamp(int(candles.time[-k]), UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    assert meta["last_bar_time"] == datetime.fromtimestamp(int(candles.time[-1]), UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    assert meta["timeframe_seconds"] == DAY
    assert (meta["symbol"], meta["timeframe"], meta["template_id"]) == ("BTCUSDT", "1d", "ctpl_price_ma1226_bb_macd1226_v1")
    kinds = [s["kind"] for s in meta["studies"]]
    assert kinds == ["bbands", "ma_double", "macd"]
    bb, mad, macd = meta["studies"]
    assert bb["inputs"] == {"length": 20, "mult": 2.0, "source": "close", "ma_type": "SMA", "offset": 0}
    assert mad["inputs"] == {"first": 12, "second": 26, "method": "SMA"}
    assert macd["inputs"] == {"fast": 12, "slow": 26, "signal": 9, "source": "close", "oscillator_ma": "EMA",
                              "signal_ma": "EMA"}
    assert mad["last"]["ma1"] == pytest.approx(pine.sma(candles.close, 12)[-1], rel=1e-7)
    line = pine.ema(candles.close, 12) - pine.ema(candles.close, 26)  # TradingView's MACD
    assert macd["last"]["hist"] == pytest.approx((line - pine.ema(line, 9))[-1], rel=1e-6)
    assert meta["last_close"] == pytest.approx(candles.close[-1])
    assert len(json.dumps(meta)) < 4096  # small enough for a 64 KiB manifest with many charts


# --------------------------------------------------------------------------- windowing


@pytest.mark.parametrize("template_id", BUILTIN_TEMPLATE_IDS)
def test_first_visible_values_equal_whole_history_values(candles: Candles, template_id: str) -> None:
    template = load_builtin(template_id)
    prep = prepare_chart(template, candles)
    k = len(prep.window)
    assert k == 144
    assert np.array_equal(prep.window.close, candles.close[-k:])
    for ps in prep.studies:
        full = compute_study(ps.study, candles)
        for name, values in ps.series.items():
            assert len(values) == k
            np.testing.assert_array_equal(values, full[name][-k:], err_msg=f"{ps.study.kind}.{name}")
            assert np.isfinite(values[0]), f"{ps.study.kind}.{name} is still warming up on the first visible bar"


def test_window_values_differ_from_indicators_computed_on_the_window_only(candles: Candles) -> None:
    prep = prepare_chart(load_builtin("ctpl_price_ma1226_bb_macd1226_v1"), candles)
    macd_visible = prep.studies[2].series["macd"]
    def macd(x):  # TradingView's MACD line
        return pine.ema(x, 12) - pine.ema(x, 26)

    macd_tail_only = macd(candles.close[-144:])
    assert np.isfinite(macd_visible[0]) and np.isnan(macd_tail_only[0])
    assert macd_visible[0] == macd(candles.close)[-144]


def test_volume_profile_covers_exactly_the_visible_window(candles: Candles) -> None:
    prep = prepare_chart(load_builtin("ctpl_price_vpvr_obv_v1"), candles)
    profile = prep.studies[0].result
    w = prep.window
    assert profile.edges[0] == pytest.approx(w.low.min()) and profile.edges[-1] == pytest.approx(w.high.max())
    assert (profile.up + profile.down).sum() == pytest.approx(w.volume.sum())
    assert profile.rows == 24


def test_visible_bar_rule() -> None:
    assert visible_bar_count(800, 10_000) == 144
    assert visible_bar_count(2048, 10_000) == 393
    assert visible_bar_count(320, 10_000) == 48
    assert visible_bar_count(800, 50) == 50
    assert visible_bar_count(800, 1) == 1


# --------------------------------------------------------------------------- variants


def test_dark_theme(renderer: ChartRenderer, candles: Candles) -> None:
    doc = builtin_template("ctpl_price_rsi14_stochrsi_v1")
    doc["request"]["theme"] = "dark"
    dark = renderer.render(parse_template(doc, template_id="dark"), candles, symbol="BTCUSDT", timeframe="1d")
    light = renderer.render(load_builtin("ctpl_price_rsi14_stochrsi_v1"), candles, symbol="BTCUSDT", timeframe="1d")
    corner_dark = decode(dark.png).convert("RGB").getpixel((2, 2))
    corner_light = decode(light.png).convert("RGB").getpixel((2, 2))
    assert sum(corner_dark) < 150 and sum(corner_light) > 700
    assert dark.meta["theme"] == "dark"


@pytest.mark.parametrize(("width", "height"), [(1024, 700), (320, 320), (2048, 2048), (801, 599)])
def test_template_size_is_honoured(renderer: ChartRenderer, candles: Candles, width: int, height: int) -> None:
    doc = builtin_template("ctpl_price_ma1226_bb_macd1226_v1")
    doc["request"].update(width=width, height=height)
    chart = renderer.render(parse_template(doc, template_id="sized"), candles, symbol="BTCUSDT", timeframe="1d")
    assert decode(chart.png).size == (width, height) == (chart.width, chart.height)
    assert len(chart.png) <= MAX_PNG_BYTES
    assert chart.meta["visible_bars"] == visible_bar_count(width, len(candles))


@pytest.mark.parametrize("n", [1, 2, 10])
@pytest.mark.parametrize("template_id", BUILTIN_TEMPLATE_IDS)
def test_few_candles_render(renderer: ChartRenderer, n: int, template_id: str) -> None:
    chart = renderer.render(load_builtin(template_id), series(n), symbol="BTCUSDT", timeframe="1d")
    assert decode(chart.png).size == (800, 600)
    assert chart.meta["visible_bars"] == n
    json.dumps(chart.meta)  # NaN warm-up values are null, not NaN


@pytest.mark.parametrize("kind", ["flat", "gaps_small", "gaps_large"])
@pytest.mark.parametrize("template_id", BUILTIN_TEMPLATE_IDS)
def test_awkward_series_render(renderer: ChartRenderer, kind: str, template_id: str) -> None:
    chart = renderer.render(load_builtin(template_id), series(400, kind=kind, tf=3600), symbol="X", timeframe="1h")
    assert decode(chart.png).size == (800, 600)
    assert len(chart.png) <= MAX_PNG_BYTES


def test_every_study_style_and_option_renders(renderer: ChartRenderer) -> None:
    chart = renderer.render(parse_template(ALL_STUDIES, template_id="all"), series(1000, tf=900), symbol="BTCUSDT",
                            timeframe="15m")
    assert decode(chart.png).size == (1200, 900)
    assert len(chart.png) <= MAX_PNG_BYTES
    for style in STYLES:
        d = {"request": {"style": style, "studies": STYLE_STUDIES}}
        assert decode(renderer.render(parse_template(d, template_id=style), series(300), symbol="S", timeframe="1d").png).size == (800, 600)


def test_adx_with_its_own_smoothing(candles: Candles) -> None:
    same = parse_template({"request": {"studies": [{"name": "ADX", "input": {"in_0": 14, "in_1": 14}}]}}, template_id="a")
    other = parse_template({"request": {"studies": [{"name": "ADX", "input": {"in_0": 10, "in_1": 14}}]}}, template_id="b")
    adx_same = compute_study(same.studies[0], candles)["adx"]
    np.testing.assert_array_equal(adx_same, dmi(candles.high, candles.low, candles.close, 14, 14)[2])
    adx_other = compute_study(other.studies[0], candles)["adx"]
    first = int(np.flatnonzero(np.isfinite(adx_other))[0])
    assert first == 14 + 10 - 1  # DI from bar 14, then 10 DX values
    assert np.isfinite(adx_other[-100:]).all() and not np.allclose(adx_other[-100:], adx_same[-100:])


def test_colour_override_is_drawn(renderer: ChartRenderer, candles: Candles) -> None:
    def psar(colour: str) -> bytes:
        doc = {"request": {"studies": [{"name": "Parabolic SAR", "override": {"Plot.color": colour, "Plot.linewidth": 3}}]}}
        return renderer.render(parse_template(doc, template_id="p"), candles, symbol="S", timeframe="1d").png

    blue, orange = psar("rgb(33,150,243)"), psar("#ff7f0e")
    assert colour_count(blue, "#2196f3") > 100 and colour_count(blue, "#ff7f0e") == 0
    assert colour_count(orange, "#ff7f0e") > 100 and colour_count(orange, "#2196f3") == 0


def test_hidden_plot_is_not_drawn(renderer: ChartRenderer, candles: Candles) -> None:
    doc = {"request": {"studies": [{"name": "Moving Average", "override": {"Plot.color": "#ff00ff", "Plot.linewidth": 3}}]}}
    shown = renderer.render(parse_template(doc, template_id="m"), candles, symbol="S", timeframe="1d").png
    doc["request"]["studies"][0]["override"]["Plot.visible"] = False
    hidden = renderer.render(parse_template(doc, template_id="m"), candles, symbol="S", timeframe="1d").png
    assert colour_count(shown, "#ff00ff") > 100  # line (the legend swatch is a few pixels)
    assert colour_count(hidden, "#ff00ff") < 60


def test_unusual_symbols_render_literally(renderer: ChartRenderer, candles: Candles) -> None:
    chart = renderer.render(load_builtin("ctpl_price_ma1226_vol_v1"), candles, symbol="$BTC$_^{x} ü/€ " + "X" * 80, timeframe="1d\n")
    assert decode(chart.png).size == (800, 600)


# --------------------------------------------------------------------------- PNG budget


def test_png_encoder_round_trips() -> None:
    rng = np.random.default_rng(1)
    pixels = rng.integers(0, 256, (37, 53, 3), dtype=np.uint8)
    for up in (False, True):
        png = encode_png_rgb(pixels, 1, up_filter=up)
        assert np.array_equal(np.asarray(decode(png).convert("RGB")), pixels)
    view = rng.integers(0, 256, (10, 12, 4), dtype=np.uint8)[:, :, :3]  # non-contiguous (the canvas' RGBA)
    for up in (False, True):
        png = encode_png_rgb(view, 1, up_filter=up)
        assert np.array_equal(np.asarray(decode(png).convert("RGB")), view)
        assert png == encode_png_rgb(np.ascontiguousarray(view), 1, up_filter=up)  # same pixels, same bytes


def test_over_budget_is_reencoded_then_quantised(candles: Candles) -> None:
    template = load_builtin("ctpl_price_ma1226_bb_macd1226_v1")
    normal = ChartRenderer().render(template, candles, symbol="S", timeframe="1d")
    assert normal.meta["png_encoding"] == "rgb-z1"
    tighter = ChartRenderer(max_png_bytes=len(normal.png) - 1).render(template, candles, symbol="S", timeframe="1d")
    assert tighter.meta["png_encoding"] != "rgb-z1"
    assert len(tighter.png) < len(normal.png)
    assert decode(tighter.png).size == (800, 600)


def test_still_over_budget_is_render_failed(candles: Candles) -> None:
    with pytest.raises(StepFailure) as info:
        ChartRenderer(max_png_bytes=2000).render(load_builtin("ctpl_price_ma1226_vol_v1"), candles, symbol="S", timeframe="1d")
    assert info.value.code == ErrorCode.RENDER_FAILED
    assert "2000-byte budget" in info.value.message


def test_matplotlib_failure_is_render_failed(monkeypatch: pytest.MonkeyPatch, candles: Candles) -> None:
    r = ChartRenderer()

    def boom(*args, **kwargs):
        raise RuntimeError("agg exploded")

    monkeypatch.setattr(r, "_encode", boom)
    with pytest.raises(StepFailure) as info:
        r.render(load_builtin("ctpl_price_ma1226_vol_v1"), candles, symbol="S", timeframe="1d")
    assert info.value.code == ErrorCode.RENDER_FAILED
    assert "agg exploded" in info.value.message
    monkeypatch.undo()
    # the renderer recovers (the broken figure was dropped)
    assert decode(r.render(load_builtin("ctpl_price_ma1226_vol_v1"), candles, symbol="S", timeframe="1d").png).size == (800, 600)


def test_render_chart_uses_a_shared_renderer(candles: Candles) -> None:
    a = render_chart(load_builtin("ctpl_price_psar_adi_v1"), candles, symbol="S", timeframe="1d")
    b = render_chart(load_builtin("ctpl_price_psar_adi_v1"), candles, symbol="S", timeframe="1d")
    assert a.png == b.png


# --------------------------------------------------------------------------- time axis

TIMEFRAMES = {
    "1m": 60, "5m": 300, "15m": 900, "1h": 3600, "4h": 14_400, "1d": DAY, "1w": 7 * DAY,
}
HHMM = re.compile(r"^\d\d:\d\d$")
DAY_MON = re.compile(r"^\d{1,2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)( \d{4})?$")
MON = re.compile(r"^(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)( \d{4})?$")
YEAR = re.compile(r"^\d{4}$")


def monthly_times(n: int, year: int = 2012) -> np.ndarray:
    out = []
    for i in range(n):
        y, m = divmod(i, 12)
        out.append(int(datetime(year + y, m + 1, 1, tzinfo=UTC).timestamp()))
    return np.array(out, dtype=np.int64)


@pytest.mark.parametrize(
    ("tf", "patterns"),
    [
        ("1m", (HHMM, DAY_MON, YEAR)),
        ("5m", (HHMM, DAY_MON, YEAR)),
        ("15m", (HHMM, DAY_MON, YEAR)),
        ("1h", (HHMM, DAY_MON, YEAR)),
        ("4h", (DAY_MON, YEAR)),
        ("1d", (MON, YEAR, DAY_MON)),
        ("1w", (MON, YEAR, DAY_MON)),  # DAY_MON: bar 0 starts the data, not a month
        ("1M", (YEAR,)),
    ],
)
def test_time_ticks_read_well_for_every_timeframe(tf: str, patterns: tuple[re.Pattern, ...]) -> None:
    # 144 bars at 5 px (the 800 px default); ticks about 7 text heights apart, at least 3
    k = 144
    times = monthly_times(k) if tf == "1M" else 1_704_067_200 + 37 * 60 + TIMEFRAMES[tf] * np.arange(k, dtype=np.int64)
    ticks = time_ticks(times, ZoneInfo("Etc/UTC"), px_per_bar=5.0)
    assert 3 <= len(ticks) <= 11, ticks
    idx = [i for i, _ in ticks]
    assert idx == sorted(set(idx)) and all(b - a >= 8 for a, b in zip(idx, idx[1:]))
    for i, label in ticks:
        assert any(p.match(label) for p in patterns), (tf, label)
        moment = datetime.fromtimestamp(int(times[i]), UTC)
        if YEAR.match(label):
            assert label == str(moment.year)
        elif MON.match(label):
            assert label.split()[0] == moment.strftime("%b") and moment.day <= 7
        elif HHMM.match(label):
            assert label == moment.strftime("%H:%M")
        elif DAY_MON.match(label):
            assert label.split()[:2] == [str(moment.day), moment.strftime("%b")]
        if len(label.split()) == 3 or (MON.match(label) and " " in label):
            assert (i, label) == ticks[0] and label.endswith(str(moment.year))  # year context on the first label only


def test_ticks_sit_on_calendar_boundaries_in_the_template_zone() -> None:
    times = 1_704_067_200 + 3600 * np.arange(144, dtype=np.int64)  # 1h bars from 2024-01-01 UTC
    prev = int(times[0]) - 3600
    tokyo = ZoneInfo("Asia/Tokyo")
    ticks = time_ticks(times, tokyo, prev_time=prev)
    assert len(ticks) >= 5
    for i, label in ticks:
        local = datetime.fromtimestamp(int(times[i]), tokyo)
        assert local.hour == 0  # daily steps: local midnight
        assert label.split()[:2] == [str(local.day), local.strftime("%b")]
    utc_ticks = time_ticks(times, ZoneInfo("Etc/UTC"), prev_time=prev)
    assert [i for i, _ in utc_ticks] != [i for i, _ in ticks]


def test_steps_are_not_finer_than_a_bar() -> None:
    # (was choose_time_step: the step now comes from where the boundaries fall in bars)
    utc = ZoneInfo("Etc/UTC")
    start = 1_704_067_200

    def labels(step: int, n: int = 144, **kw) -> list[str]:
        return [lab for _, lab in time_ticks(start + step * np.arange(n, dtype=np.int64), utc, prev_time=start - step, **kw)]

    assert {lab[-2:] for lab in labels(60)[1:]} <= {"00", "30"}  # 1m bars: half hours
    assert all(DAY_MON.match(lab) or YEAR.match(lab) for lab in labels(3600))  # 1h bars: days
    assert all(MON.match(lab) or YEAR.match(lab) for lab in labels(DAY))  # 1d bars: months
    monthly = [lab for _, lab in time_ticks(monthly_times(144, 2000), utc, prev_time=int(monthly_times(1, 1999)[0]))]
    assert monthly and all(YEAR.match(lab) and int(lab) % 2 == 0 for lab in monthly)  # 1M bars: every 2 years
    weekly = labels(7 * DAY, 12, px_per_bar=90.0)  # 12 wide weekly bars: every bar, never days between
    assert len(weekly) == 12 and all(DAY_MON.match(lab) or YEAR.match(lab) for lab in weekly)


def test_weekend_gaps_do_not_matter() -> None:
    # business days only: the x axis is the bar index, ticks still land on month starts
    days = [d for d in range(400) if datetime.fromtimestamp(1_704_067_200 + d * DAY, UTC).weekday() < 5]
    times = 1_704_067_200 + DAY * np.array(days[-144:], dtype=np.int64)
    ticks = time_ticks(times, ZoneInfo("Etc/UTC"), prev_time=int(times[0]) - DAY)
    assert ticks and all(MON.match(lab) or YEAR.match(lab) for _, lab in ticks)


def test_single_bar_gets_a_full_label() -> None:
    assert time_ticks(np.array([1_704_067_200]), ZoneInfo("Etc/UTC"), bar_seconds=DAY) == [(0, "1 Jan 2024")]
    assert time_ticks(np.array([], dtype=np.int64), ZoneInfo("Etc/UTC")) == []


def test_previous_bar_decides_whether_bar_zero_starts_a_period() -> None:
    months = monthly_times(13, 2020)
    times = months[1:]  # the window starts Feb 2020; Jan 2020 is the bar before it
    with_prev = time_ticks(times, ZoneInfo("Etc/UTC"), px_per_bar=90.0, prev_time=int(months[0]))
    assert with_prev[0] == (0, "Feb")  # (the window reaches 2021: the year shows there)
    # without it, bar 0 is the start of the data: a tick on the bar's own month, least important
    without = time_ticks(times, ZoneInfo("Etc/UTC"), px_per_bar=90.0)
    assert without == with_prev
    mid_month = time_ticks(times + 10 * DAY, ZoneInfo("Etc/UTC"), px_per_bar=90.0)
    assert mid_month[0] == (0, "11 Feb")  # not "Feb": bar 0 does not start February


def test_timeframe_strings() -> None:
    assert [timeframe_seconds(t) for t in ("1m", "15m", "1h", "4h", "1d", "1D", "1w", "1M", "60", "x", "")] == [
        60, 900, 3600, 14_400, DAY, DAY, 7 * DAY, 30 * DAY, 3600, None, None]


# --------------------------------------------------------------------------- number formats


def test_number_formats() -> None:
    assert decimals_for_step(2500) == 0 and decimals_for_step(0.25) == 2 and decimals_for_step(0.000002) == 6
    assert price_decimals(43_000) == 2 and price_decimals(1.2345) == 4 and price_decimals(0.00014468) == 8
    assert compact_tick_labels([0, 100_000, 200_000], 100_000) == ["0", "100K", "200K"]
    assert compact_tick_labels([500_000, 1_000_000, 1_500_000], 500_000) == ["0.5M", "1.0M", "1.5M"]
    assert compact_tick_labels([-350_000, -300_000], 50_000) == ["-350K", "-300K"]
    assert compact_tick_labels([10, 20], 10) == ["10", "20"]


# --------------------------------------------------------------------------- no pyplot


def test_rendering_never_imports_pyplot_pandas_or_scipy() -> None:
    code = """
import sys
import numpy as np
from chart_export.candles import Candles
from chart_export.rendering import render_chart
from chart_export.templates import BUILTIN_TEMPLATE_IDS, load_builtin
n = 300
c = 100 + np.cumsum(np.sin(np.arange(n)))
candles = Candles.from_arrays(1_700_000_000 + 3600 * np.arange(n), c, c + 1, c - 1, c + 0.5, np.full(n, 10.0))
for tid in BUILTIN_TEMPLATE_IDS:
    assert render_chart(load_builtin(tid), candles, symbol="S", timeframe="1h").png
bad = sorted(m for m in sys.modules if m.split(".")[0] in ("pandas", "scipy") or m == "matplotlib.pyplot")
print("BAD" if bad else "CLEAN", bad)
"""
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("CLEAN"), out.stdout


def test_bytes_are_the_same_in_another_process_and_from_threads() -> None:
    code = """
import hashlib, sys
sys.path.insert(0, "tests")
from test_rendering import series
from chart_export.rendering import render_chart
from chart_export.templates import load_builtin
print(hashlib.sha256(render_chart(load_builtin("ctpl_price_vpvr_obv_v1"), series(500), symbol="S", timeframe="1d").png).hexdigest())
"""
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    import hashlib
    from concurrent.futures import ThreadPoolExecutor

    template, data = load_builtin("ctpl_price_vpvr_obv_v1"), series(500)
    here = hashlib.sha256(ChartRenderer().render(template, data, symbol="S", timeframe="1d").png).hexdigest()
    assert out.stdout.strip() == here
    shared = ChartRenderer()
    with ThreadPoolExecutor(4) as pool:
        digests = list(pool.map(lambda _: hashlib.sha256(shared.render(template, data, symbol="S", timeframe="1d").png).hexdigest(), range(8)))
    assert set(digests) == {here}


def test_importing_rendering_does_not_import_matplotlib() -> None:
    code = "import sys, chart_export.rendering, chart_export.templates, chart_export.candles; print('matplotlib' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert out.stdout.strip() == "False", out.stderr


def test_no_png_ancillary_chunk_even_with_zlib_level_9() -> None:
    png = encode_png_rgb(np.zeros((4, 4, 3), dtype=np.uint8), 9)
    assert chunk_types(png) == [b"IHDR", b"IDAT", b"IEND"]
    raw = zlib.decompress(png[png.index(b"IDAT") + 4 : -12 - 4])
    assert len(raw) == 4 * (1 + 4 * 3)
