"""Volume Oscillator: TradingView's inputs, 100 * (ema(short) - ema(long)) / ema(long), na
without volume (and the legend says so), robust, renders (values: tests/test_oracle.py)."""

import numpy as np

from chart_export.studies._pine import ema
from tests._studies import bars, check_positions, check_renders, check_robust, run, series, spec

NAME = "Volume Oscillator"


def test_inputs():
    check_positions(NAME, ["short", "long"], {"short": ("Short Length",), "long": ("Long Length",)})
    assert [i.default for i in spec(NAME).inputs] == [5, 10]


def test_definition():
    s = series("trend")
    out = run(NAME, s)["osc"]
    np.testing.assert_array_equal(out, 100 * (ema(s.volume, 5) - ema(s.volume, 10)) / ema(s.volume, 10))
    assert np.isnan(out[:9]).all() and not np.isnan(out[9:]).any()


def test_no_volume():
    s = series("trend")
    c = bars(s.open, s.high, s.low, s.close, np.zeros(len(s)))
    assert np.isnan(run(NAME, c)["osc"]).all()
    assert spec(NAME).note_for(c, {}) == "no volume data"


def test_robust():
    check_robust(NAME)


def test_renders():
    check_renders(NAME)
