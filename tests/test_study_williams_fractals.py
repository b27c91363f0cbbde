"""Williams Fractals: TradingView's input, fractals by hand (strict sides, equal highs before the
fractal allowed, ties after it not), detected n bars late and drawn n bars back as triangles
above / below, robust, renders (values: tests/test_oracle.py)."""


import numpy as np

from tests._studies import bars, check_positions, check_render, check_renders, check_robust, near, run, spec

NAME = "Williams Fractals"


def test_inputs():
    check_positions(NAME, ["n"], {"n": ("Periods",)})
    assert (spec(NAME).inputs[0].default, spec(NAME).inputs[0].minimum) == (2, 2)
    assert [p.kind for p in spec(NAME).plots] == ["triangle_up", "triangle_down"]
    assert all(p.offset_for({"n": 3}) == -3 for p in spec(NAME).plots)


def fractals(h, lo, **kw):
    h = np.asarray(h, dtype=float)
    lo = np.asarray(lo, dtype=float)
    return run(NAME, bars(h, h, lo, h, np.ones(len(h))), **kw)


def test_up_fractal_by_hand():
    h = [1, 2, 5, 3, 2, 1, 1]
    out = fractals(h, [0] * 7)
    # bar 2 has two lower highs either side: detected on bar 4, drawn at bar 2's high
    assert np.flatnonzero(out["up_flag"]).tolist() == [4]
    assert out["up"][4] == 5.0 and np.isnan(np.delete(out["up"], 4)).all()


def test_equal_highs_before_are_allowed_not_after():
    before = fractals([1, 2, 5, 5, 3, 2, 1], [0] * 7)  # an equal high just before bar 3
    assert np.flatnonzero(before["up_flag"]).tolist() == [5]
    after = fractals([1, 2, 5, 3, 5, 2, 1], [0] * 7)  # bar 2 then a higher-or-equal high after it
    assert 4 not in np.flatnonzero(after["up_flag"]).tolist()


def test_down_fractal_mirrors():
    lo = [5, 4, 1, 3, 4, 5, 5]
    out = fractals([9] * 7, lo)
    assert np.flatnonzero(out["down_flag"]).tolist() == [4] and out["down"][4] == 1.0


def test_nothing_at_the_start_of_the_history():
    out = fractals([5, 3, 2, 1, 1], [0, 1, 2, 3, 4])  # bar 0 has no bars before it
    assert not out["up_flag"].any() and not out["down_flag"].any()


def test_robust():
    check_robust(NAME)


def test_triangles_are_drawn_in_both_colours():
    for theme in ("light", "dark"):
        png = check_render(NAME, theme).png
        assert near(png, "#009688", 30) > 20 and near(png, "#F44336", 30) > 20


def test_renders():
    check_renders(NAME, {"Periods": 3})
