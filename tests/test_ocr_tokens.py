"""Charts a machine reads (issue 17, item 15): every number the chart states is a text of its
own, apart from its neighbours, at the data's precision. Checked on the renderer's text record
(role, string, box), not with OCR (``benchmarks/ocr_check.py`` measures that, outside the suite)."""

from __future__ import annotations

import re

import pytest

from chart_export._render.figure import font_size
from chart_export._render.glyphs import Glyphs
from chart_export._render.layout import legend_rows, vertical_split
from chart_export._render.legend import AFTER_VALUE, value_parts
from chart_export._render.numbers import format_price
from chart_export.rendering import ChartRenderer
from chart_export.templates import builtin_template, parse_template
from tests._market import btc_1h, eurusd_1m, microcap

NUMBER = re.compile(r"[-+]?\d[\d,]*(?:\.\d+)?")
MARKETS = {  # name: (candles, symbol, timeframe, decimals)
    "eurusd_1m": (eurusd_1m, "EURUSD", "1m", 5),
    "microcap": (microcap, "PEPEUSDT", "1d", 8),
    "btc_1h": (btc_1h, "BTCUSDT", "1h", 2),
}
BANDS = {"request": {"studies": [  # every study whose legend value is several numbers
    {"name": "Bollinger Bands"}, {"name": "Keltner Channels"}, {"name": "Donchian Channels"},
    {"name": "Envelopes"}, {"name": "Volume Profile Visible Range"},
]}}


@pytest.fixture(scope="module")
def recorder() -> ChartRenderer:
    return ChartRenderer(record_text=True)


def render(recorder: ChartRenderer, doc: dict, market: str, width: int = 800, height: int = 600):
    make, symbol, tf, _ = MARKETS[market]
    doc = {"request": {**doc["request"], "width": width, "height": height}}
    return recorder.render(parse_template(doc, template_id="t"), make(), symbol=symbol, timeframe=tf)


def digit_px(width: int = 800) -> float:
    glyphs = Glyphs()
    return glyphs.width("0", glyphs.font(font_size(width)))


def decimals_of(number: str) -> int:
    return len(number.split(".")[1]) if "." in number else 0


@pytest.mark.parametrize("market", MARKETS)
def test_ohlc_row_draws_every_word_as_its_own_text_with_wide_gaps(recorder: ChartRenderer, market: str) -> None:
    chart = render(recorder, builtin_template("ctpl_price_ma1226_bb_macd1226_v1"), market)
    items = [t for t in chart.texts if t.role == "title:ohlc"]
    words = [t.text for t in items]
    assert words[0::2][:4] == ["O", "H", "L", "C"] and len(words) == 10  # the whole row fits at 800 px
    assert all(len(NUMBER.findall(w)) <= 1 and " " not in w for w in words)
    digit = digit_px()
    for a, b in zip(items, items[1:]):
        assert a.box[1] == b.box[1] or abs(a.box[1] - b.box[1]) <= 3  # one row
        gap = b.box[0] - a.box[2]
        want = 3.0 if a.text.isalpha() else 4.0  # digit widths: closer, RapidOCR read "H2,636.80"
        assert gap >= (want - 0.5) * digit, (a.text, b.text, gap)
    # the row is the price pane's first legend row: below the title row, above every legend entry
    title_h = vertical_split(600, font_size(800) * 100 / 72, 1)[0]
    assert all(t.box[3] < 600 - title_h for t in items)
    legend_tops = [t.box[3] for t in chart.texts if t.role.startswith("legend:")]
    assert legend_tops and max(legend_tops) < min(t.box[1] for t in items)
    others = [t.box for t in chart.texts if t.role != "title:ohlc"]
    assert not any(a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3] for a in (t.box for t in items) for b in others)


@pytest.mark.parametrize("market", MARKETS)
def test_legends_never_join_two_numbers_in_one_text(recorder: ChartRenderer, market: str) -> None:
    chart = render(recorder, BANDS, market)
    legend = [t for t in chart.texts if t.role.startswith("legend:")]
    values = [t for t in legend if t.role == "legend:value"]
    assert len(values) >= 3 * 4 + 2  # upper, basis, lower of four bands; the profile's low and high
    for t in values:
        assert len(NUMBER.findall(t.text)) == 1 or t.text == "n/a", t.text
    seps = [t for t in legend if t.role == "legend:sep"]
    assert {t.text for t in seps} == {"/", "–"} and len(seps) == 2 * 4 + 1
    digit = digit_px()
    for a, b in zip(legend, legend[1:]):
        if b.role in ("legend:sep", "legend:value") and a.role in ("legend:sep", "legend:value"):
            assert b.box[0] - a.box[2] >= 2.5 * digit, (a.text, b.text)  # three digit widths apart
        if a.role == "legend:value" and b.role == "legend:label" and abs(a.box[1] - b.box[1]) <= 3:
            assert b.box[0] - a.box[2] >= AFTER_VALUE + 14 - 2, (a.text, b.text)  # clear of the next swatch


def test_a_narrow_chart_keeps_separators_one_digit_apart(recorder: ChartRenderer) -> None:
    chart = render(recorder, BANDS, "btc_1h", width=320, height=600)
    legend = [t for t in chart.texts if t.role.startswith("legend:")]
    digit = digit_px(320)
    gaps = [b.box[0] - a.box[2] for a, b in zip(legend, legend[1:]) if b.role == "legend:sep"]
    assert gaps and all(0.5 * digit <= g <= 2 * digit for g in gaps)


def test_every_studys_legend_value_splits_into_single_numbers() -> None:
    """Every registered study: a value of several numbers is written ``a / b`` or ``a – b``,
    so the renderer draws each number as its own text."""
    from chart_export import studies
    from chart_export._render.legend import split_entry
    from chart_export._render.numbers import fixed2, fmt_auto, format_compact
    from chart_export._render.prepare import prepare_chart
    from chart_export.studies.spec import Formats

    c = btc_1h(400)
    fmt = Formats(lambda v: format_price(v, 2), format_compact, fixed2, lambda v: fmt_auto(v, 2))
    bad = []
    for spec in studies.studies().values():
        doc = {"request": {"studies": [{"name": spec.name}]}}
        ps = prepare_chart(parse_template(doc, template_id="t"), c).studies[0]
        for _, text in spec.legend(ps.study.inputs, ps.last(), fmt):
            _, value = split_entry(text)
            if any(len(NUMBER.findall(part)) > 1 for part in value_parts(value)[0::2]):
                bad.append((spec.kind, text))
    assert bad == []
    assert value_parts("1.5 / 2.5 / 3.5") == ["1.5", "/", "2.5", "/", "3.5"]
    assert value_parts("0.00000121 – 0.00000230") == ["0.00000121", "–", "0.00000230"]
    assert value_parts("-1.25") == ["-1.25"] and value_parts("n/a") == ["n/a"]


@pytest.mark.parametrize("market", MARKETS)
def test_price_values_are_printed_at_the_datas_precision(recorder: ChartRenderer, market: str) -> None:
    """The O/H/L/C row, the bands and the profile's value area and POC: the tick's decimals, no more."""
    d = MARKETS[market][3]
    chart = render(recorder, BANDS, market)
    assert chart.meta["price_decimals"] == d
    prices = [t.text for t in chart.texts if t.role == "title:ohlc" and not t.text.isalpha()][:4]
    legend = [t for t in chart.texts if t.role.startswith("legend:")]
    labels = [i for i, t in enumerate(legend) if t.role == "legend:label"]
    for i, j in zip(labels, labels[1:] + [len(legend)]):
        if legend[i].text.startswith(("BB", "KC", "DC", "Env", "VPVR", "POC")):
            prices += [t.text for t in legend[i + 1:j] if t.role == "legend:value"]
    assert len(prices) == 4 + 3 * 4 + 2 + 1
    for text in prices:
        assert decimals_of(text) == d, text
    profile = next(s for s in chart.meta["studies"] if s["kind"] == "vpvr")["last"]
    drawn = [t.text for t in legend if t.role == "legend:value"][-3:]  # VA low, VA high, POC
    want = [profile["value_area_low"], profile["value_area_high"], profile["poc"]]
    for text, v in zip(drawn, want):  # the manifest keeps 8 significant digits: equal within a tick
        assert float(text.replace(",", "")) == pytest.approx(v, abs=10.0**-d), (text, v)


def test_the_ohlc_entry_has_a_row_of_its_own() -> None:
    entries = [("ohlc", "O 1  H 2"), ("red", "A  1"), ("blue", "B  2")]
    rows = legend_rows(entries, 1000, lambda color, text: 50, alone=lambda color: color == "ohlc")
    assert rows == [[entries[0]], entries[1:]]
    assert legend_rows(entries, 1000, lambda color, text: 50) == [entries]


def test_no_value_axis_label_is_a_lone_glyph(recorder: ChartRenderer) -> None:
    """A lone ``0`` is below what an OCR text detector finds: a price-format scale that would
    write one writes every label in two decimals."""
    from chart_export._render.numbers import price_tick_labels

    assert price_tick_labels([-5000.0, 0.0, 5000.0], 5000.0) == ["-5,000.00", "0.00", "5,000.00"]
    assert price_tick_labels([10.0, 20.0], 10.0) == ["10", "20"]  # no lone glyph: the step's decimals
    assert price_tick_labels([0.0, 0.5], 0.5) == ["0.0", "0.5"]
    chart = render(recorder, builtin_template("ctpl_price_ma1226_bb_macd1226_v1"), "btc_1h")
    macd_axis = [t.text for t in chart.texts if t.role == "axis:1"]
    assert "0.00" in macd_axis and all(len(label) > 1 for label in macd_axis), macd_axis


def test_legend_widths_are_measured_once_and_stay_each_texts_own() -> None:
    from chart_export._render.legend import LegendText

    glyphs = Glyphs()
    font = glyphs.font(font_size(800))
    texts = ["SMA (12)  795.52", "BB (20, 2)  136,366.84 / 119,814.31 / 103,261.78", "Vol", "RSI (14)  55.10",
             "O 2,622.12  H 2,636.80  L 2,601.00  C 2,630.00  +10.50 (+0.40%)"]
    for avail in (float("inf"), 300.0):  # wide: three digit widths round a "/"; narrow: one
        fresh = [LegendText(glyphs, font, avail) for _ in texts]
        want = [(lt.width(t), lt.part_gap(t), lt.ohlc.width(t)) for lt, t in zip(fresh, texts)]
        shared = LegendText(glyphs, font, avail)
        for _ in range(2):
            assert [(shared.width(t), shared.part_gap(t), shared.ohlc.width(t)) for t in texts] == want
        calls = []
        measure = glyphs.width
        glyphs.width = lambda s, f: calls.append(s) or measure(s, f)  # type: ignore[method-assign]
        try:
            for t in texts:
                shared.width(t), shared.part_gap(t), shared.ohlc.width(t), shared.entry_width("#000", t)
        finally:
            del glyphs.width
        assert calls == []  # all measured already
    assert len({LegendText(glyphs, font).width(t) for t in texts}) == len(texts)
