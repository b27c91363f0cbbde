"""Auto Fib Retracement: TradingView's inputs and in_N positions, the ZigZag threshold from
ATR(10) per bar, the last leg by hand, the levels' prices (0 at the leg's end, 1 at its start;
"Reverse" swaps them), the labels' text (``0.236(123.45)``, Percent ``23.6%``), the fills between
shown levels, robust, renders in both themes (no oracle: the ZigZag library cannot run offline)."""

import numpy as np

from chart_export._render.drawings import label_text
from chart_export.studies import auto_fib_retracement as m
from chart_export.studies._drawing import Box, Label, Line
from chart_export.studies._pine import atr
from tests._studies import bars, check_positions, check_renders, check_robust, run, spec

NAME = "Auto Fib Retracement"
# 12 flat bars (ATR defined), then up to 30 at bar 15, down to 10 at bar 20, then up a little
H = np.r_[np.full(12, 20.0), [22, 25, 28, 30, 28, 25, 20, 15, 10, 12, 13, 14, 15, 16.0]]


def _c(h=H):
    return bars(h, h + 0.5, h - 0.5, h, np.ones(len(h)))


def _p(**kw):
    return {i.key: i.default for i in spec(NAME).inputs} | {"depth": 4} | kw


def test_inputs():
    check_positions(NAME, ["deviation", "depth", "reverse", "extend_left", "extend_right", "show_prices", "show_levels",
                           "levels_format", "labels_position", "transparency"],
                    {"deviation": ("Deviation",), "depth": ("Depth",), "show_prices": ("Show Prices",)})
    assert [i.default for i in spec(NAME).inputs][:5] == [3.0, 10, False, False, True]


def test_threshold_is_atr_percent_of_close():
    c = _c()
    dev = m._dev(c, _p())
    np.testing.assert_allclose(dev, atr(c.high, c.low, c.close, 10) / c.close * 300.0)
    assert np.isnan(dev[:9]).all()


def test_the_last_leg_and_levels_by_hand():
    c = _c()
    # depth 4 -> 2 bars a side: high 30.5 at bar 15, low 9.5 at bar 20 (the flat start has no strict pivot)
    assert m.last_leg(c, _p()) == (15, 30.5, 20, 9.5)
    out = run(NAME, c, depth=4)
    assert out["level_0"][-1] == 9.5 and out["level_1"][-1] == 30.5 and np.isnan(out["level_0"][:15]).all()
    found = spec(NAME).drawings(c, _p(), out)
    labels = [d for d in found if isinstance(d, Label)]
    # height = 30.5 - 9.5 = 21: level 0.236 at 9.5 + 21 * 0.236 = 14.456
    assert [label_text(d, 3) for d in labels][:3] == ["0(9.500)", "0.236(14.456)", "0.382(17.522)"]
    assert [round(d.y, 6) for d in labels] == [round(9.5 + 21 * lv, 6) for lv, _ in m.LEVELS]
    assert {d.x for d in labels} == {14.5} and {d.style for d in labels} == {"right"}
    leg, *levels = [d for d in found if isinstance(d, Line)]
    assert (leg.x0, leg.y0, leg.x1, leg.y1, leg.style) == (15, 30.5, 20, 9.5, "dashed")
    assert {(d.x0, d.x1, d.extend) for d in levels} == {(15, 20, "right")}
    boxes = [d for d in found if isinstance(d, Box)]
    assert len(boxes) == len(m.LEVELS) - 1 and boxes[0].y0 == 9.5 and abs(boxes[0].alpha - 0.15) < 1e-12
    rev = [d for d in spec(NAME).drawings(c, _p(reverse=True), run(NAME, c, depth=4, reverse=True))
           if isinstance(d, Label)]
    assert rev[0].y == 30.5 and round(rev[1].y, 6) == round(30.5 - 21 * 0.236, 6)


def test_label_text_options():
    assert m.level_text(0.236, _p(levels_format="Percent")) == "23.6%"
    assert m.level_text(1.0, _p()) == "1" and m.level_text(0.5, _p(show_levels=False)) == ""
    c = _c()
    found = spec(NAME).drawings(c, _p(show_prices=False, labels_position="Right"), run(NAME, c, depth=4))
    labels = [d for d in found if isinstance(d, Label)]
    assert labels[1].text == "0.236" and labels[1].style == "left" and labels[1].x == len(c) - 0.5


def test_too_little_data_draws_nothing():
    c = _c(np.full(8, 5.0))
    assert spec(NAME).drawings(c, _p(), run(NAME, c, depth=4)) == []


def test_robust():
    check_robust(NAME)


def test_renders():
    check_renders(NAME)


def test_not_enough_data_draws_nothing():
    # the script's runtime.error: fewer than two pivots before the last bar stops it (the oracle's
    # "Not enough data" flag, 1 on the committed short series); one pivot only here
    h = np.array([10, 11, 12, 15, 12, 11, 10, 10.5, 10.2, 10.4, 10.3, 10.5])
    c = bars(h - 0.5, h, h - 1, h - 0.5, np.ones(h.size))
    sp = spec("Auto Fib Retracement")
    p = {i.key: i.default for i in sp.inputs} | {"depth": 4}
    out = sp.compute(c, p)
    assert out["not_enough_data"].tolist() == [0.0] * 11 + [1.0]
    assert m.last_leg(c, p) is not None  # the library has its one pivot...
    assert np.isnan(out["level_0"]).all() and sp.drawings(c, p, out) == []  # ...but nothing is drawn
