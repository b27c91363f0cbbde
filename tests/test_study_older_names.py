"""Issue 14: every older name Chart-IMG's catalogue accepts resolves to a study (its own module or
an alias of the study it names), and a study with no Pine source says where it comes from."""

from __future__ import annotations

import pytest

from chart_export import studies
from chart_export.templates import parse_template

OLDER = {
    "Volatility Close-to-Close": "vol_cc", "Volatility Zero Trend Close-to-Close": "vol_zt",
    "Volatility O-H-L-C": "vol_ohlc", "Volatility Index": "volatility_index", "Standard Deviation": "stdev",
    "Standard Error": "stderr", "Standard Error Bands": "stderr_bands", "Typical Price": "typical_price",
    "Median Price": "median_price", "Average Price": "average_price", "Linear Regression Curve": "linreg_curve",
    "Linear Regression Slope": "linreg_slope", "MA with EMA Cross": "ma_ema_cross",
    "Moving Average Adaptive": "kama", "Moving Average Hamming": "hamming_ma",
    "Moving Average Multiple": "ma_multiple", "Moving Average Channel": "ma_channel",
    "Guppy Multiple Moving Average": "gmma", "Majority Rule": "majority_rule",
    "Accumulative Swing Index": "asi", "Chaikin Volatility": "chaikin_volatility",
    "Price Channel": "price_channel", "Volume Profile Fixed Range": "vpvr",
}


@pytest.mark.parametrize("name,kind", OLDER.items())
def test_each_older_name_resolves(name, kind) -> None:
    spec = studies.lookup(name.upper())
    assert spec is not None and spec.kind == kind
    study = parse_template({"request": {"studies": [{"name": name}]}}, template_id="t").studies[0]
    assert study.inputs == {i.key: i.default for i in spec.inputs}
    assert spec.source, f"{name}: no Pine source, so the module must say where it comes from"


def test_aliases_keep_the_builtin_defaults() -> None:
    assert {i.key: i.default for i in studies.lookup("Price Channel").inputs} == {"length": 20, "offset": 0}
    assert studies.lookup("Linear Regression Curve").inputs[0].default == 9  # doc.chart-img.com: in_0 9
