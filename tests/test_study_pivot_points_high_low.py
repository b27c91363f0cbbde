"""Pivot Points High Low: TradingView's inputs and in_N positions, Pine's
ta.pivothigh / ta.pivotlow by hand (ties before the pivot allowed, none after it, found
``right`` bars late), the price labels on the pivot's bar (white, black text, above a high,
below a low), robust, renders (values: tests/test_oracle.py, port pivot_points_high_low)."""

import numpy as np

from chart_export._render.drawings import label_text
from chart_export.studies._pine import pivothigh, pivotlow
from tests._studies import bars, check_render, check_renders, check_robust, run, spec

NAME = "Pivot Points High Low"
nan = np.nan


def test_inputs():
    sp = spec(NAME)
    assert [(i.key, i.default, i.aliases[0]) for i in sp.inputs] == [
        ("left_high", 10, "in_0"), ("right_high", 10, "in_1"), ("text_high", "#363a45", "in_2"),
        ("label_high", "#ffffff", "in_3"), ("left_low", 10, "in_4"), ("right_low", 10, "in_5"),
        ("text_low", "#363a45", "in_6"), ("label_low", "#ffffff", "in_7")]
    assert "Pivot High" in sp.inputs[0].aliases and "Pivot Low" in sp.inputs[4].aliases


def test_pine_pivothigh_and_pivotlow_by_hand():
    x = np.array([1, 3, 2, 5, 4, 5, 2, 1, 0.0])
    # bar 3 (5): a later equal high (bar 5) -> not a pivot; bar 5 (5): the earlier equal one is allowed
    assert np.flatnonzero(np.isfinite(pivothigh(x, 2, 2))).tolist() == [7]
    assert pivothigh(x, 2, 2)[7] == 5.0
    assert np.flatnonzero(np.isfinite(pivothigh(x, 1, 1))).tolist() == [2, 4, 6]  # bars 1, 3 and 5
    lo = np.array([5, 3, 4, 1, 2, 1, 6, 7.0])
    got = pivotlow(lo, 2, 2)
    assert np.flatnonzero(np.isfinite(got)).tolist() == [7] and got[7] == 1.0  # bar 5 (ties before it allowed)
    with_nan = x.copy()
    with_nan[4] = nan
    assert np.isnan(pivothigh(with_nan, 2, 2)[5:7]).all()  # the NaN at or after the candidate: none
    assert pivothigh(with_nan, 2, 2)[7] == 5.0  # bar 5: the NaN before it (bar 4) is skipped


def test_labels_by_hand():
    h = np.array([1, 2, 3, 9, 3, 2, 1, 2, 3.0])
    lo = np.array([5, 4, 3, 4, 5, 6, 0.5, 6, 7.0])
    c = bars(h, h, lo, h, np.ones(9))
    sp = spec(NAME)
    p = {i.key: i.default for i in sp.inputs} | {"left_high": 2, "right_high": 2, "left_low": 3, "right_low": 1}
    out = run(NAME, c, **p)
    assert np.flatnonzero(np.isfinite(out["ph"])).tolist() == [5] and out["ph"][5] == 9.0
    assert np.flatnonzero(np.isfinite(out["pl"])).tolist() == [7] and out["pl"][7] == 0.5
    assert out["last_ph"][-1] == 9.0 and np.isnan(out["last_ph"][4])
    labels = sp.drawings(c, p, out)
    assert [(d.key, d.x, d.y, d.style, label_text(d, 2)) for d in labels] == [
        ("ph", 3, 9.0, "down", "9.00"), ("pl", 6, 0.5, "up", "0.50")]
    assert {(d.background, d.text_color) for d in labels} == {("#ffffff", "#363a45")}  # Pine v6 color.white, color.black


def test_robust():
    check_robust(NAME)


def test_renders_labels_inside_the_price_pane():
    check_renders(NAME)
    for theme in ("light", "dark"):
        from chart_export.rendering import ChartRenderer
        from chart_export.templates import parse_template
        from tests.test_rendering import series

        t = parse_template({"request": {"width": 800, "height": 600, "theme": theme, "studies": [{"name": NAME}]}},
                           template_id="t")
        chart = ChartRenderer(record_text=True).render(t, series(400), symbol="S", timeframe="1d")
        labels = [x for x in chart.texts if x.role == "drawing:label"]
        meta = chart.meta["studies"][0]["drawings"]
        assert len(labels) == len(meta) >= 4
        assert [x.text for x in labels] == [m["text"] for m in meta]
        assert all(8 < x.box[0] and x.box[2] < 740 for x in labels)
    assert check_render(NAME, "light", {"in_0": 3, "in_1": 3}).meta["studies"][0]["inputs"]["left_high"] == 3
