"""Auto Pitchfork: TradingView's inputs and in_N positions, the three pivots from the ZigZag
(threshold 0), the median line by hand for the four types (through the exact midpoint of the
handle, the script's half-bar offset included), the level lines parallel to it through the
handle's ends (level 1) and halfway (0.5), their fills, robust, renders in both themes."""

import numpy as np

from chart_export.studies import auto_pitchfork as m
from chart_export.studies._drawing import Line, LineFill
from tests._studies import bars, check_positions, check_render, check_renders, check_robust, near, run, spec

NAME = "Auto Pitchfork"
H = [10, 11, 12, 15, 12, 11, 10, 9, 8, 9, 10, 14, 13, 12, 11, 9, 10, 11, 12, 13.0]


def _c():
    h = np.asarray(H)
    return bars(h - 0.5, h, h - 1, h - 0.5, np.ones(len(h)))


def _p(**kw):
    return {i.key: i.default for i in spec(NAME).inputs} | {"depth": 4} | kw


def _at(line: Line, x: float) -> float:
    return line.y0 + (line.y1 - line.y0) * (x - line.x0) / (line.x1 - line.x0)


# the script's nine levels in declaration order (value, colour, shown), five inputs each
SCRIPT_LEVELS = [("0_25", 0.25, "#ffb74d", False), ("0_382", 0.382, "#81c784", False), ("0_5", 0.5, "#4caf50", True),
                 ("0_618", 0.618, "#009688", False), ("0_75", 0.75, "#64b5f6", False), ("1", 1.0, "#2962ff", True),
                 ("1_5", 1.5, "#9c27b0", False), ("1_75", 1.75, "#e91e63", False), ("2", 2.0, "#e91e63", False)]


def test_inputs():
    # every input*() of the script counts, colours included: the median line's at in_4..6, the levels' from in_7
    levels = [f"{w}_{name}" for name, *_ in SCRIPT_LEVELS for w in ("show", "value", "color", "width", "style")]
    check_positions(NAME, ["depth", "kind", "transparency", "extend_left", "median_color", "median_width",
                           "median_style", *levels],
                    {"depth": ("Depth",), "kind": ("Type",), "median_color": ("Median line",),
                     "style_1_75": ("style_1_75",)})
    ins = spec(NAME).inputs
    assert [i.default for i in ins[:7]] == [10, "Original", 85, False, "#f44336", 1, "Solid"]
    assert len(ins) == 52 and ins[51].key == "style_2" and "in_51" in ins[51].aliases
    assert [(ins[k].default, ins[k + 1].default, ins[k + 2].default, ins[k + 3].default, ins[k + 4].default)
            for k in range(7, 52, 5)] == [(shown, v, col, 1, "Solid") for _, v, col, shown in SCRIPT_LEVELS]
    assert ins[8].minimum == 0.0 and ins[4].type == ins[9].type == "colour"


def test_points_and_original_median_by_hand():
    # pivots: high 15 (bar 3), low 7 (bar 8), high 14 (bar 11), low 8 (bar 15): the fork is 15 / 7 -> 14
    assert m.points(_c(), 4) == ((3, 15.0), (8, 7.0), (11, 14.0))
    start, end = m.median("Original", (3, 15.0), (8, 7.0), (11, 14.0))
    assert start == (3, 15.0) and end[0] == 9  # floor of 9.5, price moved onto the line through (9.5, 10.5)
    med = Line(*start, *end, "#000000")
    assert abs(_at(med, 9.5) - 10.5) < 1e-12
    out = run(NAME, _c(), depth=4)
    assert out["median_start"][-1] == 15.0 and abs(out["median"][3] - 15.0) < 1e-12
    assert np.isnan(out["median"][:3]).all() and abs(out["median"][-1] - (15 - 4.5 / 6.5 * 16)) < 1e-9


def test_other_types():
    pts = ((3, 15.0), (8, 7.0), (11, 14.0))
    s, e = m.median("Schiff", *pts)
    assert s == (3, 11.0) and abs(_at(Line(*s, *e, "#0"), 9.5) - 10.5) < 1e-12
    # start at the middle of 3..8 floored to bar 5 (11), end at bar 9 (10.5); the script adds one offset,
    # (11 - 10.5) * 0.5 / |5 - 9 - 0.5|, to both (both midpoints fall between bars)
    s, e = m.median("Modified Schiff", *pts)
    off = 0.25 / 4.5
    assert s[0] == 5 and e[0] == 9 and abs(s[1] - (11 + off)) < 1e-12 and abs(e[1] - (10.5 + off)) < 1e-12
    s, e = m.median("Inside", *pts)
    assert s[0] == 11 and e[0] == 9


def test_levels_are_parallel_through_the_handle():
    c = _c()
    found = spec(NAME).drawings(c, _p(), run(NAME, c, depth=4))
    med, handle, *levels = [d for d in found if isinstance(d, Line)]
    assert (handle.x0, handle.y0, handle.x1, handle.y1) == (8, 7.0, 11, 14.0) and med.extend == "right"
    slope = (med.y1 - med.y0) / (med.x1 - med.x0)
    for d in levels:
        assert abs((d.y1 - d.y0) / (d.x1 - d.x0) - slope) < 1e-12 and d.extend == "right"
    half1, half2, one1, one2 = levels
    assert abs(_at(one1, 11) - 14.0) < 1e-12 and abs(_at(one2, 8) - 7.0) < 1e-12  # level 1: through the handle's ends
    assert abs(_at(half1, 10.25) - 12.25) < 1e-12 and abs(_at(half2, 8.75) - 8.75) < 1e-12  # halfway
    fills = [d for d in found if isinstance(d, LineFill)]
    assert [(f.a, f.b, f.color) for f in fills] == [(half1, half2, "#4caf50"), (one1, half1, "#2962ff"),
                                                    (one2, half2, "#2962ff")]
    assert abs(fills[0].alpha - 0.15) < 1e-12
    schiff = [d for d in spec(NAME).drawings(c, _p(kind="Schiff"), run(NAME, c, depth=4)) if isinstance(d, Line)]
    assert (schiff[2].x0, schiff[2].x1) == (3, 8)  # the Schiff types draw the first leg too


def test_fewer_than_three_pivots_draw_nothing():
    h = np.array([1, 2, 3, 4, 5, 6.0])
    c = bars(h, h, h - 1, h, np.ones(6))
    assert spec(NAME).drawings(c, _p(), run(NAME, c, depth=4)) == []


def test_robust():
    check_robust(NAME)


def test_renders():
    check_renders(NAME)
    check_renders(NAME, {"show_0_25": True, "show_2": True, "style_2": "Dashed", "width_2": 2,
                         "median_color": "#00aa00", "median_style": "Dotted"})


def test_per_level_inputs_hide_move_colour_and_style_the_levels():
    c = _c()  # the fork 15 / 7 -> 14 (handle 8 -> 11): level m's lines through (9.5 +- 1.5 m, 10.5 +- 3.5 m)
    p = _p(show_0_5=False, show_0_25=True, value_0_25=0.3, color_0_25="#0000ff80", width_0_25=3,
           style_0_25="dashed", show_2=True, median_color="#008000", median_style="Dotted", median_width=2)
    found = spec(NAME).drawings(c, p, run(NAME, c, depth=4))
    med, handle, *levels = [d for d in found if isinstance(d, Line)]
    assert (med.color, med.style, med.width, handle.color, handle.style) == ("#008000", "dotted", 2, "#008000", "dotted")
    assert len(levels) == 6  # 0.3, 1, 2: two lines each; 0.5 hidden
    for d, (x, y) in zip(levels, [(9.95, 11.55), (9.05, 9.45), (11, 14.0), (8, 7.0), (12.5, 17.5), (6.5, 3.5)]):
        assert abs(_at(d, x) - y) < 1e-9, (d, x, y)
    assert [(d.color, d.alpha, d.width, d.style) for d in levels[:2]] == [("#0000ff", 128 / 255, 3, "dashed")] * 2
    assert [(d.color, d.alpha, d.style) for d in levels[4:]] == [("#e91e63", 1.0, "solid")] * 2
    fills = [d for d in found if isinstance(d, LineFill)]
    assert [(f.a, f.b, f.color) for f in fills] == [(levels[0], levels[1], "#0000ff"), (levels[2], levels[0], "#2962ff"),
                                                    (levels[3], levels[1], "#2962ff"), (levels[4], levels[2], "#e91e63"),
                                                    (levels[5], levels[3], "#e91e63")]
    none = _p(**{f"show_{name}": False for name, *_ in SCRIPT_LEVELS})
    assert not [d for d in spec(NAME).drawings(c, none, run(NAME, c, depth=4)) if isinstance(d, LineFill)]


def test_per_level_inputs_in_the_chart():
    """The manifest's level lines follow the inputs (hidden gone, moved value, the coloured level's pixels)."""
    base = check_render(NAME, "light")
    keyed = [d for d in base.meta["studies"][0]["drawings"] if d["key"] == "level"]
    assert len(keyed) == 4  # 0.5 and 1, two lines each
    for theme in ("light", "dark"):
        # in_17: show 0.5, in_37: show 1.5, in_39: its colour
        chart = check_render(NAME, theme, {"in_17": False, "in_37": True, "in_39": "#0000FF", "value_1": 0.8})
        drawn = chart.meta["studies"][0]["drawings"]
        lines = [d for d in drawn if d["key"] == "level"]
        assert len(lines) == 4 and [d["key"] for d in drawn].count("median") == 1
        assert near(chart.png, "#0000ff", 30) > 60 and near(base.png, "#0000ff", 30) == 0
        # level 1 moved to 0.8: none of the new lines is one of the defaults' (0.5, 1)
        assert not {(d["time0"], d["value0"]) for d in lines} & {(d["time0"], d["value0"]) for d in keyed}


def test_the_fork_is_found_once_per_chart(monkeypatch):
    """compute hands its pivots and median to drawings (_geometry once per chart, not twice)."""
    calls = []
    real = m._geometry
    monkeypatch.setattr(m, "_geometry", lambda *a, **k: calls.append(1) or real(*a, **k))
    chart = check_render(NAME, "light")
    assert len(calls) == 1 and chart.meta["studies"][0]["drawings"]
