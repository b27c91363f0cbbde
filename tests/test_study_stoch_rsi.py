"""Stochastic RSI's inputs: Chart-IMG's positions (in_0 RSI length, in_1 stochastic length, in_2 K,
in_3 D), the script's titles, the source at the script's in_4 (values: tests/test_oracle.py)."""

from chart_export.templates import parse_template
from tests._studies import assert_matches, check_tv_positions, run, series, spec

NAME = "Stochastic RSI"


def test_inputs_at_chart_img_positions():
    check_tv_positions(NAME, {"k": 2, "d": 3, "rsi_length": 0, "stoch_length": 1, "source": 4},
                       {"k": ("K", "smoothK"), "d": ("D", "smoothD"), "rsi_length": ("RSI Length", "lengthRSI"),
                        "stoch_length": ("Stochastic Length", "lengthStoch"), "source": ("RSI Source",)})


def test_a_chart_img_template_sets_what_it_means():
    doc = {"request": {"studies": [{"name": NAME, "input": {"in_0": 10, "in_1": 7, "in_2": 4, "in_3": 2}}]}}
    p = parse_template(doc, template_id="t").studies[0].inputs
    assert p == {"k": 4, "d": 2, "rsi_length": 10, "stoch_length": 7, "source": "close"}
    s = series("trend")
    out = spec(NAME).run(s, p)
    ref = run(NAME, s, rsi_length=10, stoch_length=7, k=4, d=2)
    assert_matches(out["k"], ref["k"])
    assert_matches(out["d"], ref["d"])
