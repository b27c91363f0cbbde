"""Issue 11, items 4 and 5: short histories fill the chart, axis labels never touch, a
one-point study shows a marker; date ticks mark the first bar of their calendar day in the
chart's time zone, on gapped FX sessions too. Facts read from the render (tests/_probe.py),
not pixel hashes."""

from __future__ import annotations

import dataclasses
from datetime import datetime
from zoneinfo import ZoneInfo

import numpy as np
import pytest
from matplotlib.lines import Line2D

from chart_export._render.layout import MAX_BAR_PX
from chart_export._render.time_axis import time_ticks
from chart_export.candles import Candles
from chart_export.templates import load_builtin, parse_template
from tests import _market as market
from tests._probe import Probe, probe

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
MIN_TIME_GAP_PX = 6  # empty pixels between two date labels, at least
MIN_VALUE_GAP_PX = 2  # between two value-axis labels (and the last-price tag's box)
SIZES = ((320, 240), (800, 600), (1280, 720), (2048, 1536))
TEMPLATES = ("ctpl_price_ma1226_vol_v1", "ctpl_price_ma1226_bb_macd1226_v1", "ctpl_price_psar_adi_v1",
             "ctpl_price_rsi14_stochrsi_v1", "ctpl_price_vpvr_obv_v1")


def template(tid: str = "ctpl_price_ma1226_vol_v1", *, size: tuple[int, int] = (800, 600), tz: str = "Etc/UTC"):
    return dataclasses.replace(load_builtin(tid), width=size[0], height=size[1], timezone=tz)


def series(tf: str, n: int) -> Candles:
    if tf in ("1m", "5m", "1h", "4h"):
        return market.fx(n, {"1m": 60, "5m": 300, "1h": 3600, "4h": 14_400}[tf])
    if tf == "1d":
        return market.daily(n)
    if tf == "1w":
        return market.weekly(n)
    return market.monthly_crypto(n, start_year=2024 - n // 12)


def local(t: int, tz: ZoneInfo) -> datetime:
    return datetime.fromtimestamp(int(t), tz)


def bar_times(p: Probe, candles: Candles) -> tuple[np.ndarray, int | None]:
    """The visible bars' times and the time of the bar before them (None: none)."""
    k = p.chart.meta["visible_bars"]
    n = len(candles)
    return candles.time[n - k:], (int(candles.time[n - k - 1]) if n > k else None)


def separated(a: tuple, b: tuple, gap: float) -> bool:
    return a[2] + gap <= b[0] or b[2] + gap <= a[0] or a[3] + gap <= b[1] or b[3] + gap <= a[1]


def assert_axis_labels_apart(p: Probe) -> None:
    dates = p.time_labels
    for a, b in zip(dates, dates[1:]):
        assert b.box[0] - a.box[2] >= MIN_TIME_GAP_PX, (a.text, a.box, b.text, b.box)
    for t in dates:
        assert t.box[0] >= 0 and t.box[2] <= p.chart.width, t
    values = [(t.text, t.box) for t in p.value_labels]  # a value tag: its filled box
    for i, (sa, a) in enumerate(values):
        for sb, b in values[i + 1:]:
            assert separated(a, b, MIN_VALUE_GAP_PX), (sa, a, sb, b)
    for ta in dates:
        for sb, b in values:
            assert separated(ta.box, b, MIN_VALUE_GAP_PX), (ta.text, sb)


def assert_ticks_mark_period_starts(ticks: list[tuple[int, str]], times: np.ndarray, prev: int | None,
                                    tz: ZoneInfo) -> None:
    """Each label names its bar's own local time, and a date label sits on the first bar of
    that calendar day (month, year) in ``tz`` (bar 0 of a history with nothing before it:
    the start of the data)."""
    for i, label in ticks:
        m = local(times[i], tz)
        before = local(times[i - 1], tz) if i > 0 else (local(prev, tz) if prev is not None else None)
        parts = label.split()
        if len(parts) == 1 and ":" in label:
            assert label == f"{m.hour:02d}:{m.minute:02d}", (label, m)
        elif len(parts) == 1 and label.isdigit():
            assert int(label) == m.year and (before is None or before.year != m.year), (label, m, before)
        elif parts[0] in MONTHS:
            assert parts[0] == MONTHS[m.month - 1] and (before is None or before.month != m.month), (label, m, before)
        else:
            assert (int(parts[0]), parts[1]) == (m.day, MONTHS[m.month - 1]), (label, m)
            assert before is None or before.date() != m.date(), (label, m, before)
        if len(parts) == 3 or (parts[0] in MONTHS and len(parts) == 2):
            assert parts[-1] == str(m.year)


# --------------------------------------------------------------------------- item 4: short histories


def test_fifteen_daily_candles_fill_the_plot_with_wider_capped_bars() -> None:
    short = probe(template(), market.daily(15), timeframe="1d")
    long = probe(template(), market.daily(300), timeframe="1d")
    k = short.chart.meta["visible_bars"]
    assert k == 15
    covered = short.x_of_bar(k - 0.5) - short.x_of_bar(-0.5)
    assert covered >= 0.85 * short.plot_w, (covered, short.plot_w)  # was: the right quarter
    assert short.px_per_bar > 6 * long.px_per_bar and long.px_per_bar == pytest.approx(5, abs=0.3)
    assert short.px_per_bar <= MAX_BAR_PX
    assert short.x_of_bar(-0.5) >= short.left  # the first candle is inside the plot
    big = probe(template(size=(2048, 1536)), market.daily(15), timeframe="1d")
    assert big.px_per_bar == pytest.approx(MAX_BAR_PX, rel=0.02)  # capped: not 120 px candles
    assert big.x_of_bar(14.5) - big.x_of_bar(-0.5) >= 0.45 * big.plot_w
    one = probe(template(), market.daily(1), timeframe="1d")
    assert one.px_per_bar <= MAX_BAR_PX


@pytest.mark.parametrize("size", SIZES)
def test_fifteen_candles_have_three_separate_date_ticks(size: tuple[int, int]) -> None:
    candles = market.daily(15)
    p = probe(template(size=size), candles, timeframe="1d")
    assert len(p.ticks) >= 3 and len(p.time_labels) == len(p.ticks), p.ticks
    assert_axis_labels_apart(p)
    times, prev = bar_times(p, candles)
    assert_ticks_mark_period_starts(p.ticks, times, prev, ZoneInfo("Etc/UTC"))
    # a label is drawn where its tick is (kept inside the plot at the edges)
    for (i, label), t in zip(p.ticks, p.time_labels):
        assert t.text == label
        cx = (t.box[0] + t.box[2]) / 2
        assert abs(cx - p.x_of_bar(i)) <= 1.5 or t.box[0] <= p.left + 2 or t.box[2] >= p.left + p.plot_w - 2


CASES = [(size, tf, n) for size in SIZES for tf in ("1m", "5m", "1h", "4h", "1d", "1w", "1M") for n in (15, 60, 500)]


@pytest.mark.parametrize(("size", "tf", "n"), CASES, ids=[f"{w}x{h}-{tf}-{n}" for (w, h), tf, n in CASES])
def test_axis_labels_never_touch(size: tuple[int, int], tf: str, n: int) -> None:
    i = CASES.index((size, tf, n))
    tz = "America/New_York" if i % 2 else "Etc/UTC"
    candles = series(tf, n)
    p = probe(template(TEMPLATES[i % len(TEMPLATES)], size=size, tz=tz), candles, timeframe=tf)
    assert len(p.ticks) >= 3, p.ticks
    assert_axis_labels_apart(p)
    times, prev = bar_times(p, candles)
    assert_ticks_mark_period_starts(p.ticks, times, prev, ZoneInfo(tz))
    assert p.chart.meta["png_bytes"] <= 262_144


def study_template(studies: list[dict]) -> object:
    doc = {"id": "t", "description": "one point", "request": {"width": 800, "height": 600, "studies": studies}}
    return parse_template(doc, template_id="t")


def markers(p: Probe, ax: object) -> list[Line2D]:
    return [a for a in p.state.added if isinstance(a, Line2D) and a.axes is ax and a.get_marker() == "o"
            and a.get_linestyle() == "None"]


def test_a_study_with_one_value_draws_a_marker() -> None:
    candles = market.daily(15)
    t = study_template([{"name": "Moving Average", "input": {"length": 15}},
                        {"name": "Relative Strength Index", "input": {"length": 14}}])
    p = probe(t, candles, timeframe="1d")
    (dot,) = markers(p, p.state.price)  # SMA 15 over 15 candles: one value, the last bar's
    x, y = dot.get_data()
    assert list(x) == [14.0] and y[0] == pytest.approx(float(np.mean(candles.close)))
    assert dot.get_markersize() >= 4
    (rsi_dot,) = markers(p, p.state.panes[0])  # RSI 14: its first value is on bar 14, the last
    assert list(rsi_dot.get_data()[0]) == [14.0]
    # with two values the line draws itself: no marker
    p2 = probe(study_template([{"name": "Moving Average", "input": {"length": 14}}]), candles, timeframe="1d")
    assert markers(p2, p2.state.price) == []


# --------------------------------------------------------------------------- item 5: sessions and days

WEEKDAYS = range(5)


@pytest.mark.parametrize("tz_name", ["Etc/UTC", "America/New_York"])
@pytest.mark.parametrize("size", [(800, 600), (2048, 1536), (320, 240)])
def test_fx_day_ticks_mark_the_first_bar_of_each_day(tz_name: str, size: tuple[int, int]) -> None:
    tz = ZoneInfo(tz_name)
    # Sunday 22:00 UTC open .. Friday 22:00 UTC close, weekends missing; the last bar on a Tuesday
    candles = market.fx_hourly(700, end=datetime(2024, 2, 6, 10, tzinfo=ZoneInfo("Etc/UTC")))
    p = probe(template("ctpl_price_ma1226_bb_macd1226_v1", size=size, tz=tz_name), candles, timeframe="1h")
    times, prev = bar_times(p, candles)
    ticks = dict(p.ticks)
    assert len(ticks) >= 3
    assert_axis_labels_apart(p)
    assert_ticks_mark_period_starts(p.ticks, times, prev, tz)
    days = [local(t, tz) for t in times]
    firsts = [i for i in range(len(times))
              if (local(times[i - 1], tz) if i else local(prev, tz)).date() != days[i].date()]
    assert any(days[i].weekday() == 6 for i in firsts)  # the window has a Sunday evening in it
    for i in firsts:
        if days[i].weekday() in WEEKDAYS and i > 0:  # every weekday starting in view has its tick
            assert i in ticks, (days[i], p.ticks)
            assert ticks[i] in (f"{days[i].day} {MONTHS[days[i].month - 1]}", str(days[i].year)) or \
                ticks[i].startswith(f"{days[i].day} {MONTHS[days[i].month - 1]} ")
    # no weekday bar sits under another day's date: the last tick at or before it names its day
    tick_at = sorted(ticks)
    for b, d in enumerate(days):
        before = [i for i in tick_at if i <= b]
        if d.weekday() in WEEKDAYS and before and b >= firsts[0]:
            label_day = days[before[-1]]
            assert label_day.date() == d.date(), (d, ticks[before[-1]], label_day)


def test_sunday_evening_bars_get_their_own_date_when_there_is_room() -> None:
    """A short FX history with wide bars: the two Sunday 22:00-23:00 UTC bars are labelled
    Sunday's date and Monday 00:00 "5 Feb" (not Monday's session under "4 Feb")."""
    candles = market.fx(30, 3600, end=datetime(2024, 2, 5, 5, tzinfo=ZoneInfo("Etc/UTC")))
    utc = ZoneInfo("Etc/UTC")
    days = [local(t, utc) for t in candles.time]
    sunday = next(i for i, d in enumerate(days) if d.weekday() == 6)
    ticks = dict(time_ticks(candles.time, utc, px_per_bar=40.0, text_px=11.0))
    assert ticks[sunday] == "4 Feb" and ticks[sunday + 2] == "5 Feb"
    # at 5 px a bar there is no room for both: Monday keeps its date, Sunday's goes
    narrow = dict(time_ticks(candles.time, utc, px_per_bar=5.0, text_px=11.0))
    assert narrow.get(sunday + 2) == "5 Feb" and sunday not in narrow


def test_one_minute_fx_ticks_are_round_times_on_their_first_bar() -> None:
    candles = market.fx_minutes(500)
    p = probe(template("ctpl_price_ma1226_bb_macd1226_v1"), candles, timeframe="1m")
    times, prev = bar_times(p, candles)
    assert len(p.ticks) >= 3
    assert_axis_labels_apart(p)
    assert_ticks_mark_period_starts(p.ticks, times, prev, ZoneInfo("Etc/UTC"))
    assert all(int(label[-2:]) % 15 == 0 for _, label in p.ticks if ":" in label)


def test_the_start_of_a_short_history_is_labelled_as_what_it_is() -> None:
    utc = ZoneInfo("Etc/UTC")
    months = market.monthly_crypto(15, start_year=2023).time  # Jan 2023 .. Mar 2024, nothing before
    ticks = time_ticks(months, utc, px_per_bar=45.0, text_px=11.0)
    assert ticks[0] == (0, "2023") and (12, "2024") in ticks  # not "Jan": bar 0 starts a year
    hours = market.fx(15, 3600).time  # Friday 01:00 .. 15:00 UTC
    assert time_ticks(hours, utc, px_per_bar=45.0, text_px=11.0)[0] == (0, "01:00")


@pytest.mark.parametrize("tz_name", ["America/New_York", "Europe/London", "Australia/Lord_Howe", "Asia/Kolkata"])
@pytest.mark.parametrize("step", [60, 3600, 86_400, 7 * 86_400])
def test_local_clock_is_right_across_dst_switches(tz_name: str, step: int) -> None:
    from chart_export._render.time_axis import _utc_offsets

    tz = ZoneInfo(tz_name)
    start = int(datetime(2024, 3, 10, 5, tzinfo=ZoneInfo("Etc/UTC")).timestamp()) - 200 * step  # NY springs forward at 07:00 UTC
    times = start + step * np.arange(400, dtype=np.int64)
    expected = [int(local(t, tz).utcoffset().total_seconds()) for t in times]
    assert _utc_offsets(times, tz).tolist() == expected
    if step == 3600:  # day ticks on local midnight on both sides of the switch
        ticks = time_ticks(times, tz, prev_time=int(times[0]) - step)
        assert len(ticks) >= 10 and all(local(times[i], tz).hour == 0 for i, label in ticks if not label[0].isdigit() or " " in label)
