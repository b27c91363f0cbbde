"""Trading Sessions: TradingView's inputs and in_N positions, the three sessions in their own
time zones by hand (a box over the session's range, open / close lines, the average, the label
"Range / Avg / name" under the box), a new drawing at a new chart day, intraday only (a note on
daily bars), the tick range in the chart's ticks, robust, renders in both themes."""

import numpy as np

from chart_export._render.drawings import label_text
from chart_export.candles import Candles
from chart_export.rendering import ChartRenderer
from chart_export.studies import trading_sessions as m
from chart_export.studies._drawing import Box, Label, Line
from chart_export.templates import parse_template
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
    assert [(i.key, i.aliases[0]) for i in sp.inputs] == [
        ("show_names", "in_0"), ("show_oc", "in_1"), ("show_range", "in_2"), ("show_average", "in_3"),
        ("show_first", "in_4"), ("show_second", "in_9"), ("show_third", "in_14")]


def test_sessions_by_hand():
    c = _c()  # 15-minute bars from 00:00 UTC to 23:45 UTC on a Tuesday in January
    found = {key: m.runs(c, window, m.ZoneInfo(zone), m.UTC) for key, _, window, zone, _, _ in m.SESSIONS}
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
    assert label_text(label, 2, 0.5) == "Range: 50\nAvg: 111.50\nTokyo"  # 25 / 0.5 ticks


def test_a_new_day_starts_a_new_drawing_and_daily_bars_draw_nothing():
    c = _c(n=48, step=3600)  # hourly, two days: Tokyo's 00:00-06:00 UTC on each
    found = m.runs(c, (9 * 60, 15 * 60), m.ZoneInfo("Asia/Tokyo"), m.UTC)
    assert found == [(0, 5), (24, 29)]
    over = m.runs(c, (22 * 60, 2 * 60), m.UTC, m.UTC)  # 22:00-02:00 UTC: split at midnight (a new chart day)
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
