"""Zig Zag: TradingView's inputs and their in_N positions (in_2 is the line colour), pivots by
hand (depth = max(2, legs // 2), highs tried before lows, a threshold in the direction of the
reversal, a further pivot of the same kind moves the last one), leg volumes, the extension to
the last bar, the labels' text, robust, renders in both themes (tests/test_oracle.py holds
the pivots to the ported ZigZag library on the committed series)."""

import numpy as np

from chart_export._render.drawings import label_text
from chart_export.studies import zig_zag as zz
from chart_export.studies._drawing import Label, Line
from chart_export.studies.spec import Computed
from tests._studies import bars, check_render, check_renders, check_robust, near, run, spec

NAME = "Zig Zag"
H = [10, 11, 12, 15, 12, 11, 10, 9, 8, 9, 10, 14, 13, 12, 11.0]


def _c(h=H, v=None):
    h = np.asarray(h, dtype=float)
    v = np.arange(1, len(h) + 1, dtype=float) if v is None else np.asarray(v, dtype=float)
    return bars(h - 0.5, h, h - 1, h - 0.5, v)


def _drawings(c, **kw):
    sp = spec(NAME)
    p = {i.key: i.default for i in sp.inputs} | {"depth": 4} | kw
    return sp.drawings(c, p, sp.compute(c, p))


def test_inputs():
    sp = spec(NAME)
    got = {i.key: (i.default, i.aliases[0]) for i in sp.inputs}
    assert got == {"deviation": (5.0, "in_0"), "depth": (10, "in_1"), "line_color": ("#2962ff", "in_2"),
                   "extend": (True, "in_3"),
                   "show_price": (True, "in_4"), "show_volume": (True, "in_5"), "show_change": (True, "in_6"),
                   "change_mode": ("Absolute", "in_7")}
    assert "Price deviation for reversals (%)" in sp.inputs[0].aliases and "Pivot legs" in sp.inputs[1].aliases
    assert sp.inputs[1].minimum == 2 and sp.plots[0].color == "input:line_color"


def test_pivots_by_hand():
    # depth 4 -> 2 bars each side: high 15 at bar 3, low 7 at bar 8 (-53 %), high 14 at bar 11 (+100 %)
    out = run(NAME, _c(), depth=4)
    assert np.flatnonzero(np.isfinite(out["pivot"])).tolist() == [3, 8, 11]
    assert out["pivot"][[3, 8, 11]].tolist() == [15.0, 7.0, 14.0]
    assert np.isnan(out["last_pivot"][:3]).all() and out["last_pivot"][-1] == 14.0
    # the drawn line: down from 15 to 7 over 5 bars, then the extension to the last bar's low (10)
    assert out["zigzag"][3:9].tolist() == [15.0, 13.4, 11.8, 10.2, 8.6, 7.0]
    assert out["zigzag"][-1] == 10.0 and np.isnan(out["zigzag"][:3]).all()


def test_the_threshold_blocks_a_reversal_and_a_higher_high_moves_the_pivot():
    out = run(NAME, _c(), depth=4, deviation=60.0)  # -53 % is not enough: one pivot only
    assert np.flatnonzero(np.isfinite(out["pivot"])).tolist() == [3]
    h = list(H)
    h[11] = 16.0  # after the low at 8: +129 %; and with 60 % the low never counts, so 16 moves the high
    out = run(NAME, _c(h), depth=4, deviation=60.0)
    assert np.flatnonzero(np.isfinite(out["pivot"])).tolist() == [11]


def test_leg_volumes_and_labels():
    found = _drawings(_c())
    labels = [d for d in found if isinstance(d, Label)]
    # volume[depth] summed since the last change: 1+2+3+4 at bar 5; 5..9 at bar 10; 10..12 at bar 13;
    # the extension: 13 (bar 14's volume[2]) + the last two bars' 14 + 15
    assert [(d.key, d.x, label_text(d, 2)) for d in labels] == [
        ("high", 3, "15.00 (0.00)\n10"), ("low", 8, "7.00 (-8.00)\n35"), ("high", 11, "14.00 (+7.00)\n33"),
        ("extension", 14, "10.00 (-4.00)\n42")]
    assert [d.style for d in labels] == ["down", "up", "down", "up"]
    legs = [(d.x0, d.y0, d.x1, d.y1) for d in found if isinstance(d, Line)]
    assert legs == [(3, 15.0, 8, 7.0), (8, 7.0, 11, 14.0), (11, 14.0, 14, 10.0)]  # no zero-length first leg
    pct = [label_text(d, 2) for d in _drawings(_c(), change_mode="Percent", show_volume=False) if isinstance(d, Label)]
    assert pct[1] == "7.00 (-53.33%)" and pct[2] == "14.00 (+100.00%)"
    assert not [d for d in _drawings(_c(), extend=False) if getattr(d, "key", "") == "extension"]


def test_robust():
    check_robust(NAME)


def test_renders():
    for png in check_renders(NAME):
        assert near(png, "#2962FF", 30) > 300  # the 2 px legs


def test_the_drawn_pivots_are_the_oracle_checked_state():
    # tests/test_oracle.py holds the library's state after each bar (pivot count, last pivot's
    # ends) to TradingView's; the drawn pivots must be what that state gives: pivot k (from 1) is
    # the last pivot of the last bar on which the count was k, or, when a bar added two pivots (a
    # high and a low: allowZigZagOnOneBar) and the count skipped k, the start of pivot k + 1
    from tests.test_oracle import bars as oracle_bars

    sp = spec(NAME)
    for series in ("daily", "eurusd_tv", "intraday"):
        c = oracle_bars(series)
        p = {i.key: i.default for i in sp.inputs} | {"deviation": 1.0, "depth": 4}
        out = sp.compute(c, p)
        count = np.nan_to_num(out["pivot_count"]).astype(int)
        ends = []
        for k in range(1, count[-1] + 1):
            at = np.flatnonzero(count == k)
            if at.size:
                ends.append((int(out["leg_end_bar"][at[-1]]), float(out["leg_end"][at[-1]])))
            else:
                i = np.flatnonzero(count == k + 1)[0]
                ends.append((int(out["leg_start_bar"][i]), float(out["leg_start"][i])))
        assert len(ends) > 2
        found, _ = zz.pivots(c.high, c.low, c.volume, 1.0, 4)  # what the lines and labels are drawn from
        assert [(int(pv.end[0]), float(pv.end[1])) for pv in found] == ends, series


def test_the_pivots_are_found_once_per_chart(monkeypatch):
    """compute hands its pivots to drawings (_run once per chart, not twice)."""
    calls = []
    real = zz._run
    monkeypatch.setattr(zz, "_run", lambda *a, **k: calls.append(1) or real(*a, **k))
    chart = check_render(NAME, "light")
    assert len(calls) == 1 and chart.meta["studies"][0]["drawings"]


def test_drawings_find_their_own_geometry_for_other_inputs():
    c = bars(*([np.r_[np.full(5, 10.0), [12, 15, 11, 8, 9, 14, 16, 12, 10.0]]] * 4), np.ones(14))
    p = {i.key: i.default for i in spec(NAME).inputs} | {"depth": 2}
    out = run(NAME, c, depth=2)
    assert isinstance(out, Computed) and out.inputs == p
    fresh = spec(NAME).drawings(c, p, dict(out))  # outputs without compute's geometry: found again
    assert spec(NAME).drawings(c, p, out) == fresh and fresh
    other = p | {"show_price": False}
    assert spec(NAME).drawings(c, other, out) == spec(NAME).drawings(c, other, dict(out))
    assert [d.text for d in spec(NAME).drawings(c, p | {"depth": 20}, out)] == []  # not this output's pivots
