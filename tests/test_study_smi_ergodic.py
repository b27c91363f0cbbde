"""SMI Ergodic Indicator and Oscillator: TradingView's inputs, ta.tsi (no factor 100) by hand,
warm-up, robust, renders (values: tests/test_oracle.py)."""

import numpy as np
import pytest

from chart_export.studies._pine import ema
from tests._studies import check_positions, check_renders, check_robust, run, series, spec

NAMES = ("SMI Ergodic Indicator", "SMI Ergodic Oscillator")


@pytest.mark.parametrize("name", NAMES)
def test_inputs(name):
    check_positions(name, ["longlen", "shortlen", "siglen"], {"longlen": ("Long Length",),
                                                             "shortlen": ("Short Length",),
                                                             "siglen": ("Signal Line Length",)})
    assert [i.default for i in spec(name).inputs] == [20, 5, 5]


def test_definition():
    s = series("trend")
    m = np.diff(s.close, prepend=np.nan)
    erg = ema(ema(m, 20), 5) / ema(ema(np.abs(m), 20), 5)
    ind = run(NAMES[0], s)
    np.testing.assert_array_equal(ind["smi"], erg)
    np.testing.assert_array_equal(ind["signal"], ema(erg, 5))
    np.testing.assert_array_equal(run(NAMES[1], s)["osc"], erg - ema(erg, 5))
    assert np.isnan(ind["smi"][:24]).all() and not np.isnan(ind["smi"][24:]).any()
    assert np.nanmax(np.abs(ind["smi"])) <= 1.0


@pytest.mark.parametrize("name", NAMES)
def test_robust(name):
    check_robust(name)


@pytest.mark.parametrize("name", NAMES)
def test_renders(name):
    check_renders(name)
