"""Trading Sessions: TradingView's inputs and in_N positions, the three sessions in their own
time zones by hand (a box over the session's range, open / close lines, the average, the label
"Range / Avg / name" under the box), a new drawing at a new chart day, intraday only (a note on
daily bars), the label's numbers in Pine's format.mintick, the script's state per bar, the newest
500 boxes / labels / lines, robust, renders in both themes. tests/test_oracle.py holds the state
per bar to the port (devtools/oracle/ports/trading_sessions.py)."""

import numpy as np
import pytest

from chart_export._render.drawings import label_text
from chart_export.candles import Candles
from chart_export.rendering import ChartRenderer
from chart_export.studies import trading_sessions as m
from chart_export.studies._drawing import Box, Label, Line
from chart_export.studies.spec import Formats
from chart_export.templates import TemplateError, parse_template
from tests._studies import candles, check_robust, run, spec
from tests.test_rendering import series

NAME = "Trading Sessions"
T0 = 1_704_153_600  # Tuesday 2024-01-02 00:00 UTC = 09:00 Tokyo


def _c(n=96, step=900):
    t = T0 + step * np.arange(n)
    c = 100 + np.arange(n, dtype=float)
    return candles(c - 0.5, c + 1, c - 1, c, np.ones(n), t)


def _p(**kw):
    return {i.key: i.default for i in spec(NAME).inputs} | {"tz": None} | kw


def test_inputs():
    sp = spec(NAME)
    # every input*() of the script counts, colours included
    assert [(i.key, i.aliases[0]) for i in sp.inputs] == [
        ("show_names", "in_0"), ("show_oc", "in_1"), ("show_range", "in_2"), ("show_average", "in_3"),
        ("show_first", "in_4"), ("first_name", "in_5"), ("first_session", "in_6"), ("first_timezone", "in_7"),
        ("first_color", "in_8"),
        ("show_second", "in_9"), ("second_name", "in_10"), ("second_session", "in_11"), ("second_timezone", "in_12"),
        ("second_color", "in_13"),
        ("show_third", "in_14"), ("third_name", "in_15"), ("third_session", "in_16"), ("third_timezone", "in_17"),
        ("third_color", "in_18")]
    assert {i.key: i.default for i in sp.inputs}["first_color"] == "#2962ff26"  # color.new(#2962FF, 85)
    defaults = {i.key: i.default for i in sp.inputs}
    assert [defaults[f"{k}_session"] for k in ("first", "second", "third")] == ["0900-1500", "0830-1630", "0930-1600"]
    assert [defaults[f"{k}_timezone"] for k in ("first", "second", "third")] == [
        "Asia/Tokyo", "Europe/London", "America/New_York"]
    assert "firstSessionTime" in sp.inputs[6].aliases and "thirdSessionTZ" in sp.inputs[17].aliases
    # a repeated title ("Session time" in each group) names the first session's input, as Pine's repeated titles
    t = parse_template({"request": {"studies": [{"name": NAME, "input": {"Session time": "1000-1100"}}]}},
                       template_id="t")
    assert t.studies[0].inputs["first_session"] == "1000-1100" and t.studies[0].inputs["second_session"] == "0830-1630"


def test_sessions_by_hand():
    c = _c()  # 15-minute bars from 00:00 UTC to 23:45 UTC on a Tuesday in January
    found = {key: m.runs(c, session, m.parse_timezone(zone), m.UTC) for key, _, _, session, zone, *_ in m.SESSIONS}
    # Tokyo 09:00-15:00 JST = 00:00-06:00 UTC: bars 0..23; London 08:30-16:30 GMT: bars 34..65;
    # New York 09:30-16:00 EST = 14:30-21:00 UTC: bars 58..83
    assert found == {"tokyo": [(0, 23)], "london": [(34, 65)], "new_york": [(58, 83)]}
    out = run(NAME, c)
    assert out["tokyo"][0] == 100.0 and out["tokyo"][23] == np.mean(100 + np.arange(24.0))
    assert np.isnan(out["tokyo"][24:]).all() and np.isnan(out["london"][:34]).all()
    drawn = spec(NAME).drawings(c, _p(), out)
    tokyo = [d for d in drawn if d.plot == "tokyo"]
    box = tokyo[0]
    assert isinstance(box, Box) and (box.x0, box.y0, box.x1, box.y1) == (0, 99.0, 23, 124.0)
    oc = [d for d in tokyo if isinstance(d, Line) and d.style == "dashed"]
    assert [(d.y0, d.y1) for d in oc] == [(99.5, 99.5), (123.0, 123.0)]  # the first open, the latest close
    (avg,) = [d for d in tokyo if isinstance(d, Line) and d.style == "dotted"]
    assert avg.y0 == np.mean(100 + np.arange(24.0)) and avg.width == 2
    (label,) = [d for d in tokyo if isinstance(d, Label)]
    assert (label.x, label.y, label.style) == (0, 99.0, "upper_left")
    # "Range: " + str.tostring((top - bottom) / syminfo.mintick, format.mintick): 25 / 0.5 = 50 ticks,
    # written as the script writes any number in format.mintick (the tick's decimals)
    assert label_text(label, 2, 0.5) == "Range: 50.00\nAvg: 111.50\nTokyo"


def test_a_new_day_starts_a_new_drawing_and_daily_bars_draw_nothing():
    c = _c(n=48, step=3600)  # hourly, two days: Tokyo's 00:00-06:00 UTC on each
    found = m.runs(c, "0900-1500", m.parse_timezone("Asia/Tokyo"), m.UTC)
    assert found == [(0, 5), (24, 29)]
    over = m.runs(c, "2200-0200", m.UTC, m.UTC)  # 22:00-02:00 UTC: split at midnight (a new chart day)
    assert over == [(0, 1), (22, 23), (24, 25), (46, 47)]
    daily = _c(n=30, step=86400)
    assert np.isnan(run(NAME, daily)["tokyo"]).all() and spec(NAME).drawings(daily, _p(), {}) == []
    assert spec(NAME).note_for(daily, {}) == "intraday bars only" and spec(NAME).note_for(c, {}) is None
    assert spec(NAME).drawings(c, _p(show_first=False), run(NAME, c)) == [
        d for d in spec(NAME).drawings(c, _p(), run(NAME, c)) if d.plot != "tokyo"]


def test_robust():
    check_robust(NAME)


def test_renders_in_both_themes():
    pngs = []
    for theme in ("light", "dark"):
        t = parse_template({"request": {"width": 800, "height": 600, "theme": theme, "studies": [{"name": NAME}]}},
                           template_id="t")
        chart = ChartRenderer(record_text=True).render(t, series(400, tf=900), symbol="S", timeframe="15m")
        names = [x.text for x in chart.texts if x.role == "drawing:label"]
        assert {"Tokyo", "London", "New York"} <= set(names)
        assert any(n.startswith("Range: ") for n in names) and any(n.startswith("Avg: ") for n in names)
        pngs.append(chart.png)
    assert pngs[0] != pngs[1]


def test_label_lines_are_left_aligned():
    t = parse_template({"request": {"width": 800, "height": 600, "studies": [{"name": NAME}]}}, template_id="t")
    chart = ChartRenderer(record_text=True).render(t, series(400, tf=900), symbol="S", timeframe="15m")
    texts = [x for x in chart.texts if x.role == "drawing:label"]
    for i, x in enumerate(texts):
        if x.text == "Tokyo":  # its label's three lines start at one x, as the script's text.align_left
            assert abs(texts[i - 1].box[0] - x.box[0]) <= 1 and abs(texts[i - 2].box[0] - x.box[0]) <= 1
            break
    else:
        raise AssertionError("no Tokyo label")


def test_drawings_split_at_the_chart_time_zone_day_as_the_values():
    """The renderer gives ``drawings`` the chart's time zone as it gives ``compute``: with the chart
    in New York (local midnight 05:00 UTC), Tokyo's session (00:00-06:00 UTC) is two drawings, one
    per chart day, exactly where its average restarts."""
    from chart_export._render.prepare import prepare_chart

    t = parse_template({"request": {"width": 800, "height": 600, "timezone": "America/New_York",
                                    "studies": [{"name": NAME}]}}, template_id="t")
    c = _c()
    ps = prepare_chart(t, Candles.from_arrays(c.time, c.open, c.high, c.low, c.close, c.volume),
                       visible=96).studies[0]
    tokyo = sorted((d.x0, d.x1) for d in ps.drawings if isinstance(d, Box) and d.key == "tokyo")
    assert tokyo == [(0, 19), (20, 23)]  # bars 0..19 before 05:00 UTC, 20..23 after
    avg = ps.series["tokyo"]
    assert avg[20] == c.close[20] and avg[19] != c.close[19]  # the values restart there too


def _chart(inputs, c=None, zone="Etc/UTC", symbol_template=None):
    from chart_export._render.prepare import prepare_chart

    doc = {"request": {"timezone": zone, "studies": [{"name": NAME, "input": inputs}]}}
    if symbol_template:
        doc["chartImgSymbolTemplate"] = symbol_template
    c = _c() if c is None else c
    return prepare_chart(parse_template(doc, template_id="t"), Candles.from_arrays(
        c.time, c.open, c.high, c.low, c.close, c.volume), visible=len(c), symbol="X").studies[0]


def test_non_default_sessions_names_and_time_zones():
    # 15-minute bars from Tuesday 2024-01-02 00:00 UTC; in_5..in_7 by position, the second session by name
    ps = _chart({"in_5": "Sydney", "in_6": "1000-1200", "in_7": "Australia/Sydney",  # AEDT = UTC+11: 23:00-01:00 UTC
                 "secondSessionName": "Frankfurt", "secondSessionTime": "0900-1000", "secondSessionTZ": "GMT+1",
                 "in_15": "NYSE", "in_16": "0930-1600:1", "in_17": "UTC-5"})  # Sundays only: none on a Tuesday
    assert ps.study.inputs["first_session"] == "1000-1200" and ps.study.inputs["second_timezone"] == "GMT+1"
    boxes = {d.key: (d.x0, d.x1) for d in ps.drawings if isinstance(d, Box) and d.key}
    # Sydney 10:00-12:00 AEDT = 23:00-01:00 UTC: bars 0..3 (00:00-00:45) then, from 23:00, bars 92..95
    sydney = sorted((d.x0, d.x1) for d in ps.drawings if isinstance(d, Box) and d.key == "tokyo")
    assert sydney == [(0, 3), (92, 95)]
    assert boxes["london"] == (32, 35)  # 09:00-10:00 GMT+1 = 08:00-09:00 UTC
    assert "new_york" not in boxes and np.isnan(ps.series["new_york"]).all()
    names = {d.key: label_text(d, 2, 0.5).split("\n")[-1] for d in ps.drawings if isinstance(d, Label)}
    assert names == {"tokyo_label": "Sydney", "london_label": "Frankfurt"}
    assert ps.series["london"][32] == 132.0 and ps.series["london"][35] == np.mean(132.0 + np.arange(4))
    fmt = Formats(str, str, str, str)
    assert [t for _, t in spec(NAME).legend(ps.study.inputs, ps.last(), fmt)][0].startswith("Sydney  ")


def test_session_days_and_overnight_sessions():
    c = _c(n=24 * 7, step=3600)  # hourly, Tuesday 2024-01-02 .. Monday 01-08
    ps = _chart({"in_6": "2200-0200:34", "in_7": "UTC", "show_second": False, "show_third": False}, c)
    tokyo = sorted((d.x0, d.x1) for d in ps.drawings if isinstance(d, Box) and d.key == "tokyo")
    # runs ending on Tuesday (3) / Wednesday (4): Mon 22:00 - Tue 02:00 (its Tuesday part), Tue 22:00 - Wed 02:00
    # (split at the UTC day), then nothing until Monday 01-08 22:00, which runs into Tuesday 01-09
    assert tokyo == [(0, 1), (22, 23), (24, 25), (166, 167)]


def test_the_day_split_is_the_exchange_trading_day():
    c = _c(n=48, step=3600)
    # an FX symbol: the trading day starts 17:00 New York = 22:00 UTC, so a 20:00-02:00 UTC session splits there
    ps = _chart({"in_6": "2000-0200", "in_7": "UTC", "show_second": False, "show_third": False}, c,
                symbol_template="OANDA:{symbol}")
    tokyo = sorted((d.x0, d.x1) for d in ps.drawings if isinstance(d, Box) and d.key == "tokyo")
    assert tokyo == [(0, 1), (20, 21), (22, 25), (44, 45), (46, 47)]


@pytest.mark.parametrize("key, value, message", [
    ("in_6", "930-1600", "not a time range HHMM-HHMM"),
    ("in_6", "0930-2500", "hour over 23"),
    ("firstSessionTime", "0930-1600:8", "days '8'"),
    ("in_11", "", "empty session"),
    ("in_7", "Mars/Olympus", "unknown time zone 'Mars/Olympus'"),
    ("in_12", "GMT+15", "beyond 14:00"),
    ("in_17", 5, "must be a string"),
    ("in_5", "x" * 101, "at most 100 characters"),
])
def test_invalid_text_inputs_are_refused_with_a_clear_message(key, value, message):
    with pytest.raises(TemplateError) as err:
        parse_template({"request": {"studies": [{"name": NAME, "input": {key: value}}]}}, template_id="t")
    assert message in str(err.value) and key in str(err.value)


def test_pine_time_zones_and_sessions():
    from datetime import timedelta

    assert m.parse_timezone("GMT-5").utcoffset(None) == timedelta(hours=-5)
    assert m.parse_timezone("UTC+5:30").utcoffset(None) == timedelta(hours=5, minutes=30)
    assert m.parse_timezone("GMT+0530").utcoffset(None) == timedelta(hours=5, minutes=30)
    assert m.parse_timezone("UTC") is m.UTC and str(m.parse_timezone("Europe/Berlin")) == "Europe/Berlin"
    from chart_export.studies._session import WEEKDAYS, parse_session

    assert parse_session("0930-1600") == ((570, 960, frozenset(range(1, 8))),)
    assert parse_session("0930-1600,1700-1800:23456") == ((570, 960, WEEKDAYS), (1020, 1080, WEEKDAYS))
    # a default section takes the weekdays no other section names; a later one replaces an earlier day
    assert parse_session("1100-1400|1200-1300:7") == ((660, 840, WEEKDAYS), (720, 780, frozenset({7})))
    assert parse_session("24x7") == ((0, 0, frozenset(range(1, 8))),)


def test_session_colour_input():
    ps = _chart({"in_8": "rgba(255, 0, 0, 0.5)", "show_second": False, "show_third": False})
    tokyo = [d for d in ps.drawings if d.plot == "tokyo"]
    boxes = [d for d in tokyo if isinstance(d, Box)]
    assert boxes and all(d.color == "#ff0000" and abs(d.alpha - 0x80 / 255) < 1e-12 for d in boxes)
    assert all(d.color == "#ff0000" for d in tokyo if isinstance(d, Line))  # lines opaque, as the script
    assert [d.text_color for d in tokyo if isinstance(d, Label)] == ["#ff0000"]
    fmt = Formats(str, str, str, str)
    assert spec(NAME).legend(ps.study.inputs, ps.last(), fmt)[0][0] == "#ff0000"
    default = _chart({})
    assert {d.alpha for d in default.drawings if isinstance(d, Box)} == {0x26 / 255}  # 85 % transparent
    assert spec(NAME).legend(default.study.inputs, default.last(), fmt)[0][0] == "tokyo"
    with pytest.raises(TemplateError, match="in_13"):
        parse_template({"request": {"studies": [{"name": NAME, "input": {"in_13": "blue-ish"}}]}}, template_id="t")


def test_the_label_numbers_are_pine_format_mintick():
    """``str.tostring(x, format.mintick)`` as PyneCore measured it on TradingView (the values
    below are its own output, pynecore/lib/string.py): the tick count rounded half away from
    zero with its fraction split off exactly, the tick's decimals, no thousands separator."""
    from chart_export._render.numbers import format_mintick

    assert format_mintick(14.0, 0.0001, 4) == "14.0000"  # a tick count keeps the tick's decimals
    assert format_mintick(13.99999999999, 0.0001, 4) == "14.0000"
    assert format_mintick(1.08465, 0.0001, 4) == "1.0846"  # 10846.4999.. ticks
    assert format_mintick(1.0846500001, 0.0001, 4) == "1.0847"
    assert format_mintick(111.505, 0.01, 2) == "111.51"  # 11150.5 ticks: up (a float format writes 111.50)
    assert format_mintick(1234567.0, 0.01, 2) == "1234567.00"  # no separator
    assert format_mintick(-0.004, 0.01, 2) == "0.00" and format_mintick(float("nan"), 0.01, 2) == "n/a"
    t = T0 + 900 * np.arange(96)
    x = 100 + 30.0 * np.arange(96)  # a 0.5 tick; Tokyo's bars 0..23 range from 99 to 791
    c = candles(x - 0.5, x + 1, x - 1, x, np.ones(96), t)
    (label,) = [d for d in spec(NAME).drawings(c, _p(show_second=False, show_third=False), run(NAME, c))
                if isinstance(d, Label)]
    assert label_text(label, 2, 0.5).split("\n")[0] == "Range: 1384.00"  # 692 / 0.5 ticks, no "1,384"


def test_state_after_each_bar_follows_the_inputs():
    """The script's state per bar (what the oracle checks): the open / close lines only with
    "Draw session open and close lines", the average line and the label's "Avg" only with "Show
    average price per session", the range only with "Show tick range"; the box always."""
    c = _c()
    on = run(NAME, c)
    assert on["tokyo_left"][:24].tolist() == [0.0] * 24 and np.isnan(on["tokyo_left"][24:]).all()
    assert on["tokyo_top"][5] == 106.0 and on["tokyo_bottom"][5] == 99.0 and on["tokyo_label_y"][5] == 99.0
    assert on["tokyo_open"][5] == 99.5 and on["tokyo_close"][5] == 105.0
    assert on["tokyo_average"][5] == np.mean(100 + np.arange(6.0)) == on["tokyo_label_average"][5]
    assert on["tokyo_range"][5] == 14.0  # (106 - 99) / 0.5
    off = spec(NAME).run(c, _p(show_oc=False, show_average=False, show_range=False) | {"tz": None})
    for k in ("open", "close", "average", "label_average", "range"):
        assert np.isnan(off[f"tokyo_{k}"]).all(), k
    assert np.array_equal(off["tokyo_top"], on["tokyo_top"], equal_nan=True)
    assert np.array_equal(off["tokyo"], on["tokyo"], equal_nan=True)  # the legend's average stays


def test_only_the_newest_500_boxes_labels_and_lines_are_kept():
    """indicator(max_boxes_count = 500, max_lines_count = 500, max_labels_count = 500): creating
    the 501st deletes the oldest (TradingView, and PyneCore's FIFO registries); a linefill goes
    with either of its lines. 600 one-bar drawings: 600 boxes and labels, 1,800 lines (open,
    close, average per display, in that order)."""
    n = 1200
    c = candles(*(100 + np.zeros((4, n))), np.ones(n), T0 + 1800 * np.arange(n))  # 30-minute bars, 25 days
    every_hour = ",".join(f"{h:02d}00-{h:02d}30" for h in range(24)) + ":1234567"  # one bar an hour: run r at bar 2r
    p = _p(first_session=every_hour, first_timezone="UTC", show_second=False, show_third=False)
    drawn = spec(NAME).drawings(c, p, spec(NAME).run(c, p))
    boxes = sorted(d.x0 for d in drawn if isinstance(d, Box) and d.key == "tokyo")
    assert len(boxes) == 500 and boxes[0] == 200  # runs 100..599
    assert sorted(d.x for d in drawn if isinstance(d, Label))[0] == 200
    lines = [d for d in drawn if isinstance(d, Line)]
    assert len(lines) == 500  # lines 1,300..1,799: run 433's close and average lines, then all of 434..599
    assert sorted((d.x0, d.style) for d in lines)[:3] == [(866, "dashed"), (866, "dotted"), (868, "dashed")]
    fills = [d for d in drawn if isinstance(d, Box) and not d.key]
    assert len(fills) == 166 and min(d.x0 for d in fills) == 868  # run 433 lost its open line, and its fill
