"""VWAP through the registry: hand vectors (UTC sessions, a New York session, no volume yet,
percentage bands, a Monday-start week in the chart's time zone); session properties; robust;
renders (band #1 on by default, as TradingView v6; the others when asked); the template's ``timezone`` reaches compute
(UTC vs Asia/Tokyo: the session restarts at a different bar, and the manifest's ``last``
is the VWAP of the last local session)."""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import numpy as np
import pytest

from chart_export.rendering import ChartRenderer, prepare_chart
from chart_export.templates import parse_template
from tests._studies import KINDS, candles, check_renders, check_robust, check_tv_positions, runner, series, spec
from tests.test_rendering import series as render_series

NAME = "VWAP"
H = 3600
T = 1_704_146_400 + H * np.arange(4)  # 2024-01-01 22:00, 23:00, 01-02 00:00, 01:00 UTC
BANDS = ("upper_1", "lower_1", "upper_2", "lower_2", "upper_3", "lower_3")


run_tz = runner(NAME)  # (candles, tz=None, **inputs), through StudySpec.run (which adds ``inputs["tz"]``)


def _close_only(c, v, t=T):
    c = np.asarray(c, dtype=float)
    return candles(c, c, c, c, np.asarray(v, dtype=float), t)


def test_spec_is_calendar_anchored():
    sp = spec(NAME)
    assert sp.calendar and sp.pane is None
    assert spec("volume weighted average price") is sp
    assert {i.key: i.default for i in sp.inputs}["source"] == "hlc3"


def test_hand_vector_utc_sessions():
    # close 10, 12 | 20, 30 with volume 1, 3 | 2, 0 (UTC days split after bar 1)
    # bar0 10; bar1 (10 + 36) / 4 = 11.5; bar2 20; bar3 (40 + 0) / 2 = 20
    # stdev bar1: E[x^2] = (100 + 3 * 144) / 4 = 133, 133 - 11.5^2 = 0.75
    out = run_tz(_close_only([10, 12, 20, 30], [1, 3, 2, 0]), source="close", show_band_1=True)
    np.testing.assert_allclose(out["vwap"], [10, 11.5, 20, 20], rtol=1e-12)
    np.testing.assert_allclose(out["upper_1"], [10, 11.5 + np.sqrt(0.75), 20, 20], rtol=1e-12)
    np.testing.assert_allclose(out["lower_1"], [10, 11.5 - np.sqrt(0.75), 20, 20], rtol=1e-12)
    assert np.isnan(out["upper_2"]).all() and np.isnan(out["lower_3"]).all()  # bands 2, 3 off by default


def test_session_is_the_chart_timezone_day():
    # in New York (UTC-5) all four bars are on 2024-01-01: one session
    # bar2 (10 + 36 + 40) / 6, bar3 the same (no volume)
    c = _close_only([10, 12, 20, 30], [1, 3, 2, 0])
    out = run_tz(c, ZoneInfo("America/New_York"), source="close")
    np.testing.assert_allclose(out["vwap"], [10, 11.5, 86 / 6, 86 / 6], rtol=1e-12)
    # in Tokyo (UTC+9) the local day changes at 15:00 UTC: bars 0..3 are all 2024-01-02 07:00..10:00
    tokyo = run_tz(c, ZoneInfo("Asia/Tokyo"), source="close")
    np.testing.assert_allclose(tokyo["vwap"], [10, 11.5, 86 / 6, 86 / 6], rtol=1e-12)
    # no tz (a direct compute call) is UTC
    np.testing.assert_allclose(spec(NAME).compute(c, {**{i.key: i.default for i in spec(NAME).inputs},
                                                      "source": "close"})["vwap"], [10, 11.5, 20, 20])


def test_no_volume_yet_is_nan_and_percentage_bands():
    out = run_tz(_close_only([10, 12, 20, 30], [0, 2, 1, 1]), source="close", show_band_1=True,
                 bands_mode="Percentage")
    # bar0 no volume -> NaN; bar1 12, +/- 1% of vwap; bar2 20; bar3 (20 + 30) / 2
    assert np.isnan(out["vwap"][0]) and np.isnan(out["upper_1"][0])
    np.testing.assert_allclose(out["upper_1"][1], 12 * 1.01, rtol=1e-12)
    np.testing.assert_allclose(out["lower_1"][1], 12 * 0.99, rtol=1e-12)
    np.testing.assert_allclose(out["vwap"][2:], [20, 25], rtol=1e-12)
    np.testing.assert_allclose(out["upper_1"][3], 25 * 1.01, rtol=1e-12)


def test_week_anchor_starts_monday_in_the_chart_timezone():
    # Monday 2024-01-01 00:00 UTC, 6-hourly bars from Sunday 18:00 UTC: close 10, 20, 30, 40, volume 1
    # UTC: the week starts at bar 1 -> 10 | 20, 25, 30
    # New York (UTC-5): bars 0, 1 are Sunday 13:00 / 19:00 local -> 10, 15 | 30, 35
    t = 1_704_067_200 - 6 * H + 6 * H * np.arange(4)
    c = _close_only([10, 20, 30, 40], [1, 1, 1, 1], t)
    np.testing.assert_allclose(run_tz(c, source="close", anchor="Week")["vwap"], [10, 20, 25, 30])
    ny = run_tz(c, ZoneInfo("America/New_York"), source="close", anchor="Week")["vwap"]
    np.testing.assert_allclose(ny, [10, 15, 30, 35])
    # Month and Year: 2024-01-01 starts both in UTC, neither in New York (still 2023-12-31)
    for anchor in ("Month", "Quarter", "Year"):
        np.testing.assert_allclose(run_tz(c, source="close", anchor=anchor)["vwap"], [10, 20, 25, 30])
        np.testing.assert_allclose(run_tz(c, ZoneInfo("America/New_York"), source="close", anchor=anchor)["vwap"],
                                   [10, 15, 30, 35])


def test_standard_deviation_bands_multipliers():
    # one session, close 10, 14 with volume 1, 1: vwap 12, stdev 2
    out = run_tz(_close_only([10, 14], [1, 1], T[:2]), source="close", show_band_1=True, show_band_2=True,
                 show_band_3=True, band_mult_3=0.5)
    np.testing.assert_allclose([out[k][1] for k in BANDS], [14, 10, 16, 8, 13, 11], rtol=1e-12)


@pytest.mark.parametrize("kind", KINDS)
def test_properties(kind):
    # vwap of each (UTC) session lies within the session's [lowest source, highest source]
    s = series(kind, 900)
    out = run_tz(s, show_band_3=True)
    tp = (s.high + s.low + s.close) / 3
    day = s.time // 86400
    ok = ~np.isnan(out["vwap"])
    scale = np.abs(tp).max()
    for d in np.unique(day):
        sel = (day == d) & ok
        if sel.any():
            assert out["vwap"][sel].min() >= tp[day == d].min() - 1e-9 * scale
            assert out["vwap"][sel].max() <= tp[day == d].max() + 1e-9 * scale
        first = np.flatnonzero(day == d)[0]
        if ok[first]:
            assert out["vwap"][first] == pytest.approx(tp[first], rel=1e-12)  # the session restarts
    assert (out["upper_3"][ok] >= out["vwap"][ok]).all() and (out["lower_3"][ok] <= out["vwap"][ok]).all()
    assert np.isfinite(out["vwap"][ok]).all()


def test_inputs():
    # the script's in_N: in_0 is "Hide VWAP on 1D or Above"
    check_tv_positions(NAME, {"hide_dwm": 0, "anchor": 1, "source": 2, "offset": 3, "bands_mode": 4, "show_band_1": 5, "band_mult_1": 6,
                              "show_band_2": 7, "band_mult_2": 8, "show_band_3": 9, "band_mult_3": 10},
                       {"anchor": ("Anchor Period",), "bands_mode": ("calcModeInput",), "show_band_1": ("showBand_1",),
                        "band_mult_1": ("bandMult_1",), "band_mult_3": ("bandMult_3",)})
    sp = spec(NAME)
    offset = next(i for i in sp.inputs if i.key == "offset")
    assert (offset.minimum, offset.maximum) == (0, 500)
    for i in sp.inputs:
        if i.key.startswith("band_mult_"):
            assert (i.minimum, i.maximum) == (0.0, 1000.0)
    assert "tz" not in {i.key for i in sp.inputs}  # the chart's time zone is not a template input


def test_a_template_sets_the_scripts_in_n():
    """in_1 is the anchor and in_5..in_10 the bands (they were in_0 and in_4..in_9); in_0 is the
    script's "Hide VWAP on 1D or Above", not the anchor."""
    t = parse_template({"request": {"studies": [{"name": "VWAP", "input": {
        "in_0": True, "in_1": "Week", "in_2": "close", "in_3": 2, "in_4": "Percentage", "in_5": False, "in_6": 1.5,
        "in_7": True, "in_8": 2.5, "in_9": True, "in_10": 3.5}}]}}, template_id="t")
    assert t.studies[0].inputs == {"hide_dwm": True, "anchor": "Week", "source": "close", "offset": 2, "bands_mode": "Percentage",
                                   "show_band_1": False, "band_mult_1": 1.5, "show_band_2": True, "band_mult_2": 2.5,
                                   "show_band_3": True, "band_mult_3": 3.5}
    assert t.ignored_keys == []


def test_robust():
    check_robust(NAME, show_band_1=True, show_band_2=True, show_band_3=True)
    check_robust(NAME, bands_mode="Percentage", show_band_1=True, anchor="Year")


def _template(theme="light", timezone="Etc/UTC", inputs=None):
    study = {"name": NAME, **({"input": inputs} if inputs else {})}
    return parse_template({"request": {"width": 800, "height": 600, "theme": theme, "timezone": timezone,
                                       "studies": [study]}}, template_id=f"t-{theme}")


def test_renders():
    check_renders(NAME)
    check_renders(NAME, {"showBand_1": True, "showBand_2": True, "in_1": "week", "calcModeInput": "percentage"})


def _local_session(c, tz):
    """Independent check: hlc3 VWAP and volume-weighted stdev of the last bar's local calendar day."""
    days = np.array([datetime.fromtimestamp(int(t), tz).date() for t in c.time])
    sel = days == days[-1]
    tp, v = ((c.high + c.low + c.close) / 3)[sel], c.volume[sel]
    vw = float((tp * v).sum() / v.sum())
    return vw, float(np.sqrt((v * (tp - vw) ** 2).sum() / v.sum()))


def _local_session_vwap(c, tz):
    return _local_session(c, tz)[0]


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_template_timezone_reaches_compute(theme):
    # the same hourly candles: a UTC session starts at 00:00 UTC, a Tokyo one at 15:00 UTC
    c = render_series(400, tf=H)
    charts, prepared = {}, {}
    for zone in ("Etc/UTC", "Asia/Tokyo"):
        t = _template(theme, zone)
        prepared[zone] = prepare_chart(t, c).studies[0].series["vwap"]
        charts[zone] = ChartRenderer().render(t, c, symbol="S", timeframe="1h")
        assert len(charts[zone].png) < 256 * 1024
    k = len(prepared["Etc/UTC"])
    window = c.tail(k)
    tp = (window.high + window.low + window.close) / 3
    hours = (window.time // H) % 24
    utc, tokyo = prepared["Etc/UTC"], prepared["Asia/Tokyo"]
    for i in np.flatnonzero(hours == 15):  # Tokyo midnight: Tokyo restarts there, UTC does not
        assert tokyo[i] == pytest.approx(tp[i], rel=1e-12) and utc[i] != pytest.approx(tp[i], rel=1e-9)
    for i in np.flatnonzero(hours == 0):  # UTC midnight: the other way round
        assert utc[i] == pytest.approx(tp[i], rel=1e-12) and tokyo[i] != pytest.approx(tp[i], rel=1e-9)
    for zone, tz in (("Etc/UTC", UTC), ("Asia/Tokyo", ZoneInfo("Asia/Tokyo"))):
        last = charts[zone].meta["studies"][0]["last"]
        assert list(last) == ["vwap", *BANDS]
        assert last["vwap"] == pytest.approx(_local_session_vwap(c, tz), rel=1e-7)  # the manifest keeps 8 digits
        assert all(last[b] is None for b in BANDS[2:])  # bands #2 and #3 off by default
        assert last["upper_1"] >= last["vwap"] >= last["lower_1"]  # band #1 on (TradingView v6)
        assert charts[zone].meta["timezone"] == zone
    lasts = [charts[zone].meta["studies"][0]["last"]["vwap"] for zone in ("Etc/UTC", "Asia/Tokyo")]
    assert lasts[0] != lasts[1]
    assert charts["Etc/UTC"].png != charts["Asia/Tokyo"].png


def test_manifest_last_with_bands():
    c = render_series(400, tf=H)
    chart = ChartRenderer().render(_template(inputs={"showBand_1": True, "bandMult_1": 1.5}), c, symbol="S",
                                   timeframe="1h")
    last = chart.meta["studies"][0]["last"]
    vw, sd = _local_session(c, UTC)
    assert sd > 0
    assert last["vwap"] == pytest.approx(vw, rel=1e-7)
    assert last["upper_1"] == pytest.approx(vw + 1.5 * sd, rel=1e-7)
    assert last["lower_1"] == pytest.approx(vw - 1.5 * sd, rel=1e-7)
    assert last["upper_2"] is None


def test_decade_and_century_anchors():
    """TradingView: a new period at a new year whose number divides by 10 (100)."""
    t = np.array([datetime(y, m, d, tzinfo=UTC).timestamp() for y, m, d in
                  ((2019, 12, 31), (2020, 1, 1), (2029, 6, 1), (2030, 1, 2))], dtype=np.int64)
    c = _close_only([10, 20, 30, 40], [1, 1, 1, 1], t)
    np.testing.assert_allclose(run_tz(c, source="close", anchor="Decade")["vwap"], [10, 20, 25, 40])
    np.testing.assert_allclose(run_tz(c, source="close", anchor="Century")["vwap"], [10, 15, 20, 25])


def test_band_1_is_on_by_default():
    out = run_tz(_close_only([10, 12, 20, 30], [1, 3, 2, 0]), source="close")
    assert np.isfinite(out["upper_1"][1]) and np.isnan(out["upper_2"]).all()


def test_hide_on_1d_or_above():
    """"Hide VWAP on 1D or Above": nothing on daily bars (Pine's timeframe.isdwm), drawn as before on
    hourly ones; the legend says why."""
    from chart_export.rendering import ChartRenderer
    from tests._studies import near, render_series

    def chart(hide, step):
        t = parse_template({"request": {"width": 800, "height": 600, "studies": [
            {"name": "VWAP", "input": {"in_0": hide, "in_5": False}, "override": {"VWAP.color": "#ff00ff"}}]}},
            template_id="t")
        c = render_series(400)
        c = type(c).from_arrays(c.time[0] + step * np.arange(len(c)), c.open, c.high, c.low, c.close, c.volume)
        return ChartRenderer().render(t, c, symbol="S", timeframe="1d" if step == 86400 else "1h")

    shown, hidden, hourly = chart(False, 86400), chart(True, 86400), chart(True, 3600)
    assert near(shown.png, "#ff00ff", 10) > 500 and near(hourly.png, "#ff00ff", 10) > 500
    assert near(hidden.png, "#ff00ff", 10) < 100  # the legend's text and swatch at most
    assert hidden.meta["studies"][0]["note"] == "hidden on 1D or above"
    assert hidden.meta["studies"][0]["last"]["vwap"] is None and shown.meta["studies"][0]["last"]["vwap"] is not None
