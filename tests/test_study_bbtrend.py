"""BBTrend: TradingView's inputs, the two Bollinger Bands by hand, warm-up, four-colour columns,
robust, renders (values: tests/test_oracle.py)."""

import numpy as np
import pytest

from tests._studies import check_positions, check_renders, check_robust, run, series, spec

NAME = "BBTrend"


def test_inputs():
    check_positions(NAME, ["short", "long", "mult"], {"short": ("Short BB Length",), "long": ("Long BB Length",),
                                                      "mult": ("StdDev",)})
    assert [i.default for i in spec(NAME).inputs] == [20, 50, 2.0]


def test_by_hand():
    s = series("trend")
    out = run(NAME, s)["bbtrend"]
    i = 300
    ws, wl = s.close[i - 19 : i + 1], s.close[i - 49 : i + 1]
    su, sl = ws.mean() + 2 * ws.std(), ws.mean() - 2 * ws.std()
    lu, ll = wl.mean() + 2 * wl.std(), wl.mean() - 2 * wl.std()
    assert out[i] == pytest.approx((abs(sl - ll) - abs(su - lu)) / ws.mean() * 100, rel=1e-8)
    assert np.isnan(out[:49]).all() and not np.isnan(out[49:]).any()


def test_columns_in_four_colours():
    plot = spec(NAME).plots[0]
    assert (plot.kind, plot.rule, len(plot.colors)) == ("histogram", "sign_trend", 4)


def test_robust():
    check_robust(NAME)


def test_renders():
    check_renders(NAME)
