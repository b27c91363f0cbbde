"""Pivot Points Standard through the registry: hand vectors (Traditional, Fibonacci,
Classic); the Auto timeframe; periods in the chart's time zone (Asia/Tokyo, New York);
weekly properties; robust; renders as horizontal levels; the template's ``timezone``
reaches compute (UTC vs Asia/Tokyo: the levels change at a different bar, and the
manifest's ``last`` holds the levels of the previous local day)."""

import io
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import numpy as np
import pytest
from PIL import Image

from chart_export.rendering import ChartRenderer, prepare_chart
from chart_export.studies import pivot_points as m
from chart_export.templates import parse_template
from tests._studies import KINDS, candles, check_positions, check_renders, check_robust, runner, series, spec
from tests.test_rendering import series as render_series

NAME = "Pivot Points Standard"
LEVELS = ("p", "r1", "s1", "r2", "s2", "r3", "s3", "r4", "s4", "r5", "s5")
DAY = 86400
T0 = 1_704_067_200  # Monday 2024-01-01 00:00 UTC
nan = np.nan


run_tz = runner(NAME)  # (candles, tz=None, **inputs), through StudySpec.run (which adds ``inputs["tz"]``)


def _hand(n=9):
    t = T0 + 8 * 3600 * np.arange(n)  # three 8-hour bars a day
    h = np.array([10, 12, 11, 13, 15, 14, 9, 9, 9.0])[:n]
    l = np.array([9, 10, 8, 11, 12, 12, 9, 9, 9.0])[:n]
    c = np.array([9.5, 11, 10, 12, 14, 14, 9, 9, 9.0])[:n]
    return candles(c, h, l, c, np.ones(n), t)


def test_spec():
    sp = spec(NAME)
    assert sp.calendar and sp.pane is None
    assert spec("pivots") is sp and spec("PIVOT POINTS") is sp
    assert all(p.kind == "levels" and p.color == "#FB8C00" for p in sp.plots)
    assert [p.key for p in sp.plots] == list(LEVELS)


def test_hand_vector_traditional_daily():
    # day 1 (three 8-hour bars): H = 12, L = 8, C = 10 -> P = 10
    # R1 = 2*10 - 8 = 12, S1 = 2*10 - 12 = 8, R2 = 10 + 4 = 14, S2 = 10 - 4 = 6
    # R3 = 12 + 2*(10 - 8) = 16, S3 = 8 - 2*(12 - 10) = 4; day 3's levels from day 2's bars:
    # H = 15, L = 11, C = 14 -> P = 40/3, R1 = 80/3 - 11 = 47/3, S1 = 80/3 - 15 = 35/3
    out = run_tz(_hand(), anchor="Daily")
    np.testing.assert_allclose(out["p"], [nan] * 3 + [10] * 3 + [40 / 3] * 3, rtol=1e-12)
    np.testing.assert_allclose(out["r1"], [nan] * 3 + [12] * 3 + [47 / 3] * 3, rtol=1e-12)
    np.testing.assert_allclose(out["s1"], [nan] * 3 + [8] * 3 + [35 / 3] * 3, rtol=1e-12)
    np.testing.assert_allclose(out["r2"][3:6], 14)
    np.testing.assert_allclose(out["s2"][3:6], 6)
    np.testing.assert_allclose(out["r3"][3:6], 16)
    np.testing.assert_allclose(out["s3"][3:6], 4)


def test_fibonacci_and_classic():
    # previous period H 12, L 8, C 10 -> P 10, range 4
    c = _hand(6)
    f = run_tz(c, anchor="Daily", kind="Fibonacci")
    np.testing.assert_allclose([f[k][3] for k in ("r1", "r2", "r3", "s1", "s2", "s3")],
                               [11.528, 12.472, 14, 8.472, 7.528, 6])
    k = run_tz(c, anchor="Daily", kind="Classic")
    np.testing.assert_allclose([k[x][3] for x in ("r1", "r2", "r3", "s1", "s2", "s3")], [12, 14, 18, 8, 6, 2])


def test_daily_periods_in_new_york():
    # New York (UTC-5): bars at 00:00, 08:00, 16:00 UTC are 19:00 (previous day), 03:00, 11:00 local,
    # so the local days are [0], [1, 2, 3], [4, 5, 6], [7, 8]: day [0]: H 10, L 9, C 9.5 -> P 9.5, R1 10;
    # day [1..3]: H 13, L 8, C 12 -> P 11 applies to bars 4..6; day [4..6]: H 15, L 9, C 9 -> P 11
    # R1 = 2P - L: 14 then 13
    out = run_tz(_hand(), ZoneInfo("America/New_York"), anchor="Daily")
    np.testing.assert_allclose(out["p"], [nan] * 1 + [9.5] * 3 + [11] * 3 + [11] * 2, rtol=1e-12)
    np.testing.assert_allclose(out["r1"], [nan] + [10] * 3 + [14] * 3 + [13] * 2, rtol=1e-12)


@pytest.mark.parametrize("step,unit", [(60, "day"), (900, "day"), (1800, "week"), (3600, "week"),
                                       (4 * 3600, "week"), (DAY, "month"), (2 * DAY, "month"),
                                       (7 * DAY, "year"), (30 * DAY, "year")])
def test_auto_timeframe(step, unit):
    assert m.auto_unit(step) == unit


def test_auto_on_15_minute_bars_uses_days_in_chart_timezone():
    n = 200
    x = np.linspace(1, 2, n)
    c = candles(x, x, x, x, np.ones(n), T0 + 900 * np.arange(n))
    utc = run_tz(c)["p"]
    tokyo = run_tz(c, ZoneInfo("Asia/Tokyo"))["p"]
    # UTC: first day is bars 0..95 -> NaN, then constant on bars 96..191
    assert np.isnan(utc[:96]).all() and np.isfinite(utc[96:]).all()
    assert np.unique(utc[96:192]).size == 1 and utc[192] != utc[191]
    # Tokyo (UTC+9): the local day changes at 15:00 UTC = bar 60; levels from bars 0..59
    assert np.isnan(tokyo[:60]).all() and np.isfinite(tokyo[60:]).all()
    assert tokyo[60] == pytest.approx((2 * x[59] + x[0]) / 3) and np.unique(tokyo[60:156]).size == 1
    assert tokyo[156] != tokyo[155]


def test_quarterly_and_yearly():
    # one bar a month through 2024 and January 2025: Q1 H/L/C = Jan..Mar, applied to Apr..Jun
    t = np.array([int(datetime(2024 + (k // 12), k % 12 + 1, 15, tzinfo=UTC).timestamp()) for k in range(13)])
    x = np.arange(1, 14, dtype=float)
    c = candles(x, x + 1, x - 1, x, np.ones(13), t)
    q = run_tz(c, anchor="Quarterly")["p"]
    np.testing.assert_allclose(q, [nan] * 3 + [(4 + 0 + 3) / 3] * 3 + [(7 + 3 + 6) / 3] * 3
                               + [(10 + 6 + 9) / 3] * 3 + [(13 + 9 + 12) / 3], rtol=1e-12)
    y = run_tz(c, anchor="Yearly")["p"]
    np.testing.assert_allclose(y, [nan] * 12 + [(13 + 0 + 12) / 3], rtol=1e-12)


@pytest.mark.parametrize("kind", KINDS)
def test_properties(kind):
    s = series(kind)  # hourly bars -> weekly pivots
    out = run_tz(s)
    p = out["p"]
    ok = ~np.isnan(p)
    assert ok.any() and np.isfinite(p[ok]).all()
    for k in LEVELS:
        assert (np.isnan(out[k]) == ~ok).all(), k
    assert (out["r1"][ok] >= out["s1"][ok]).all() and (out["r3"][ok] >= out["r2"][ok]).all()
    assert (out["r1"][ok] >= out["p"][ok] - 1e-9).all() and (out["s1"][ok] <= out["p"][ok] + 1e-9).all()
    monday_weeks = (s.time[ok] // DAY + 3) // 7  # epoch day 0 is a Thursday
    assert np.unique(p[ok]).size == np.unique(monday_weeks).size  # one value per week
    first_week = (s.time // DAY + 3) // 7 == (s.time[0] // DAY + 3) // 7
    assert first_week.sum() == 168 and (~ok == first_week).all()  # the series starts on a Monday


SETTINGS = ("p", "s1", "r1", "s2", "r2", "s3", "r3", "s4", "r4", "s5", "r5")  # the script's colour/show order


def test_inputs():
    # every input of the script, in its declaration order: then a colour and a show toggle per level
    check_positions(NAME, ["kind", "anchor", "pivots_back", "daily_based", "show_labels", "show_prices",
                           "labels_position", "line_width"] + [f"{a}_{k}" for k in SETTINGS for a in ("color", "show")],
                    {"kind": ("Type", "pivotType"), "anchor": ("pivotTimeframe",),
                     "pivots_back": ("Number of Pivots Back",), "show_labels": ("Show Labels",),
                     "show_prices": ("Show Prices",), "labels_position": ("Labels Position",),
                     "line_width": ("Line Width", "linewidthInput"),
                     **{f"color_{k}": (k.upper(), f"{k}ColorInput") for k in SETTINGS},
                     **{f"show_{k}": (f"{k}ShowInput",) for k in SETTINGS}})
    t = parse_template({"request": {"studies": [{"name": "Pivots", "input": {"pivotType": "fibonacci",
                                                                            "in_1": "weekly"}}]}}, template_id="t")
    assert t.studies[0].inputs == {"kind": "Fibonacci", "anchor": "Weekly", "pivots_back": 15, "daily_based": True,
                                   "show_labels": True, "show_prices": True, "labels_position": "Left",
                                   "line_width": 1, **{f"color_{k}": "#FB8C00" for k in SETTINGS},
                                   **{f"show_{k}": True for k in SETTINGS}}
    assert "tz" not in {i.key for i in spec(NAME).inputs}
    t = parse_template({"request": {"studies": [{"name": "Pivots", "input": {
        "in_7": 3, "R1": "rgba(0, 0, 255, 1)", "in_10": "#00ff00", "s2ShowInput": False}}]}}, template_id="t")
    got = t.studies[0].inputs
    assert (got["line_width"], got["color_r1"], got["color_s1"], got["show_s2"]) == (3, "#0000ff", "#00ff00", False)
    assert t.ignored_keys == []  # none of them is an "ignored key" any more


def test_robust():
    for kind in ("Traditional", "Fibonacci", "Classic"):
        check_robust(NAME, kind=kind)
    check_robust(NAME, anchor="Daily")


def test_renders():
    check_renders(NAME)
    check_renders(NAME, {"Type": "Classic", "pivotTimeframe": "Weekly"})
    check_renders(NAME, {"pivotTimeframe": "Biyearly"})  # 2024-2025 from the bars of 2022-2023


def _template(theme="light", timezone="Etc/UTC", inputs=None):
    study = {"name": NAME, **({"input": inputs} if inputs else {})}
    return parse_template({"request": {"width": 800, "height": 600, "theme": theme, "timezone": timezone,
                                       "studies": [study]}}, template_id=f"t-{theme}")


def _previous_local_day_levels(c, tz):
    """Independent check: Traditional levels from the H/L/C of the day before the last bar's local day."""
    days = np.array([datetime.fromtimestamp(int(t), tz).date() for t in c.time])
    prev = days == np.unique(days)[-2]
    H, L, C = c.high[prev].max(), c.low[prev].min(), c.close[prev][-1]
    P = (H + L + C) / 3
    return {"p": P, "r1": 2 * P - L, "r2": P + (H - L), "r3": H + 2 * (P - L), "s1": 2 * P - H, "s2": P - (H - L),
            "s3": L - 2 * (H - P), "r4": 3 * P + (H - 3 * L), "s4": 3 * P - (3 * H - L), "r5": 4 * P + (H - 4 * L),
            "s5": 4 * P - (4 * H - L)}


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_template_timezone_reaches_compute(theme):
    # the same 15-minute candles (Auto -> daily pivots): a UTC day starts at 00:00 UTC, a Tokyo one at 15:00 UTC
    c = render_series(400, tf=900)
    charts, prepared = {}, {}
    for zone in ("Etc/UTC", "Asia/Tokyo"):
        t = _template(theme, zone)
        prepared[zone] = prepare_chart(t, c).studies[0].series["p"]
        charts[zone] = ChartRenderer().render(t, c, symbol="S", timeframe="15m")
        assert len(charts[zone].png) < 256 * 1024
        assert Image.open(io.BytesIO(charts[zone].png)).size == (800, 600)
    window = c.tail(len(prepared["Etc/UTC"]))
    minute = window.time % DAY
    utc, tokyo = prepared["Etc/UTC"], prepared["Asia/Tokyo"]
    change = {z: set(np.flatnonzero(np.r_[False, np.diff(v) != 0]).tolist()) for z, v in prepared.items()}
    at_utc_midnight = set(np.flatnonzero(minute == 0).tolist()) - {0}
    at_tokyo_midnight = set(np.flatnonzero(minute == 15 * 3600).tolist()) - {0}
    assert at_utc_midnight and at_tokyo_midnight
    assert change["Etc/UTC"] == at_utc_midnight
    assert change["Asia/Tokyo"] == at_tokyo_midnight
    assert not np.array_equal(utc, tokyo)
    for zone, tz in (("Etc/UTC", UTC), ("Asia/Tokyo", ZoneInfo("Asia/Tokyo"))):
        last = charts[zone].meta["studies"][0]["last"]
        assert list(last) == list(LEVELS)
        expected = _previous_local_day_levels(c, tz)
        for k in LEVELS:
            assert last[k] == pytest.approx(expected[k], rel=1e-7), (zone, k)  # the manifest keeps 8 digits
    assert charts["Etc/UTC"].meta["studies"][0]["last"]["p"] != charts["Asia/Tokyo"].meta["studies"][0]["last"]["p"]
    assert charts["Etc/UTC"].png != charts["Asia/Tokyo"].png


def test_levels_are_horizontal_segments():
    # thick levels in a colour of their own: every column crosses at most the 11 levels, none vertically
    t = parse_template({"request": {"width": 800, "height": 600, "studies": [{"name": NAME, "override": {
        f"{k}.color": "#0000ff" for k in LEVELS} | {f"{k}.linewidth": 2 for k in LEVELS}}]}}, template_id="t")
    chart = ChartRenderer(record_text=True).render(t, render_series(400, tf=3600), symbol="S", timeframe="1h")
    rgb = np.asarray(Image.open(io.BytesIO(chart.png)).convert("RGB"))
    blue = np.all(rgb == (0, 0, 255), axis=2)
    blue[:60] = False  # the legend swatch
    for x in chart.texts:  # the levels' labels, in their colour
        if x.role == "drawing:label":
            x0, y0, x1, y1 = x.box
            blue[600 - y1 : 600 - y0 + 1, x0 : x1 + 1] = False
    assert len(np.flatnonzero(blue.any(axis=1))) >= 7
    assert blue.sum(axis=0).max() <= 11 * 3  # no vertical connectors


def test_hand_vector_the_other_types_and_levels_4_and_5():
    # day 2's levels from day 1: H = 12, L = 8, C = 10, O = 9.5 (bar 0's open), day 2's open 12
    c = _hand()
    out = run_tz(c, anchor="Daily")  # Traditional: P = 10
    np.testing.assert_allclose([out[k][3] for k in ("r4", "s4", "r5", "s5")], [3 * 10 + 12 - 24, 30 - 36 + 8,
                                                                              40 + 12 - 32, 40 - 48 + 8])
    w = run_tz(c, anchor="Daily", kind="Woodie")  # P = (12 + 8 + 2 * 12) / 4 = 11
    np.testing.assert_allclose([w[k][3] for k in LEVELS[:9]], [11, 14, 10, 15, 7, 18, 6, 22, 2])
    assert np.isnan(w["r5"][3]) and np.isnan(w["s5"][3])
    d = run_tz(c, anchor="Daily", kind="DM")  # C 10 > O 9.5: X = 2 * 12 + 8 + 10 = 42
    np.testing.assert_allclose([d["p"][3], d["r1"][3], d["s1"][3]], [10.5, 13, 9])
    assert all(np.isnan(d[k][3]) for k in LEVELS[3:])
    m = run_tz(c, anchor="Daily", kind="Camarilla")  # C + 1.1 * 4 / 12 ...; R5 = 12 / 8 * 10 = 15
    np.testing.assert_allclose([m[k][3] for k in LEVELS],
                               [10, 10 + 4.4 / 12, 10 - 4.4 / 12, 10 + 4.4 / 6, 10 - 4.4 / 6, 11.1, 8.9, 12.2, 7.8, 15, 5])
    k = run_tz(c, anchor="Daily", kind="Classic")
    np.testing.assert_allclose([k["r4"][3], k["s4"][3]], [22, -2])


def test_only_the_last_pivots_back_periods_are_drawn():
    c = _hand()  # three days: levels on days 2 and 3
    one = run_tz(c, anchor="Daily", pivots_back=1)
    assert np.isnan(one["p"][:6]).all() and np.isfinite(one["p"][6:]).all()
    assert np.isfinite(run_tz(c, anchor="Daily")["p"][3:]).all()


def test_each_level_gets_a_name_and_price_label_at_its_period_start():
    # TradingView: label "P (price)" etc. at each period's start, right-aligned left of it, in the level's colour
    c = _hand()
    sp = spec(NAME)
    p = {"kind": "Traditional", "anchor": "Daily", "pivots_back": 15, "tz": UTC}
    out = sp.compute(c, p)
    found = sp.drawings(c, p, out)
    day2 = [d for d in found if d.x == 2.5]  # day 2 starts at bar 3: levels from day 1 (H 12, L 8, C 10)
    assert [d.key for d in day2] == list(LEVELS)
    assert [d.style for d in day2] == ["right"] * 11 and all(d.until == 5.5 for d in day2)
    by_key = {d.key: d for d in day2}
    assert by_key["p"].y == 10.0 and by_key["r1"].y == 12.0 and by_key["s3"].y == 4.0
    assert by_key["r2"].text.format("14.00") == "R2 (14.00)" and by_key["r2"].numbers == (("price", 14.0),)
    assert by_key["p"].text_color == "=p"
    assert {d.x for d in found} == {2.5, 5.5}  # the first day has no levels
    fib = sp.drawings(c, {**p, "kind": "Fibonacci"}, sp.compute(c, {**p, "kind": "Fibonacci"}))
    assert {d.key for d in fib if d.x == 2.5} == {"p", "r1", "s1", "r2", "s2", "r3", "s3"}  # no NaN levels


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_labels_are_drawn_and_in_the_manifest(theme):
    t = parse_template({"request": {"width": 800, "height": 600, "theme": theme, "studies": [{"name": NAME}]}},
                       template_id="t")
    chart = ChartRenderer(record_text=True).render(t, render_series(400), symbol="S", timeframe="1d")
    labels = [x for x in chart.texts if x.role == "drawing:label"]
    meta = chart.meta["studies"][0]["drawings"]
    assert len(labels) >= 11 and {x.color for x in labels} == {"#FB8C00"}
    drawn = {x.text for x in labels}
    ps = [m_ for m_ in meta if m_["key"] == "p"]
    assert ps and all(m_["text"] == f"P ({m_['value']:,.2f})" for m_ in ps)
    assert {m_["text"] for m_ in ps if m_["text"] in drawn}  # P labels are among the drawn ones
    last_p = chart.meta["studies"][0]["last"]["p"]
    assert f"P ({last_p:,.2f})" in drawn
    hidden = ChartRenderer(record_text=True).render(
        parse_template({"request": {"width": 800, "height": 600, "theme": theme,
                                    "studies": [{"name": NAME, "override": {"r1.visible": False}}]}}, template_id="t"),
        render_series(400), symbol="S", timeframe="1d")
    assert not [x for x in hidden.texts if x.role == "drawing:label" and x.text.startswith("R1 ")]


def test_show_labels_show_prices_and_labels_position_as_tradingview():
    # Pine: text = (showLabels ? name + " " : "") + (showPrices ? "(" + price + ")" : ""); "Right": at the
    # line's end, label.style_label_left; both off: no labels (the levels stay drawn)
    c = _hand()
    sp = spec(NAME)
    p = {"kind": "Traditional", "anchor": "Daily", "pivots_back": 15, "tz": UTC, "daily_based": True,
         "show_labels": True, "show_prices": True, "labels_position": "Left"}
    out = sp.compute(c, p)

    def day2(**change):
        return {d.key: d for d in sp.drawings(c, {**p, **change}, out) if d.y == out[d.key][3]
                and d.x in (2.5, 5.5) and (d.x == 2.5) == (change.get("labels_position", "Left") == "Left")}

    names = day2(show_prices=False)["r2"]
    assert names.text == "R2" and names.numbers == ()
    prices = day2(show_labels=False)["r2"]
    assert prices.text.format("14.00") == "(14.00)" and prices.numbers == (("price", 14.0),)
    right = day2(labels_position="Right")["p"]
    assert (right.x, right.style, right.until) == (5.5, "left", None) and right.text.format("10.00") == "P (10.00)"
    assert sp.drawings(c, {**p, "show_labels": False, "show_prices": False}, out) == []
    t = parse_template({"request": {"studies": [{"name": NAME, "input": {"Show Labels": False, "in_6": "right"}}]}},
                       template_id="t")
    assert (t.studies[0].inputs["show_labels"], t.studies[0].inputs["labels_position"]) == (False, "Right")


def _monthly(first=2015, last=2031):
    """One bar a month (the 15th) from January ``first`` to December ``last``: close k + 1, high +1, low -1."""
    t = np.array([int(datetime(y, mo, 15, tzinfo=UTC).timestamp()) for y in range(first, last + 1)
                  for mo in range(1, 13)])
    x = np.arange(1, t.shape[0] + 1, dtype=float)
    return candles(x, x + 1, x - 1, x, np.ones(t.shape[0]), t)


@pytest.mark.parametrize("anchor, years, starts", [
    ("Biyearly", 2, [2016, 2018, 2020, 2022, 2024, 2026, 2028, 2030]),
    ("Triyearly", 3, [2016, 2019, 2022, 2025, 2028, 2031]),
    ("Quinquennially", 5, [2020, 2025, 2030]),
    ("Decennially", 10, [2020, 2030]),
])
def test_multi_year_anchors(anchor, years, starts):
    # TradingView: timeframe.change("12M") and year % N == 0 -> a period starts with a year divisible by N
    c = _monthly()
    year = np.array([datetime.fromtimestamp(int(t), UTC).year for t in c.time])
    out = run_tz(c, anchor=anchor)
    p = out["p"]
    changes = sorted({int(year[i]) for i in np.flatnonzero(np.r_[False, p[1:] != p[:-1]]) if np.isfinite(p[i])})
    assert changes == starts
    assert np.isnan(p[year < starts[0]]).all() and np.isfinite(p[year >= starts[0]]).all()
    bounds = [int(year[0])] + starts + [2032]
    for a, b, nxt in zip(bounds[:-2], bounds[1:-1], bounds[2:]):  # period [b, nxt) from the bars of [a, b)
        prev, cur = (year >= a) & (year < b), (year >= b) & (year < nxt)
        H, L, C = c.high[prev].max(), c.low[prev].min(), c.close[prev][-1]
        np.testing.assert_allclose(p[cur], (H + L + C) / 3, rtol=1e-12)
        np.testing.assert_allclose(out["r1"][cur], 2 * (H + L + C) / 3 - L, rtol=1e-12)
    assert m.periods(c.time, UTC, anchor).tolist() == (year // years).tolist()


def test_decennial_hand_vector_and_chart():
    # bars 2020-01 .. 2029-12 take 2015-01 .. 2019-12 (x = 1..60): H = 61, L = 0, C = 60 -> P = 121 / 3
    c = _monthly()
    p = run_tz(c, anchor="Decennially")["p"]
    assert np.isnan(p[:60]).all() and np.allclose(p[60:180], 121 / 3) and np.allclose(p[180:], (181 + 60 + 180) / 3)
    for theme in ("light", "dark"):
        t = _template(theme, inputs={"Pivots Timeframe": "Decennially"})
        chart = ChartRenderer().render(t, c, symbol="S", timeframe="1M")
        assert Image.open(io.BytesIO(chart.png)).size == (800, 600) and len(chart.png) < 256 * 1024
        study = chart.meta["studies"][0]
        assert study["inputs"]["anchor"] == "Decennially" and study["last"]["p"] == pytest.approx(421 / 3)
        ps = [d for d in study["drawings"] if d["key"] == "p"]
        # the window's 144 months are 2020-01 .. 2031-12: two periods, one label each (whole-number prices)
        assert [(d["time"][:7], round(d["value"], 5), d["text"]) for d in ps] == [
            ("2020-01", round(121 / 3, 5), "P (40)"), ("2030-01", round(421 / 3, 5), "P (140)")]
    for name in ("Biyearly", "triyearly", "QUINQUENNIALLY"):
        got = parse_template({"request": {"studies": [{"name": NAME, "input": {"in_1": name}}]}}, template_id="t")
        assert got.studies[0].inputs["anchor"] == name.capitalize()


def _drawn(inputs=None, overrides=None):
    """The chart (hourly bars: daily pivots) with the levels' own pixels: the legend rows and the
    labels' text boxes masked out."""
    study = {"name": NAME, **({"input": inputs} if inputs else {}), **({"override": overrides} if overrides else {})}
    t = parse_template({"request": {"width": 800, "height": 600, "studies": [study]}}, template_id="t")
    chart = ChartRenderer(record_text=True).render(t, render_series(400, tf=3600), symbol="S", timeframe="1h")
    rgb = np.asarray(Image.open(io.BytesIO(chart.png)).convert("RGB")).astype(int)
    keep = np.ones(rgb.shape[:2], dtype=bool)
    keep[:60] = False  # the legend
    for x in chart.texts:
        if x.role == "drawing:label":
            x0, y0, x1, y1 = x.box
            keep[600 - y1 - 1: 600 - y0 + 2, x0 - 1: x1 + 2] = False
    return chart, rgb, keep


def _pixels(rgb, keep, hex_colour, tol=40):
    target = np.array([int(hex_colour[i: i + 2], 16) for i in (1, 3, 5)])
    return (np.abs(rgb - target).max(axis=2) <= tol) & keep


def test_colour_width_and_show_inputs_change_the_drawn_levels():
    # the script: line.new(..., color = levelColor, width = linewidthInput), label textcolor = levelColor,
    # nothing drawn for a level whose show toggle is off
    base, rgb0, keep0 = _drawn()
    assert not _pixels(rgb0, keep0, "#0000ff").any() and not _pixels(rgb0, keep0, "#00c800").any()
    chart, rgb, keep = _drawn({"R1": "#0000ff", "in_10": "#00c800"})  # R1 by its title, S1 by its position
    blue, green = _pixels(rgb, keep, "#0000ff"), _pixels(rgb, keep, "#00c800")
    assert blue.sum() > 300 and green.sum() > 300
    last = chart.meta["studies"][0]["last"]
    assert np.flatnonzero(blue.any(axis=1)).mean() < np.flatnonzero(green.any(axis=1)).mean()  # R1 above S1
    colours = {x.text.split(" ")[0]: x.color.lower() for x in chart.texts if x.role == "drawing:label"}
    assert colours["R1"] == "#0000ff" and colours["S1"] == "#00c800" and colours["P"] == "#fb8c00"
    assert last == base.meta["studies"][0]["last"]  # the same levels, in other colours

    # Line Width: every level in blue, 1 px then 4 px: each column of a level is 4 times as thick
    every = {k.upper(): "#0000ff" for k in SETTINGS}
    _, rgb1, keep1 = _drawn(every)
    _, rgb4, keep4 = _drawn({**every, "Line Width": 4})
    thin, thick = _pixels(rgb1, keep1, "#0000ff").sum(), _pixels(rgb4, keep4, "#0000ff").sum()
    assert thick > 2.5 * thin > 0

    # a level not shown: no line, no label, no value (s1ShowInput by its Pine name)
    hidden, rgb_h, keep_h = _drawn({"S1": "#00c800", "s1ShowInput": False})
    assert not _pixels(rgb_h, keep_h, "#00c800").any()
    assert not [x for x in hidden.texts if x.role == "drawing:label" and x.text.startswith("S1")]
    assert "s1" not in hidden.meta["studies"][0]["last"] and "r1" in hidden.meta["studies"][0]["last"]

    # the template's override of the plot applies over the input
    _, rgb_o, keep_o = _drawn({"R1": "#0000ff"}, {"r1.color": "#00c800"})
    assert not _pixels(rgb_o, keep_o, "#0000ff").any() and _pixels(rgb_o, keep_o, "#00c800").sum() > 300


def test_p_not_shown_leaves_the_legend_without_a_value():
    sp = spec(NAME)
    c = _hand()
    p = {i.key: i.default for i in sp.inputs} | {"anchor": "Daily", "show_p": False, "tz": UTC}
    out = sp.compute(c, p)
    assert "p" not in out and np.isfinite(out["r1"][3:]).all()
    assert {d.key for d in sp.drawings(c, p, out)} == set(LEVELS) - {"p"}
    from chart_export.studies.spec import NA, Formats

    legend = sp.legend(p, {k: float(v[-1]) for k, v in out.items()}, Formats(str, str, str, str))
    assert legend[0][1].endswith(f"P  {NA}")
