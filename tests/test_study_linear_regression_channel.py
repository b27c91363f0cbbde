"""Linear Regression Channel: TradingView's inputs and in_N positions, a straight line by hand
(the line through it, zero deviation, R = 1), the high / low distances when a deviation is
unticked, residuals by hand, the drawn lines over the last ``length`` bars (every bar with
"Extend Lines Left"), Pearson's R label under the channel's start, robust, renders in both
themes (values: tests/test_oracle.py, port linear_regression_channel)."""

import numpy as np

from tests._studies import bars, check_positions, check_renders, check_robust, near, run, spec

NAME = "Linear Regression Channel"


def test_inputs():
    check_positions(NAME, ["length", "source", "use_upper", "upper_mult", "use_lower", "lower_mult", "show_pearson",
                           "extend_left", "extend_right", "color_upper", "color_lower"],
                    {"length": ("Length",), "use_upper": ("Upper Deviation",), "show_pearson": ("Show Pearson's R",)})
    assert [i.default for i in spec(NAME).inputs] == [100, "close", True, 2.0, True, 2.0, True, False, True,
                                                      "#2962ff26", "#f2364526"]  # color.new(color.blue / red, 85): Pine v6 blue #2962FF


def _line(n=8, slope=2.0):
    c = 10 + slope * np.arange(n, dtype=float)
    return bars(c, c + 1.0, c - 0.5, c, np.ones(n))


def test_a_straight_line_by_hand():
    out = run(NAME, _line(), length=5)
    last = {k: out[k][-1] for k in ("start", "end", "upper_start", "upper_end", "lower_start", "lower_end", "pearson")}
    assert np.isnan(out["end"][:-1]).all()
    np.testing.assert_allclose([last["start"], last["end"], last["pearson"]], [16.0, 24.0, 1.0], rtol=1e-12)
    np.testing.assert_allclose([last["upper_end"], last["lower_start"]], [24.0, 16.0], atol=1e-9)  # no residuals
    np.testing.assert_allclose(out["base"][-5:], [16, 18, 20, 22, 24], rtol=1e-12)
    assert np.isnan(out["base"][:-5]).all()
    left = run(NAME, _line(), length=5, extend_left=True)
    np.testing.assert_allclose(left["base"], 10 + 2 * np.arange(8), rtol=1e-12)  # the line carried to bar 0
    # deviations unticked: the largest high above (1) and low below (0.5) the line
    out = run(NAME, _line(), length=5, use_upper=False, use_lower=False)
    np.testing.assert_allclose([out["upper_end"][-1], out["lower_end"][-1]], [25.0, 23.5], rtol=1e-12)


def test_residuals_by_hand():
    y = np.array([1.0, 3.0, 2.0, 4.0])  # OLS over t = 0..3: slope 0.8, line 1.3, 2.1, 2.9, 3.7
    out = run(NAME, bars(y, y, y, y, np.ones(4)), length=4, upper_mult=1.0)
    np.testing.assert_allclose([out["start"][-1], out["end"][-1]], [1.3, 3.7], rtol=1e-12)
    resid = y - np.array([1.3, 2.1, 2.9, 3.7])
    std = np.sqrt((resid ** 2).sum() / 3)
    np.testing.assert_allclose([out["upper_end"][-1], out["lower_end"][-1]], [3.7 + std, 3.7 - 2 * std], rtol=1e-12)
    np.testing.assert_allclose(out["pearson"][-1], np.corrcoef(np.arange(4), y)[0, 1], rtol=1e-12)
    assert np.isnan(run(NAME, bars(y, y, y, y, np.ones(4)), length=5)["end"]).all()  # fewer bars than length


def test_pearson_label():
    c = _line()
    sp = spec(NAME)
    p = {i.key: i.default for i in sp.inputs} | {"length": 5}
    (label,) = sp.drawings(c, p, sp.compute(c, p))
    assert (label.x, label.y, label.text, label.style, label.key) == (3, 16.0, "1", "up", "pearson")
    assert sp.drawings(c, p | {"show_pearson": False}, sp.compute(c, p)) == []


def test_robust():
    check_robust(NAME)


def test_renders():
    for png in check_renders(NAME):
        assert near(png, "#2962FF", 30) > 200 and near(png, "#F23645", 30) > 100
