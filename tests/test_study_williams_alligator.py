"""Williams Alligator through the registry: hand vector; warm-ups; the offsets shift the
drawn lines into the future area; robust; renders."""

import numpy as np
import pytest

from chart_export.rendering import prepare_chart
from chart_export.templates import parse_template
from tests._studies import (KINDS, candles, check_defined_from, check_positions, check_renders, check_robust, run,
                             series)

NAME = "Williams Alligator"


def test_hand_vector():
    # hl2 = 2, 4, 6, 8 (high = low); lips length 2: seed bar1 3, bar2 (3 + 6)/2 = 4.5, bar3 (4.5 + 8)/2 = 6.25
    # teeth length 3: seed bar2 4, bar3 (4*2 + 8)/3 = 16/3; jaw length 4: bar3 5
    x = np.array([2.0, 4, 6, 8])
    out = run(NAME, candles(x, x, x, x), jaw_length=4, teeth_length=3, lips_length=2)
    nan = np.nan
    np.testing.assert_allclose(out["lips"], [nan, 3, 4.5, 6.25])
    np.testing.assert_allclose(out["teeth"], [nan, nan, 4, 16 / 3])
    np.testing.assert_allclose(out["jaw"], [nan, nan, nan, 5])


@pytest.mark.parametrize("kind", KINDS)
def test_warmup(kind):
    out = run(NAME, series(kind))
    check_defined_from(out["jaw"], 12, kind)  # TradingView's defaults: 13 / 8 / 5
    check_defined_from(out["teeth"], 7, kind)
    check_defined_from(out["lips"], 4, kind)


def test_offsets_are_the_inputs():
    t = parse_template({"request": {"studies": [{"name": "Alligator", "input": {"in_4": 6, "lipsOffset": -2}}]}},
                       template_id="t")
    prep = prepare_chart(t, series("trend"))
    ps = prep.studies[0]
    assert prep.future_bars == 8
    k = len(prep.window)
    np.testing.assert_array_equal(ps.values("jaw")[8:], ps.series["jaw"])
    np.testing.assert_array_equal(ps.values("teeth")[6:], ps.series["teeth"])
    np.testing.assert_array_equal(ps.values("lips")[: k - 2], ps.series["lips"][2:])


def test_inputs():
    check_positions(NAME, ["jaw_length", "teeth_length", "lips_length", "jaw_offset", "teeth_offset", "lips_offset"],
                    {"jaw_offset": ("jawOffset",), "teeth_offset": ("teethOffset",), "lips_offset": ("lipsOffset",)})


def test_robust():
    check_robust(NAME)


def test_renders():
    check_renders(NAME)
