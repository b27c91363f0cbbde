"""Klinger Oscillator: no inputs, signed volume (bar 0 negative, a -1e-15 change counts as
rising), warm-up, no volume, robust, renders (values: tests/test_oracle.py)."""

import numpy as np

from chart_export.studies._pine import ema
from tests._studies import bars, check_renders, check_robust, run, series, spec

NAME = "Klinger Oscillator"


def test_no_inputs():
    assert spec(NAME).inputs == ()


def test_signed_volume():
    n = 80
    h = np.full(n, 10.0)
    h[1::2] += 1.0
    h[40] = h[38] - 1e-15 * 0  # unchanged hlc3 counts as rising
    v = np.arange(1.0, n + 1)
    c = bars(h, h, h, h, v)
    sv = np.where(np.arange(n) % 2 == 1, v, -v)
    sv[40] = v[40] if (h[40] - h[39]) >= 0 else -v[40]
    sv[0] = -v[0]
    out = run(NAME, c)
    kvo = ema(sv, 34) - ema(sv, 55)
    np.testing.assert_allclose(out["kvo"], kvo, rtol=1e-12, equal_nan=True)
    assert np.isnan(out["kvo"][:54]).all() and not np.isnan(out["kvo"][54:]).any()
    assert np.isnan(out["signal"][:66]).all() and not np.isnan(out["signal"][66:]).any()


def test_tolerant_comparison():
    n = 60
    p = np.full(n, 1.1)
    p2 = p.copy()
    p2[30] = 1.1 - 1e-15  # a change of -1e-15: >= 0 for Pine
    v = np.ones(n)
    assert np.array_equal(run(NAME, bars(p, p, p, p, v))["kvo"], run(NAME, bars(p2, p2, p2, p2, v))["kvo"],
                          equal_nan=True)


def test_no_volume_note():
    s = series("trend")
    assert spec(NAME).note_for(bars(s.open, s.high, s.low, s.close, np.zeros(len(s))), {}) == "no volume data"


def test_robust():
    check_robust(NAME)


def test_renders():
    check_renders(NAME)
