"""Auto Pitchfork: TradingView's inputs and in_N positions, the three pivots from the ZigZag
(threshold 0), the median line by hand for the four types (through the exact midpoint of the
handle, the script's half-bar offset included), the level lines parallel to it through the
handle's ends (level 1) and halfway (0.5), their fills, robust, renders in both themes."""

import numpy as np

from chart_export.studies import auto_pitchfork as m
from chart_export.studies._drawing import Line, LineFill
from tests._studies import bars, check_positions, check_renders, check_robust, run, spec

NAME = "Auto Pitchfork"
H = [10, 11, 12, 15, 12, 11, 10, 9, 8, 9, 10, 14, 13, 12, 11, 9, 10, 11, 12, 13.0]


def _c():
    h = np.asarray(H)
    return bars(h - 0.5, h, h - 1, h - 0.5, np.ones(len(h)))


def _p(**kw):
    return {i.key: i.default for i in spec(NAME).inputs} | {"depth": 4} | kw


def _at(line: Line, x: float) -> float:
    return line.y0 + (line.y1 - line.y0) * (x - line.x0) / (line.x1 - line.x0)


def test_inputs():
    check_positions(NAME, ["depth", "kind", "transparency", "extend_left"], {"depth": ("Depth",), "kind": ("Type",)})
    assert [i.default for i in spec(NAME).inputs] == [10, "Original", 85, False]


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
