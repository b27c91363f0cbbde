"""Numbers and words a reader takes from a chart (issue 11, items 1, 2, 6b, 7, 8): checked on
the text the renderer draws (``ChartRenderer(record_text=True)``: role, string, box), never
on pixel hashes. Markets: 1-minute EURUSD (5 decimals), hourly EURUSD around 1.22904, a
micro-cap around 0.00000108 (8 decimals), BTC around 60,000 (2 decimals)."""

from __future__ import annotations

import math
import re

import numpy as np
import pytest

from chart_export.candles import Candles
from chart_export.rendering import MAX_PNG_BYTES, ChartRenderer
from chart_export.templates import BUILTIN_TEMPLATE_IDS, builtin_template, load_builtin, parse_template
from chart_export._render.glyphs import Glyphs
from chart_export._render.figure import font_size
from chart_export._render.numbers import fixed2, fmt_auto, format_price, grid_ticks, price_tick, tick_decimals
from chart_export._render.title import timeframe_words
from tests._market import START, btc_1h, eurusd_1h, eurusd_1m, microcap

MARKETS = {  # name: (candles, symbol, timeframe, tick, decimals)
    "eurusd_1m": (eurusd_1m, "EURUSD", "1m", 1e-5, 5),
    "eurusd_1h": (eurusd_1h, "EURUSD", "1h", 1e-5, 5),
    "microcap": (microcap, "PEPEUSDT", "1d", 1e-8, 8),
    "btc_1h": (btc_1h, "BTCUSDT", "1h", 0.01, 2),
}
NUMBER = re.compile(r"[-+]?\d[\d,]*(?:\.\d+)?")
NEGATIVE_ZERO = re.compile(r"(?<![\d.])-0(?:\.0+)?(?![\d.])")


@pytest.fixture(scope="module")
def recorder() -> ChartRenderer:
    return ChartRenderer(record_text=True)


def texts(chart, role: str) -> list[str]:
    return [t.text for t in chart.texts if t.role == role]


def decimals_of(number: str) -> int:
    return len(number.split(".")[1]) if "." in number else 0


def legend_pairs(chart) -> list[tuple[object, object]]:
    """(label item, value item) of every legend entry that has a value."""
    items = [t for t in chart.texts if t.role.startswith("legend:")]
    return [(a, b) for a, b in zip(items, items[1:]) if a.role == "legend:label" and b.role == "legend:value"]


def overlap(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


# --------------------------------------------------------------------------- 1. the data's tick


@pytest.mark.parametrize("name", MARKETS)
def test_price_tick_is_derived_from_the_candles(name: str) -> None:
    make, _, _, tick, decimals = MARKETS[name]
    c = make()
    assert price_tick(c.open, c.high, c.low, c.close) == pytest.approx(tick, rel=1e-12)
    assert tick_decimals(tick, 1.0) == decimals


def test_price_tick_edge_cases() -> None:
    assert price_tick(np.array([4500.25, 4500.5, 4501.0, 4499.75])) == 0.25  # index futures
    assert price_tick(np.array([1.22904, 1.22910, 1.22905]) * (1 + 2e-16)) == pytest.approx(1e-5)  # float noise
    assert price_tick(np.array([108e-8, 109e-8, 1.07e-06])) == pytest.approx(1e-8)
    assert price_tick(np.array([60_123.0, 60_124.0, 60_200.0])) == 1.0
    # computed, unrounded prices are on no grid: the magnitude rule then (~5 significant digits)
    walk = 100 * np.exp(np.cumsum(np.random.default_rng(1).normal(0, 0.01, 200)))
    assert price_tick(walk) is None and tick_decimals(None, 103.2) == 2
    # never more than 10 decimals, never a grid finer than 9 significant digits
    assert price_tick(np.array([1.23456789012, 1.23456789013])) is None
    assert price_tick(np.array([0.00000012345678, 0.00000012345679])) is None
    assert price_tick(np.array([np.nan, 0.0])) is None


def test_price_tick_is_the_largest_common_step_of_every_value() -> None:
    # unsorted, repeated values: the step is the gcd of all distances (6 and 9 tenths: 0.3)
    assert price_tick(np.array([101.5, 100.6, 100.0, 100.6, 101.5])) == 0.3
    # one value off the grid of the first hundred decides the grid
    assert price_tick(np.r_[np.arange(100.0, 200.0), 150.5]) == 0.5
    assert price_tick(np.r_[np.arange(100.0, 200.0), 150.55]) == 0.05
    assert price_tick(np.array([7.0, 7.0, 7.0])) == 1.0  # one value: no step to refine the grid with


def test_grid_ticks_are_whole_multiples_of_the_tick() -> None:
    for lo, hi, tick in ((1.23877, 1.23936, 1e-5), (59_411.04, 62_671.56, 0.01), (1.06e-6, 1.43e-6, 1e-8),
                         (4490.0, 4510.0, 0.25), (1.23890, 1.23894, 1e-5)):
        ticks = grid_ticks(lo, hi, tick, 8)
        assert ticks and len(ticks) <= 9
        d = tick_decimals(tick, 1.0)
        for t in ticks:
            assert lo - 1e-12 <= t <= hi + 1e-12
            assert abs(t / tick - round(t / tick)) < 1e-6
            assert float(format_price(t, d).replace(",", "")) == pytest.approx(t, abs=tick / 100)
    assert grid_ticks(1.0, 2.0, None, 8) is None


@pytest.mark.parametrize("name", MARKETS)
def test_title_tag_axis_and_price_legends_use_the_ticks_decimals(recorder: ChartRenderer, name: str) -> None:
    make, symbol, tf, tick, d = MARKETS[name]
    c = make()
    chart = recorder.render(load_builtin("ctpl_price_ma1226_bb_macd1226_v1"), c, symbol=symbol, timeframe=tf)
    assert chart.meta["price_decimals"] == d and chart.meta["price_tick"] == pytest.approx(tick)

    ohlc = texts(chart, "title:ohlc")  # one text per word: "O", "1.08565", ..., "+0.00012", "(+0.01%)"
    o, h, lo, cl = (float(a[-1]) for a in (c.open, c.high, c.low, c.close))
    assert ohlc[:8] == ["O", format_price(o, d), "H", format_price(h, d), "L", format_price(lo, d),
                        "C", format_price(cl, d)]
    change = ohlc[8]  # the absolute change first, then the percentage
    assert decimals_of(change) == d and float(change.replace(",", "")) == pytest.approx(cl - float(c.close[-2]), abs=tick / 10)

    assert texts(chart, "tag:last") == [format_price(cl, d)]

    axis = texts(chart, "axis:0")
    assert len(axis) >= 3
    for label in axis:
        assert decimals_of(label) == d, label
        value = float(label.replace(",", ""))
        assert abs(value / tick - round(value / tick)) < 1e-6, label  # on the data's grid

    price_values = [v.text for lab, v in legend_pairs(chart) if lab.text.startswith(("BB ", "SMA "))]
    assert len(price_values) == 3
    for value in price_values:
        for number in NUMBER.findall(value):
            assert decimals_of(number) == d, value

    everything = " ".join(t.text for t in chart.texts)
    assert not re.search(r"\de[-+]?\d", everything)  # no exponent anywhere (0.00000108, not 1.08e-06)
    assert "×" not in everything and not NEGATIVE_ZERO.search(everything)


def test_hourly_fx_keeps_its_fifth_decimal(recorder: ChartRenderer) -> None:
    c = eurusd_1h()
    close = float(c.close[-1])
    chart = recorder.render(load_builtin("ctpl_price_ma1226_vol_v1"), c, symbol="EURUSD", timeframe="1h")
    assert texts(chart, "tag:last") == [f"{close:.5f}"] and f"{close:.5f}"[-1] != "" and len(f"{close:.5f}") == 7
    ohlc = texts(chart, "title:ohlc")
    assert ohlc[ohlc.index("C") + 1] == f"{close:.5f}"


def test_microcap_axis_reads_without_exponent_or_offset(recorder: ChartRenderer) -> None:
    chart = recorder.render(load_builtin("ctpl_price_ma1226_vol_v1"), microcap(), symbol="PEPEUSDT", timeframe="1d")
    axis = texts(chart, "axis:0")
    assert axis and all(re.fullmatch(r"0\.000001\d\d", label) for label in axis), axis
    assert len(set(axis)) == len(axis)


# --------------------------------------------------------------------------- 2. oscillators


def significant_digits(number: str) -> int:
    digits = number.lstrip("+-").replace(",", "").replace(".", "").lstrip("0")
    return len(digits)


@pytest.mark.parametrize("name", ["eurusd_1m", "microcap", "btc_1h"])
def test_oscillator_values_keep_three_significant_digits(recorder: ChartRenderer, name: str) -> None:
    make, symbol, tf, _, _ = MARKETS[name]
    chart = recorder.render(load_builtin("ctpl_price_ma1226_bb_macd1226_v1"), make(), symbol=symbol, timeframe=tf)
    values = {lab.text.split(" (")[0]: v.text for lab, v in legend_pairs(chart)}
    macd = chart.meta["studies"][2]["last"]
    for label, key in (("MACD", "macd"), ("Signal", "signal"), ("Hist", "hist")):
        text = values[label]
        assert not NEGATIVE_ZERO.search(text), text
        assert significant_digits(text) >= 3, (label, text)
        assert float(text.replace(",", "")) == pytest.approx(macd[key], rel=0.01)  # sign and size kept


def test_value_formats_never_print_negative_zero() -> None:
    for v in (-0.0, -1e-17, -4e-13, 0.0, 1e-300):
        for text in (fixed2(v), fmt_auto(v, 5), fmt_auto(v, 8), format_price(v, 5)):
            assert not NEGATIVE_ZERO.search(text), (v, text)
            assert float(text) == 0.0
    assert fmt_auto(0.0000213, 5) == "0.0000213" and fmt_auto(-0.000187, 5) == "-0.000187"
    assert fmt_auto(15.1549, 2) == "15.15" and fmt_auto(-1_234_567.0, 2) == "-1.23M"
    assert fixed2(54.234) == "54.23" and fixed2(0.5) == "0.500" and fixed2(-0.004) == "-0.0040"
    assert fmt_auto(math.nan, 5) == "n/a"


def test_flat_market_oscillators_read_zero(recorder: ChartRenderer) -> None:
    n = 200
    flat = np.full(n, 1.2389)
    c = Candles.from_arrays(START + 60 * np.arange(n), flat, flat + 0.00002, flat - 0.00002, flat, np.full(n, 5.0))
    chart = recorder.render(load_builtin("ctpl_price_ma1226_bb_macd1226_v1"), c, symbol="EURUSD", timeframe="1m")
    for _, value in legend_pairs(chart):
        assert not NEGATIVE_ZERO.search(value.text), value.text


# --------------------------------------------------------------------------- 7. titles


@pytest.mark.parametrize(("tf", "words"), [
    ("1m", "1 min"), ("3m", "3 min"), ("5m", "5 min"), ("15m", "15 min"), ("30m", "30 min"), ("1h", "1 hour"),
    ("2h", "2 hours"), ("4h", "4 hours"), ("1d", "1 day"), ("1D", "1 day"), ("1w", "1 week"), ("1W", "1 week"),
    ("1M", "1 month"), ("3M", "3 months"),
])
def test_title_writes_the_timeframe_in_words(recorder: ChartRenderer, tf: str, words: str) -> None:
    chart = recorder.render(load_builtin("ctpl_price_ma1226_vol_v1"), btc_1h(150), symbol="BTCUSDT", timeframe=tf)
    assert texts(chart, "title") == [f"BTCUSDT · {words}"]
    assert chart.meta["timeframe"] == tf  # the raw value stays in the manifest


def test_timeframe_words_other_forms() -> None:
    assert timeframe_words("60") == "60 min" and timeframe_words("D") == "1 day" and timeframe_words("M") == "1 month"
    assert timeframe_words("1min") == "1 min" and timeframe_words("1 hour") == "1 hour" and timeframe_words("12M") == "12 months"
    assert timeframe_words("weird tf") == "weird tf" and timeframe_words("") == "" and timeframe_words("1S") == "1 sec"


@pytest.mark.parametrize("width", [320, 800, 1200, 2048])
def test_title_font_matches_the_chart(recorder: ChartRenderer, width: int) -> None:
    doc = builtin_template("ctpl_price_ma1226_bb_macd1226_v1")
    doc["request"].update(width=width, height=600)
    chart = recorder.render(parse_template(doc, template_id="w"), eurusd_1m(), symbol="EURUSD", timeframe="1m")
    fonts = {t.font for t in chart.texts}
    assert fonts == {(font_size(width), "normal")}  # one face, one size: title, axes, legends, tags


# --------------------------------------------------------------------------- 8. legend tokens


@pytest.mark.parametrize("template_id", BUILTIN_TEMPLATE_IDS)
def test_legend_parameters_and_values_are_separate_tokens(recorder: ChartRenderer, template_id: str) -> None:
    chart = recorder.render(load_builtin(template_id), btc_1h(), symbol="BTCUSDT", timeframe="1h")
    glyphs = Glyphs()
    digit = glyphs.width("0", glyphs.font(font_size(800)))
    pairs = legend_pairs(chart)
    assert pairs
    for label, value in pairs:
        assert value.box[0] - label.box[2] >= digit, (label.text, value.text)  # a clear gap, >= 1 digit
        assert abs((value.box[1] + value.box[3]) - (label.box[1] + label.box[3])) <= 4  # same row
        assert not re.search(r"\d$", label.text) or label.text.endswith(")"), label.text  # params closed
        assert NUMBER.search(value.text) or value.text == "n/a"
    for label, _ in pairs:
        if re.search(r"\d", label.text.split(" (")[0]) is None and "(" in label.text:
            assert re.search(r"\([^()]*\d[^()]*\)", label.text)  # parameters in parentheses
    boxes = [t.box for t in chart.texts if t.role.startswith("legend:")]
    assert not any(overlap(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1:])


def test_legend_labels_put_parameters_in_parentheses(recorder: ChartRenderer) -> None:
    chart = recorder.render(load_builtin("ctpl_price_ma1226_bb_macd1226_v1"), btc_1h(), symbol="BTCUSDT", timeframe="1h")
    labels = [lab.text for lab, _ in legend_pairs(chart)]
    assert labels == ["BB (20, 2)", "SMA (12)", "SMA (26)", "MACD (12, 26, 9)", "Signal", "Hist"]


# --------------------------------------------------------------------------- 6. right-axis labels


def fx_around_poc(n: int = 300, seed: int = 5) -> Candles:
    """1-minute EURUSD ranging around 1.23890 and ending a tick from it: the POC and the last
    price want the same few pixels of the axis."""
    rng = np.random.default_rng(seed)
    level = 123_890
    t = np.arange(n)
    close_t = level + np.rint(12 * np.sin(t / 9.0) + rng.normal(0, 2, n)).astype(np.int64)
    close_t[-1] = level + 1
    open_t = np.concatenate([[level], close_t[:-1]])
    high_t = np.maximum(open_t, close_t) + rng.integers(0, 3, n)
    low_t = np.minimum(open_t, close_t) - rng.integers(0, 3, n)
    px = lambda a: np.round(a * 1e-5, 5)  # noqa: E731
    vol = np.where(np.abs(close_t - level) <= 2, 400.0, 60.0) + rng.integers(0, 20, n)
    return Candles.from_arrays(START + 60 * t, px(open_t), px(high_t), px(low_t), px(close_t), vol)


@pytest.mark.parametrize(("width", "height"), [(320, 320), (800, 600), (1024, 700), (2048, 2048)])
def test_poc_and_last_price_tags_never_collide(recorder: ChartRenderer, width: int, height: int) -> None:
    doc = builtin_template("ctpl_price_vpvr_obv_v1")
    doc["request"].update(width=width, height=height)
    c = fx_around_poc()
    chart = recorder.render(parse_template(doc, template_id="vp"), c, symbol="EURUSD", timeframe="1m")
    poc = chart.meta["studies"][0]["last"]["poc"]
    assert abs(poc - float(c.close[-1])) <= 3e-5  # the case of the issue: a few ticks apart
    tags = {t.role: t for t in chart.texts if t.role in ("tag:last", "tag:poc")}
    assert set(tags) == {"tag:last", "tag:poc"}
    assert tags["tag:last"].text == format_price(float(c.close[-1]), 5)
    assert tags["tag:poc"].text == format_price(poc, 5)
    assert tags["tag:last"].text != tags["tag:poc"].text  # 5 decimals tell them apart
    # no two right-axis labels of the price pane touch: tags, their texts and the tick labels
    right = [t.box for t in chart.texts if t.role in ("tag:last", "tag:poc", "axis:0")]
    assert not any(overlap(a, b) for i, a in enumerate(right) for b in right[i + 1:])
    assert len(chart.png) <= MAX_PNG_BYTES


def test_last_price_keeps_its_place_and_the_poc_moves(recorder: ChartRenderer) -> None:
    c = fx_around_poc()
    chart = recorder.render(load_builtin("ctpl_price_vpvr_obv_v1"), c, symbol="EURUSD", timeframe="1m")
    last_tag = next(t for t in chart.texts if t.role == "tag:last:text")
    last_line = next(t for t in chart.texts if t.role == "tag:last")
    assert abs((last_tag.box[1] + last_tag.box[3]) / 2 - (last_line.box[1] + last_line.box[3]) / 2) <= 2
    poc = next(t for t in chart.texts if t.role == "tag:poc")
    assert poc.box[1] >= last_line.box[3] or poc.box[3] <= last_line.box[1]
    # where the POC tag wanted to be (its value's height, from two axis labels' scale) is
    # inside the last-price tag: it was moved, by no more than one tag height
    axis = [t for t in chart.texts if t.role == "axis:0"]
    (v0, y0), (v1, y1) = [(float(t.text), (t.box[1] + t.box[3]) / 2) for t in (axis[0], axis[-1])]
    centre = lambda b: (b[1] + b[3]) / 2  # noqa: E731
    wanted = centre(last_line.box) + (chart.meta["studies"][0]["last"]["poc"] - float(c.close[-1])) * (y1 - y0) / (v1 - v0)
    box_h = last_line.box[3] - last_line.box[1]
    assert abs(wanted - centre(last_line.box)) < box_h
    assert abs(centre(poc.box) - wanted) <= box_h + 2


# --------------------------------------------------------------------------- budget


@pytest.mark.parametrize("size", [320, 800, 2048])
@pytest.mark.parametrize("name", ["eurusd_1m", "microcap", "btc_1h"])
def test_markets_stay_within_the_png_budget(recorder: ChartRenderer, name: str, size: int) -> None:
    make, symbol, tf, _, _ = MARKETS[name]
    for template_id in ("ctpl_price_ma1226_bb_macd1226_v1", "ctpl_price_vpvr_obv_v1"):
        doc = builtin_template(template_id)
        doc["request"].update(width=size, height=size)
        chart = recorder.render(parse_template(doc, template_id="s"), make(), symbol=symbol, timeframe=tf)
        assert len(chart.png) <= MAX_PNG_BYTES


def test_price_tick_is_not_fooled_by_tiny_prices_or_float32_sources() -> None:
    assert price_tick(np.array([9.1e-7, 1.1e-6, 1.05e-6])) == pytest.approx(1e-8)  # below 1e-6, still not "0 decimals"
    assert price_tick(np.array([1e-8, 2e-8, 3e-8])) == pytest.approx(1e-8)
    as_float32 = np.array([1.22904, 1.22905, 1.22911], dtype=np.float32).astype(np.float64)
    assert price_tick(as_float32) == pytest.approx(1e-5)


def test_every_studys_legend_writes_label_and_value_as_two_tokens() -> None:
    """Every registered study (not only the built-ins): parameters inside parentheses, then
    two spaces, then the value, so the renderer can draw the value as its own token."""
    from chart_export import studies
    from chart_export._render.legend import split_entry
    from chart_export._render.prepare import prepare_chart
    from chart_export.studies.spec import Formats

    c = btc_1h(400)
    fmt = Formats(lambda v: format_price(v, 2), lambda v: f"{v:.3g}", fixed2, lambda v: fmt_auto(v, 2))
    bad = []
    for spec in studies.studies().values():
        ps = prepare_chart(parse_template({"request": {"studies": [{"name": spec.name}]}}, template_id="t"), c).studies[0]
        for _, text in spec.legend(ps.study.inputs, ps.last(), fmt):
            label, value = split_entry(text)
            if not value or re.search(r"\d", re.sub(r"\([^)]*\)", "", label)):
                bad.append((spec.kind, text))
    assert bad == []


def test_a_change_that_rounds_to_zero_keeps_its_sign_in_the_header():
    """``-0.00002 (0.00%)`` read as a contradiction: the percentage keeps the change's sign."""
    from types import SimpleNamespace

    import numpy as np

    from chart_export._render.title import ohlc_texts

    def header(prev: float, last: float) -> str:
        closes = np.array([prev, last])
        window = SimpleNamespace(open=closes, high=closes, low=closes, close=closes)
        return ohlc_texts(SimpleNamespace(window=window, candles=SimpleNamespace(close=closes)), 5)[0]

    assert header(1.10000, 1.09998).endswith("-0.00002 (-0.00%)")
    assert header(1.10000, 1.10002).endswith("+0.00002 (+0.00%)")
    assert header(1.10000, 1.10000).endswith(" 0.00000 (0.00%)")
    assert header(1.10000, 1.0).endswith("-0.10000 (-9.09%)")
