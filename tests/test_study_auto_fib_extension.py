"""Auto Fib Extension: TradingView's inputs and in_N positions (no Deviation), the script's own
pivots (ties allowed, depth / 2 bars late), the swings by hand (trend leg low -> high, a 23.6 to
100 % retracement), the levels (``lastL + m |prev - lastH|``; "Reverse" flips them), the two
dashed legs, a retracement deeper than the leg rejected (nothing drawn: the script's "not
enough data"), robust, renders in both themes."""

import numpy as np

from chart_export._render.drawings import label_text
from chart_export.studies import auto_fib_extension as m
from chart_export.studies._drawing import Label, Line
from tests._studies import bars, check_positions, check_render, check_renders, check_robust, near, run, spec
from tests.test_study_auto_fib_retracement import SCRIPT_LEVELS, level_keys

NAME = "Auto Fib Extension"
C = [20, 24, 28, 24, 20, 15, 10, 15, 20, 25, 30, 26, 22, 20, 21, 22, 23, 24.0]


def _c(c=C):
    c = np.asarray(c, dtype=float)
    return bars(c, c + 0.5, c - 0.5, c, np.ones(len(c)))


def _p(**kw):
    return {i.key: i.default for i in spec(NAME).inputs} | {"depth": 4} | kw


def test_inputs():
    # every input*() of the script counts, the colours included: its 22 levels' from in_9
    check_positions(NAME, ["depth", "reverse", "extend_left", "extend_right", "show_prices", "show_levels",
                           "levels_format", "labels_position", "transparency", *level_keys()],
                    {"depth": ("Depth",), "value_1_618": ("value_1_618",)})
    ins = spec(NAME).inputs
    assert ins[0].default == 10 and len(ins) == 75 and ins[9].key == "show_0" and ins[74].key == "color_neg_0_65"
    assert [(i.default, j.default, k.default) for i, j, k in zip(ins[9::3], ins[10::3], ins[11::3])] == \
        [(shown, value, col) for _, value, col, shown in SCRIPT_LEVELS]


def test_per_level_inputs_hide_move_and_colour_the_levels():
    c = _c()  # base 19.5, diff 21 (the last pivot a low): level m at 19.5 + 21 m
    p = _p(show_0=False, value_0_618=0.7, color_0_618="#0000ff", show_neg_0_65=True)
    found = spec(NAME).drawings(c, p, run(NAME, c, depth=4))
    labels = [d for d in found if isinstance(d, Label)]
    want = [-0.65, 0.236, 0.382, 0.5, 0.7, 0.786, 1, 1.618, 2.618, 3.618, 4.236]
    assert [label_text(d, 3).split("(")[0] for d in labels] == [f"{m:g}" for m in want]
    assert [round(d.y, 9) for d in labels] == [round(19.5 + 21 * m, 9) for m in want]
    levels = [d for d in found if isinstance(d, Line) and d.style == "solid"]
    assert [d.color for d in levels][:5] == ["#009688", "#f44336", "#81c784", "#4caf50", "#0000ff"]
    assert labels[4].text_color == "#0000ff"


def test_per_level_inputs_in_the_chart():
    base = check_render(NAME, "light")
    for theme in ("light", "dark"):
        chart = check_render(NAME, theme, {"in_9": False, "in_22": 0.7, "in_23": "#0000FF"})  # show 0, 0.618's value, colour
        drawn = chart.meta["studies"][0]["drawings"]
        texts = [d["text"].split("(")[0] for d in drawn if d["kind"] == "label"]
        assert texts == ["0.236", "0.382", "0.5", "0.7", "0.786", "1", "1.618", "2.618", "3.618", "4.236"], theme
        last = chart.meta["studies"][0]["last"]
        want = [last["base"] + last["diff"] * float(t) for t in texts]  # r = endPrice + diff * m
        assert np.allclose([d["value0"] for d in drawn if d["kind"] == "line"], want, rtol=0, atol=1e-4)
        assert np.allclose([d["value"] for d in drawn if d["kind"] == "label"], want, rtol=0, atol=1e-4)
        assert near(chart.png, "#0000ff", 30) > 150 and near(base.png, "#0000ff", 30) == 0


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
    check_renders(NAME, {"show_0": False, "in_22": 0.7, "in_23": "#0000FF"})


def test_the_swings_are_found_once_per_chart(monkeypatch):
    """compute hands its swings to drawings (_levels once per chart, not twice)."""
    calls = []
    real = m._levels
    monkeypatch.setattr(m, "_levels", lambda *a, **k: calls.append(1) or real(*a, **k))
    chart = check_render(NAME, "light")
    assert len(calls) == 1 and chart.meta["studies"][0]["drawings"]
