"""Moving Average Triple through the registry: TA-Lib SMA / EMA; robust; renders."""

import pytest
import talib

from tests._studies import KINDS, assert_matches, check_positions, check_renders, check_robust, run, series

NAME = "Moving Average Triple"


@pytest.mark.parametrize("kind", KINDS)
def test_equals_talib_sma(kind):
    s = series(kind)
    out = run(NAME, s)
    for key, n in (("ma1", 14), ("ma2", 21), ("ma3", 35)):
        assert_matches(out[key], talib.SMA(s.close, n), label=f"{kind}/{key}")


def test_exponential():
    s = series("gaps_large")
    out = run(NAME, s, method="Exponential")
    assert_matches(out["ma3"], talib.EMA(s.close, 35))


def test_weighted():
    s = series("gaps_large")
    assert_matches(run(NAME, s, method="Weighted")["ma2"], talib.WMA(s.close, 21))
    assert_matches(run("Moving Average Double", s, method="Weighted")["ma1"], talib.WMA(s.close, 14))


def test_inputs():
    check_positions(NAME, ["first", "second", "third", "method"],
                    {"first": ("firstPeriods",), "second": ("secondPeriods",), "third": ("thirdPeriods",),
                     "method": ("method",)})


def test_robust():
    check_robust(NAME)


def test_renders():
    check_renders(NAME, {"method": "Exponential"})


@pytest.mark.parametrize("name", [NAME, "Moving Average Multiple", "Standard Error Bands"])
@pytest.mark.parametrize(("text", "method"), [("wma", "Weighted"), ("EMA", "Exponential"), ("simple", "Simple")])
def test_chart_img_method_choice_is_shared(name, text, method):
    # Chart-IMG's Simple / Exponential / Weighted "method" (and the Pine short names) read the same in
    # every study that has it (one table, _math.SEW_METHODS)
    from chart_export.templates import parse_template

    doc = {"request": {"studies": [{"name": name, "input": {"method": text}}]}}
    assert parse_template(doc, template_id="t").studies[0].inputs["method"] == method
