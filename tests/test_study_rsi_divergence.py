"""RSI Divergence Indicator: TradingView's inputs and in_N positions, Pine's ta.barssince and
ta.valuewhen by hand, each divergence drawn lbR bars back as a line from the previous RSI pivot
and a "Bull" / "Bear" label (hidden ones 80 % transparent, only when asked for), the RSI pane,
robust, renders in both themes (values: tests/test_oracle.py, port rsi_divergence)."""

import numpy as np

from chart_export.studies._drawing import Label, Line
from chart_export.studies._pine import barssince, pivothigh, pivotlow, valuewhen
from tests._studies import check_positions, check_renders, check_robust, run, series, spec

NAME = "RSI Divergence Indicator"
nan = np.nan


def test_inputs():
    check_positions(NAME, ["length", "source", "right", "left", "range_upper", "range_lower", "plot_bull",
                           "plot_hidden_bull", "plot_bear", "plot_hidden_bear"],
                    {"length": ("RSI Period",), "right": ("Pivot Lookback Right",), "left": ("Pivot Lookback Left",)})
    assert [i.default for i in spec(NAME).inputs] == [14, "close", 5, 5, 60, 5, True, False, True, False]
    assert spec(NAME).pane.range == (0.0, 100.0)


def test_barssince_and_valuewhen_by_hand():
    cond = np.array([False, True, False, False, True, False])
    np.testing.assert_array_equal(barssince(cond), [nan, 0, 1, 2, 0, 1])
    src = np.arange(10.0, 16.0)
    np.testing.assert_array_equal(valuewhen(cond, src, 0), [nan, 11, 11, 11, 14, 14])
    np.testing.assert_array_equal(valuewhen(cond, src, 1), [nan, nan, nan, nan, 11, 11])


def _drawn(c, **kw):
    sp = spec(NAME)
    p = {i.key: i.default for i in sp.inputs} | kw
    out = sp.compute(c, p)
    return p, out, sp.drawings(c, p, out)


def test_each_divergence_is_a_line_from_the_previous_pivot_and_a_label():
    c = series("trend")
    p, out, found = _drawn(c, plot_hidden_bull=True, plot_hidden_bear=True)
    r = p["right"]
    pl = np.flatnonzero(np.isfinite(pivotlow(out["rsi"], p["left"], r)))
    ph = np.flatnonzero(np.isfinite(pivothigh(out["rsi"], p["left"], r)))
    lines = [d for d in found if isinstance(d, Line)]
    labels = [d for d in found if isinstance(d, Label)]
    total = 0
    for key, text, pivots in (("bull", "Bull", pl), ("hidden_bull", "H Bull", pl), ("bear", "Bear", ph),
                              ("hidden_bear", "H Bear", ph)):
        bars_ = np.flatnonzero(np.isfinite(out[key]))
        total += len(bars_)
        mine = [d for d in lines if d.plot == key]
        assert [d.x1 for d in mine] == [i - r for i in bars_]
        for d, i in zip(mine, bars_):
            prev = pivots[np.searchsorted(pivots, i) - 1]
            assert d.x0 == prev - r and d.y0 == out["rsi"][prev - r] and d.y1 == out[key][i]
            assert d.alpha == (0.2 if "hidden" in key else 1.0)
        assert [d.text for d in labels if d.plot == key] == [text] * len(bars_)
    assert total >= 4 and len(lines) == len(labels) == total
    # a regular bullish divergence: price lower low, RSI higher low
    low = c.low
    for i in np.flatnonzero(np.isfinite(out["bull"])):
        prev = pl[np.searchsorted(pl, i) - 1]
        assert low[i - r] < low[prev - r] and out["rsi"][i - r] > out["rsi"][prev - r]
    _, off, none = _drawn(c, plot_bull=False, plot_bear=False)
    assert none == [] and np.isnan(off["bull"]).all()


def test_robust():
    check_robust(NAME, optional=("bull", "hidden_bull", "bear", "hidden_bear"))


def test_renders():
    check_renders(NAME)
    assert run(NAME, series("trend"))["rsi"].shape == (len(series("trend")),)
