"""Relative Volatility Index: TradingView's inputs (Smoothing section, default SMA 14), the EMAs
of the directional deviation by hand, a rising series is 100, robust, renders (values:
tests/test_oracle.py)."""

import numpy as np
import pytest

from chart_export.studies._pine import ema, sma, stdev
from tests._studies import bars, check_positions, check_renders, check_robust, run, series, spec

NAME = "Relative Volatility Index"


def test_inputs():
    check_positions(NAME, ["length", "offset", "smoothing", "smoothing_length", "smoothing_mult"],
                    {"length": ("length",), "offset": ("Offset",), "smoothing": ("Type",),
                     "smoothing_length": ("Length",), "smoothing_mult": ("BB StdDev",)})
    assert [i.default for i in spec(NAME).inputs] == [10, 0, "SMA", 14, 2.0]


def test_the_scripts_titles_set_their_inputs():
    """The script's first input is untitled (TradingView shows its name, "length"); "Length" is the
    smoothing's title, so a template's "Length" sets the smoothing length (it used to be ignored)."""
    from chart_export.templates import parse_template

    t = parse_template({"request": {"studies": [{"name": NAME, "input": {"length": 12, "Length": 20}}]}},
                       template_id="t")
    assert (t.studies[0].inputs["length"], t.studies[0].inputs["smoothing_length"]) == (12, 20)
    assert not t.ignored_keys


def test_by_hand():
    s = series("trend")
    out = run(NAME, s)
    sd = stdev(s.close, 10)
    ch = np.diff(s.close, prepend=np.nan)
    up = ema(np.where(ch <= 0, 0.0, sd), 14)
    down = ema(np.where(ch > 0, 0.0, sd), 14)
    np.testing.assert_allclose(out["rvi"], up / (up + down) * 100, rtol=1e-12, equal_nan=True)
    np.testing.assert_array_equal(out["smoothing"], sma(out["rvi"], 14))


def test_rising_is_100():
    x = np.arange(1.0, 60.0)
    assert run(NAME, bars(x, x, x, x, x))["rvi"][30:] == pytest.approx(100.0)


def test_robust():
    check_robust(NAME, optional=("smoothing_upper", "smoothing_lower"))
    check_robust(NAME, smoothing="SMA + Bollinger Bands")


def test_renders():
    check_renders(NAME, {"Type": "SMA + Bollinger Bands"})
