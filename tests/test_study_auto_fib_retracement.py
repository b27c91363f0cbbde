"""Auto Fib Retracement: TradingView's inputs and in_N positions, the ZigZag threshold from
ATR(10) per bar, the last leg by hand, the levels' prices (0 at the leg's end, 1 at its start;
"Reverse" swaps them), the labels' text (``0.236(123.45)``, Percent ``23.6%``), the fills between
shown levels, robust, renders in both themes (no oracle: the ZigZag library cannot run offline)."""

import numpy as np

from chart_export._render.drawings import label_text
from chart_export.studies import auto_fib_retracement as m
from chart_export.studies._drawing import Box, Label, Line
from chart_export.studies._pine import atr
from chart_export.templates import TemplateError
from chart_export.templates import parse_template
from tests._studies import bars, check_positions, check_render, check_renders, check_robust, near, run, spec

NAME = "Auto Fib Retracement"
# 12 flat bars (ATR defined), then up to 30 at bar 15, down to 10 at bar 20, then up a little
H = np.r_[np.full(12, 20.0), [22, 25, 28, 30, 28, 25, 20, 15, 10, 12, 13, 14, 15, 16.0]]


def _c(h=H):
    return bars(h, h + 0.5, h - 0.5, h, np.ones(len(h)))


def _p(**kw):
    return {i.key: i.default for i in spec(NAME).inputs} | {"depth": 4} | kw


FIRST = ["deviation", "depth", "reverse", "extend_left", "extend_right", "show_prices", "show_levels",
         "levels_format", "labels_position", "transparency"]
# the script's 22 levels in declaration order (value, colour, shown), each "show_X", "value_X", "color_X"
SCRIPT_LEVELS = [("0", 0, "#787b86", True), ("0_236", 0.236, "#f44336", True), ("0_382", 0.382, "#81c784", True),
                 ("0_5", 0.5, "#4caf50", True), ("0_618", 0.618, "#009688", True), ("0_65", 0.65, "#009688", False),
                 ("0_786", 0.786, "#64b5f6", True), ("1", 1, "#787b86", True), ("1_272", 1.272, "#81c784", False),
                 ("1_414", 1.414, "#f44336", False), ("1_618", 1.618, "#2962ff", True),
                 ("1_65", 1.65, "#2962ff", False), ("2_618", 2.618, "#f44336", True),
                 ("2_65", 2.65, "#f44336", False), ("3_618", 3.618, "#9c27b0", True),
                 ("3_65", 3.65, "#9c27b0", False), ("4_236", 4.236, "#e91e63", True),
                 ("4_618", 4.618, "#81c784", False), ("neg_0_236", -0.236, "#f44336", False),
                 ("neg_0_382", -0.382, "#81c784", False), ("neg_0_618", -0.618, "#009688", False),
                 ("neg_0_65", -0.65, "#009688", False)]


def level_keys():
    return [f"{w}_{name}" for name, *_ in SCRIPT_LEVELS for w in ("show", "value", "color")]


def test_inputs():
    # every input*() of the script counts, the colours included: the levels start at in_10
    check_positions(NAME, FIRST + level_keys(),
                    {"deviation": ("Deviation",), "depth": ("Depth",), "show_prices": ("Show Prices",),
                     "show_0_236": ("show_0_236",), "color_neg_0_65": ("color_neg_0_65",)})
    ins = spec(NAME).inputs
    assert [i.default for i in ins][:5] == [3.0, 10, False, False, True]
    assert len(ins) == 76 and ins[75].key == "color_neg_0_65" and "in_75" in ins[75].aliases
    assert [(i.default, j.default, k.default) for i, j, k in zip(ins[10::3], ins[11::3], ins[12::3])] == \
        [(shown, value, col) for _, value, col, shown in SCRIPT_LEVELS]
    assert [i.type for i in ins[10:13]] == ["bool", "int", "colour"] and ins[14].type == "float"


def _template(inputs):
    return parse_template({"request": {"studies": [{"name": NAME, "input": inputs}]}}, template_id="t")


def test_colour_inputs_take_tradingview_forms_and_refuse_others():
    got = _template({"color_0_236": "#00FF00", "in_18": "#0000ff80", "color_0_5": "rgba(255, 0, 0, 0.5)"})
    inputs = got.studies[0].inputs
    assert (inputs["color_0_236"], inputs["color_0_382"], inputs["color_0_5"]) == ("#00ff00", "#0000ff80", "#ff000080")
    for bad in ("blue", "#12345", "rgba(300, 0, 0, 1)", 255, None):
        try:
            _template({"color_0_618": bad})
        except TemplateError as exc:
            assert "color_0_618" in str(exc) and "must be a colour (#RRGGBB, #RRGGBBAA or rgba(r,g,b,a))" in str(exc)
        else:
            raise AssertionError(f"{bad!r} accepted")


def test_per_level_inputs_hide_move_and_colour_the_levels():
    c = _c()  # the leg 30.5 (bar 15) -> 9.5 (bar 20): level m at 9.5 + 21 m
    p = _p(show_0_5=False, value_0_236=0.3, color_0_236="#0000ff80", show_neg_0_382=True, show_1_272=True,
           color_1_272="#123456")
    found = spec(NAME).drawings(c, p, run(NAME, c, depth=4))
    labels = [d for d in found if isinstance(d, Label)]
    lines = [d for d in found if isinstance(d, Line) and d.style == "solid"]
    # processLevel's order: -0.382 first, then the others as declared; 0.5 left out
    want = [-0.382, 0, 0.3, 0.382, 0.618, 0.786, 1, 1.272, 1.618, 2.618, 3.618, 4.236]
    assert [label_text(d, 3).split("(")[0] for d in labels] == [f"{m:g}" for m in want]
    assert [round(d.y, 9) for d in labels] == [round(d.y0, 9) for d in lines] == [round(9.5 + 21 * m, 9) for m in want]
    assert (labels[2].text_color, lines[2].color, lines[2].alpha) == ("#0000ff80", "#0000ff", 128 / 255)
    assert (labels[0].text_color, lines[7].color, lines[7].alpha) == ("#81c784", "#123456", 1.0)
    boxes = [d for d in found if isinstance(d, Box)]
    # the band from 0.382 reaches back to 0.3 (0.5 hidden, 0.618 fills from 0.382); colour.new drops the opacity
    assert [(round(b.y0, 9), round(b.y1, 9), b.color) for b in boxes[1:4]] == [
        (round(9.5, 9), round(9.5 + 21 * 0.3, 9), "#0000ff"), (round(9.5 + 21 * 0.3, 9), round(9.5 + 21 * 0.382, 9),
                                                               "#81c784"),
        (round(9.5 + 21 * 0.382, 9), round(9.5 + 21 * 0.618, 9), "#009688")]
    none = _p(**{f"show_{name}": False for name, *_ in SCRIPT_LEVELS})
    assert [d for d in spec(NAME).drawings(c, none, run(NAME, c, depth=4)) if not isinstance(d, Line) or
            d.style == "solid"] == []


def test_per_level_inputs_in_the_chart():
    """The rendered chart: its manifest's level lines and labels at the moved values, hidden ones
    gone, the coloured level's pixels in both themes."""
    base = check_render(NAME, "light")
    lv = spec(NAME)
    zero, one = base.meta["studies"][0]["last"]["level_0"], base.meta["studies"][0]["last"]["level_1"]
    inputs = {"show_0_5": False, "in_14": 0.3, "color_0_236": "rgba(0, 0, 255, 1)", "show_1_272": True}
    assert len(lv.inputs) == 76
    for theme in ("light", "dark"):
        chart = check_render(NAME, theme, inputs)
        drawn = chart.meta["studies"][0]["drawings"]
        for kind in ("line", "label"):
            values = [d["value" if kind == "label" else "value0"] for d in drawn if d["kind"] == kind]
            want = [0, 0.3, 0.382, 0.618, 0.786, 1, 1.272, 1.618, 2.618, 3.618, 4.236]
            assert np.allclose(values, [zero + (one - zero) * m for m in want], rtol=0, atol=1e-4), (theme, kind)
        assert [d["text"].split("(")[0] for d in drawn if d["kind"] == "label"][:3] == ["0", "0.3", "0.382"]
        assert near(chart.png, "#0000ff", 30) > 150 and near(base.png, "#0000ff", 30) == 0


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
    shown = [lv for _, lv, _, on in SCRIPT_LEVELS if on]
    assert [round(d.y, 6) for d in labels] == [round(9.5 + 21 * lv, 6) for lv in shown]
    assert {d.x for d in labels} == {14.5} and {d.style for d in labels} == {"right"}
    leg, *levels = [d for d in found if isinstance(d, Line)]
    assert [d.text_color for d in labels] == [d.color for d in levels] == [col for *_, col, on in SCRIPT_LEVELS if on]
    assert (leg.x0, leg.y0, leg.x1, leg.y1, leg.style) == (15, 30.5, 20, 9.5, "dashed")
    assert {(d.x0, d.x1, d.extend) for d in levels} == {(15, 20, "right")}
    boxes = [d for d in found if isinstance(d, Box)]
    assert len(boxes) == len(shown) - 1 and boxes[0].y0 == 9.5 and abs(boxes[0].alpha - 0.15) < 1e-12
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
    check_renders(NAME, {"show_0_5": False, "value_0_236": 0.3, "color_0_236": "rgba(0, 0, 255, 1)",
                         "show_neg_0_236": True, "color_1_272": "#ff00ff80", "show_1_272": True})


def test_the_leg_is_found_once_per_chart(monkeypatch):
    """compute hands its leg to drawings (last_leg once per chart, not twice)."""
    calls = []
    real = m.last_leg
    monkeypatch.setattr(m, "last_leg", lambda *a, **k: calls.append(1) or real(*a, **k))
    chart = check_render(NAME, "light")
    assert len(calls) == 1 and chart.meta["studies"][0]["drawings"]
