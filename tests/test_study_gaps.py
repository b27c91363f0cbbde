"""Gaps: TradingView's inputs and in_N positions, gap detection by hand (30 % of the 14-bar
average range; none before that average exists except any gap at all), a box from the bar before
the gap extended right while open, full and partial closing (the partial boxes, the last one
deleted when the gap is crossed), the gap limit, the trail-length limit, robust, renders in both
themes (detection: tests/test_oracle.py, port gaps)."""

import numpy as np

from chart_export.studies import gaps as m
from chart_export.studies._drawing import Box
from chart_export.rendering import ChartRenderer
from chart_export.templates import parse_template
from tests._studies import bars, check_positions, check_renders, check_robust, run, spec

NAME = "Gaps"


def _c(extra_h=(), extra_l=()):
    h = np.r_[np.full(20, 10.5), extra_h]
    lo = np.r_[np.full(20, 9.5), extra_l]
    return bars((h + lo) / 2, h, lo, (h + lo) / 2, np.ones(len(h)))


def _p(**kw):
    return {i.key: i.default for i in spec(NAME).inputs} | kw


def _boxes(c, **kw):
    p = _p(**kw)
    return [d for d in spec(NAME).drawings(c, p, spec(NAME).compute(c, p)) if isinstance(d, Box)]


def test_inputs():
    check_positions(NAME, ["partial", "max_gaps", "deviation", "limit_length", "max_length", "up_border",
                           "up_background", "down_border", "down_background"],
                    {"partial": ("Close Gaps Partially",), "max_gaps": ("Max Number of Gaps",),
                     "deviation": ("Minimal Deviation (%)",)})
    assert [i.default for i in spec(NAME).inputs] == [False, 15, 30.0, False, 300, m.GREEN, m.GREEN + "26", m.RED,
                                                      m.RED + "26"]


def test_a_gap_up_is_boxed_and_closed_fully():
    c = _c([13, 13.5, 12.5, 12.5], [12, 12.5, 11, 11.5])  # gap 10.5..12 on bar 20; bar 22 reaches into it
    out = run(NAME, c)
    assert out["gap"].tolist() == [0] * 20 + [1, 0, 0, 0]
    assert out["open"].tolist()[19:] == [0, 1, 1, 0, 0]
    (b,) = _boxes(c)
    assert (b.x0, b.y0, b.x1, b.y1, b.extend, b.key, b.color) == (19, 12.0, 22, 10.5, "none", "gap_up", m.GREEN)
    (still,) = _boxes(_c([13, 13.5], [12, 12.5]))
    assert (still.x1, still.extend) == (21, "right")  # open: moved to the last bar and extended


def test_small_moves_are_not_gaps():
    c = _c([10.7, 10.8], [10.6, 10.7])  # 0.1 above the high: less than 30 % of the 1.0 average range
    assert run(NAME, c)["gap"].tolist()[20:] == [0, 0]
    assert run(NAME, c, deviation=5.0)["gap"].tolist()[20:] == [1, 0]
    down = _c([9.0], [8.0])
    assert run(NAME, down)["gap"][-1] == -1 and _boxes(down)[0].key == "gap_down"
    assert (_boxes(down)[0].y0, _boxes(down)[0].y1) == (9.5, 9.0)  # from the previous low down to the high


def test_partial_closing():
    c = _c([13, 13.5, 12.5, 12.0], [12, 12.5, 11, 10.0])  # into the gap on bar 22 (to 11), across it on 23
    first, second = _boxes(c, partial=True)
    assert (first.x0, first.y0, first.x1, first.y1, first.extend) == (19, 12.0, 22, 10.5, "none")
    assert (second.x0, second.y0, second.x1, second.y1, second.extend) == (22, 11.0, 23, 10.5, "none")
    assert second.color == m.GREEN
    assert run(NAME, c, partial=True)["open"][-1] == 0


def test_limits():
    c = _c([13, 13.5, 13.5, 13.5, 13.5], [12, 12.5, 12.5, 12.5, 12.5])
    (b,) = _boxes(c, limit_length=True, max_length=3)
    assert (b.x1, b.extend) == (22, "none")  # 22 - 19 >= 3: closed
    many = _c([13, 13, 16, 16, 19, 19], [12, 12, 15, 15, 18, 18])  # three gaps up
    assert len(_boxes(many)) == 3 and [b.x0 for b in _boxes(many, max_gaps=2)] == [21, 23]


def test_robust():
    check_robust(NAME)


def test_renders():
    check_renders(NAME)


def test_the_gaps_are_found_once_per_chart(monkeypatch):
    """compute hands the gaps it simulated to drawings (simulate once per chart, not twice)."""
    calls = []
    real = m.simulate
    monkeypatch.setattr(m, "simulate", lambda *a, **k: calls.append(1) or real(*a, **k))
    t = parse_template({"request": {"width": 800, "height": 600, "studies": [{"name": NAME}]}}, template_id="t")
    chart = ChartRenderer().render(t, _c([13, 13.5, 12.5, 12.5], [12, 12.5, 11, 11.5]), symbol="S", timeframe="1h")
    assert len(calls) == 1 and [d["key"] for d in chart.meta["studies"][0]["drawings"]] == ["gap_up"]
