"""Keltner Channels through the registry: hand vector (SMA, Range bands); TA-Lib EMA/ATR
composition; True Range bands; robust; renders with the band filled."""

import numpy as np
import pytest
import talib

from chart_export.templates import parse_template
from tests._studies import (KINDS, assert_matches, candles, check_defined_from, check_renders, check_robust, run, series,
                            spec)

NAME = "Keltner Channels"


def test_hand_vector_sma_range():
    # length 3, mult 1, SMA, bands "Range" = RMA3(high - low)
    # h - l = 2, 3, 2, 2, 3 -> RMA3: bar2 7/3, bar3 (2 * 7/3 + 2) / 3 = 20/9, bar4 (2 * 20/9 + 3) / 3 = 67/27
    # SMA3(close 10, 11, 12, 13, 14): bar2 11, bar3 12, bar4 13
    h = np.array([11, 12, 13, 14, 15.0])
    l = np.array([9, 9, 11, 12, 12.0])
    c = np.array([10, 11, 12, 13, 14.0])
    out = run(NAME, candles(c, h, l, c), length=3, mult=1.0, use_ema=False, bands_style="Range")
    nan = np.nan
    np.testing.assert_allclose(out["basis"], [nan, nan, 11, 12, 13], rtol=1e-12)
    np.testing.assert_allclose(out["upper"], [nan, nan, 11 + 7 / 3, 12 + 20 / 9, 13 + 67 / 27], rtol=1e-12)
    np.testing.assert_allclose(out["lower"], [nan, nan, 11 - 7 / 3, 12 - 20 / 9, 13 - 67 / 27], rtol=1e-12)


@pytest.mark.parametrize("kind", KINDS)
def test_defaults_talib_composition(kind):
    s = series(kind)
    out = run(NAME, s)
    basis = talib.EMA(s.close, 20)
    tr = talib.TRANGE(s.high, s.low, s.close)
    tr[0] = s.high[0] - s.low[0]  # ta.atr is ta.rma(ta.tr(true), 10): TA-Lib's Wilder RMA from bar 0
    width = np.full(tr.shape, np.nan)
    width[9] = tr[:10].mean()
    for i in range(10, tr.shape[0]):
        width[i] = (width[i - 1] * 9 + tr[i]) / 10
    assert_matches(out["basis"], basis, label=kind)
    assert_matches(out["upper"], basis + 2 * width, label=kind)
    assert_matches(out["lower"], basis - 2 * width, label=kind)
    check_defined_from(out["upper"], 19, kind)


def test_true_range_style():
    s = series("gaps_large")
    out = run(NAME, s, bands_style="True Range", mult=1.5)
    tr = talib.TRANGE(s.high, s.low, s.close)
    tr[0] = s.high[0] - s.low[0]  # Pine ta.tr(true)
    assert_matches(out["upper"], talib.EMA(s.close, 20) + 1.5 * tr)


def test_inputs():
    # Chart-IMG's table: in_0 use true range, in_1 length, in_2 mult; the script's in_3..in_5 after it; the
    # source (the script's in_2, Chart-IMG's multiplier) by its title only
    want = {"length": {"in_1", "Length"}, "mult": {"in_2", "Multiplier"}, "source": {"Source", "src"},
            "use_ema": {"in_3", "exp"}, "bands_style": {"in_4", "BandsStyle"}, "atr_length": {"in_5", "atrlength"},
            "use_true_range": {"in_0", "useTrueRange"}}
    got = {i.key: i for i in spec(NAME).inputs}
    assert list(got) == list(want)
    for key, names in want.items():
        assert names <= set(got[key].aliases), key
        assert {a for a in got[key].aliases if a.startswith("in_")} == {n for n in names if n.startswith("in_")}, key


def test_a_chart_img_template():
    # Chart-IMG's form: in_0 false (high - low bands), in_1 length 3, in_2 multiplier 1 = the "Range" style
    t = parse_template({"request": {"studies": [{"name": NAME, "input": {"in_0": False, "in_1": 3, "in_2": 1}}]}},
                       template_id="t")
    p = t.studies[0].inputs
    assert (p["use_true_range"], p["length"], p["mult"]) == (False, 3, 1.0)
    s = series("gaps_large")
    out = spec(NAME).run(s, p)
    ref = run(NAME, s, length=3, mult=1.0, bands_style="Range")
    assert_matches(out["upper"], ref["upper"])
    assert not np.allclose(out["upper"][20:], run(NAME, s, length=3, mult=1.0)["upper"][20:])  # not ATR bands
    on = parse_template({"request": {"studies": [{"name": NAME, "input": {"in_0": True, "in_1": 3}}]}}, template_id="t")
    assert_matches(spec(NAME).run(s, on.studies[0].inputs)["upper"], run(NAME, s, length=3)["upper"])


def test_robust():
    for style in ("Average True Range", "True Range", "Range"):
        check_robust(NAME, bands_style=style)


def test_renders():
    check_renders(NAME)
    check_renders(NAME, {"exp": False, "BandsStyle": "range", "mult": 1.5})
