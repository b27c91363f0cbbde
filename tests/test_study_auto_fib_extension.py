"""Auto Fib Extension: TradingView's inputs and in_N positions (no Deviation), the script's own
pivots (ties allowed, depth / 2 bars late), the swings by hand (trend leg low -> high, a 23.6 to
100 % retracement), the levels (``lastL + m |prev - lastH|``; "Reverse" flips them), the two
dashed legs, a retracement deeper than the leg rejected (nothing drawn: the script's "not
enough data"), robust, renders in both themes."""

import numpy as np

from chart_export._render.drawings import label_text
from chart_export.studies import auto_fib_extension as m
from chart_export.studies._drawing import Label, Line
from tests._studies import bars, check_positions, check_renders, check_robust, run, spec

NAME = "Auto Fib Extension"
C = [20, 24, 28, 24, 20, 15, 10, 15, 20, 25, 30, 26, 22, 20, 21, 22, 23, 24.0]


def _c(c=C):
    c = np.asarray(c, dtype=float)
    return bars(c, c + 0.5, c - 0.5, c, np.ones(len(c)))


def _p(**kw):
    return {i.key: i.default for i in spec(NAME).inputs} | {"depth": 4} | kw


def test_inputs():
    check_positions(NAME, ["depth", "reverse", "extend_left", "extend_right", "show_prices", "show_levels",
                           "levels_format", "labels_position", "transparency"], {"depth": ("Depth",)})
    assert spec(NAME).inputs[0].default == 10


def test_pivots_allow_ties():
    x = np.array([1, 2, 3, 3, 2, 1, 0.0])
    assert np.flatnonzero(m._pivots(x, 2, True)).tolist() == [3, 4]  # bars 2 and 3 (equal highs)
    # from bar_index >= depth / 2 on: the bars before the first are na (never beyond the pivot)
    assert np.flatnonzero(m._pivots(np.array([5, 4, 3, 2.0]), 4, True)).tolist() == [2]  # bar 0, found on bar 2


def test_swings_and_levels_by_hand():
    c = _c()
    # highs 28.5 (bar 2), 30.5 (bar 10); lows 9.5 (bar 6), 19.5 (bar 13): leg 9.5 -> 30.5 (21), back to 19.5 (52 %)
    assert m.swings(c.high, c.low, 4) == ((6, 9.5), (10, 30.5), (13, 19.5), False)
    out = run(NAME, c, depth=4)
    assert (out["base"][-1], out["diff"][-1]) == (19.5, 21.0) and np.isnan(out["base"][:-1]).all()
    found = spec(NAME).drawings(c, _p(), out)
    legs = [(d.x0, d.y0, d.x1, d.y1, d.color) for d in found if isinstance(d, Line) and d.style == "dashed"]
    assert legs == [(6, 9.5, 10, 30.5, "#F23645"), (10, 30.5, 13, 19.5, "#089981")]
    labels = [d for d in found if isinstance(d, Label)]
    assert [label_text(d, 3) for d in labels][:3] == ["0(19.500)", "0.236(24.456)", "0.382(27.522)"]
    assert {d.x for d in labels} == {9.5}  # left of the retracement's start
    levels = [d for d in found if isinstance(d, Line) and d.style == "solid"]
    assert {(d.x0, d.x1) for d in levels} == {(10, 13)}
    rev = [d for d in spec(NAME).drawings(c, _p(reverse=True), out) if isinstance(d, Label)]
    assert round(rev[1].y, 9) == round(19.5 - 21 * 0.236, 9)


def test_a_retracement_beyond_the_leg_is_rejected():
    c = list(C)
    c[13] = 8.0  # low 7.5 < the leg's start 9.5: no extension anywhere
    assert m.swings(_c(c).high, _c(c).low, 4) is None
    out = run(NAME, _c(c), depth=4)
    assert np.isnan(out["base"]).all() and spec(NAME).drawings(_c(c), _p(), out) == []


def test_robust():
    check_robust(NAME)


def test_renders():
    check_renders(NAME)
