"""Chart-IMG's own study catalogue (issue 14): every study name its API v2 Advanced Chart accepts
resolves here, as a study (its own or an alias) or as a clear ``STUDY_NEEDS_OTHER_DATA``
refusal, and each study takes Chart-IMG's documented input keys with Chart-IMG's defaults.

The data below is written from Chart-IMG's API documentation, https://doc.chart-img.com/
("TradingView Snapshot v2" > "TradingView Chart Indicators": 92 studies, each with its request
example and "Parameter input" table), read from the copy of that page saved on 2025-12-17 in
github.com/217th/tda_worker_chart_export, docs-worker-chart-export/chart-img-docs/API
Documentation.htm, commit aed440f7cddd9a1841523bbc2eb00cafced220df (the page's newest entry in
"Recent Changes": Nov 26, 2025). Name -> {input key: documented default}."""

from __future__ import annotations

import pytest

from chart_export import studies
from chart_export.templates import Problems, StepFailure, parse_study, parse_template

CHART_IMG = {
    'Accumulation/Distribution': {},
    'Accumulative Swing Index': {'in_0': 10.0},
    'Advance/Decline': {'in_0': 10},
    'Arnaud Legoux Moving Average': {'in_0': 9, 'in_1': 0.85, 'in_2': 6.0},
    'Aroon': {'in_0': 14},
    'Average Directional Index': {'in_0': 14, 'in_1': 14},
    'Average True Range': {'in_0': 14},
    'Awesome Oscillator': {},
    'Balance of Power': {},
    'Bollinger Bands': {'in_0': 20, 'in_1': 2.0},
    'Bollinger Bands %B': {'in_0': 20, 'in_1': 2.0},
    'Bollinger Bands Width': {'in_0': 20, 'in_1': 2.0},
    'Chaikin Money Flow': {'in_0': 20},
    'Chaikin Oscillator': {'in_0': 3, 'in_1': 10},
    'Chaikin Volatility': {'periods': 10, 'rocLookback': 10},
    'Chande Kroll Stop': {'in_0': 10, 'in_1': 1, 'in_2': 9},
    'Chande Momentum Oscillator': {'in_0': 9},
    'Chop Zone': {},
    'Choppiness Index': {'in_0': 14},
    'Commodity Channel Index': {'in_0': 20, 'smoothingLine': 'SMA', 'smoothingLength': 20},
    'Connors RSI': {'in_0': 3, 'in_1': 2, 'in_2': 100},
    'Coppock Curve': {'in_0': 10, 'in_1': 14, 'in_2': 11},
    'Detrended Price Oscillator': {'in_0': 21, 'in_1': False},
    'Directional Movement': {'in_0': 14, 'in_1': 14},
    'Donchian Channels': {'in_0': 20},
    'Double EMA': {'in_0': 9},
    'Ease of Movement': {'in_0': 10000, 'in_1': 14},
    "Elder's Force Index": {'in_0': 13},
    'Envelopes': {'in_0': 20, 'in_1': 2.0, 'in_2': 2.0, 'in_3': 'Simple', 'in_4': 'close'},
    'Fisher Transform': {'in_0': 9},
    'Historical Volatility': {'in_0': 10},
    'Hull Moving Average': {'in_0': 9},
    'Ichimoku Cloud': {'in_0': 9, 'in_1': 26, 'in_2': 52, 'in_3': 26},
    'Keltner Channels': {'in_0': True, 'in_1': 20, 'in_2': 1},
    'Klinger Oscillator': {},
    'Know Sure Thing': {'in_0': 10, 'in_1': 15, 'in_2': 20, 'in_3': 30, 'in_4': 10, 'in_5': 10, 'in_6': 10, 'in_7': 15, 'in_8': 9},
    'Least Squares Moving Average': {'in_0': 25, 'in_1': 0},
    'Linear Regression Curve': {'in_0': 9},
    'Linear Regression Slope': {'periods': 14},
    'MA Cross': {'in_0': 9, 'in_1': 26},
    'MA with EMA Cross': {'in_0': 10, 'in_1': 10},
    'MACD': {'in_0': 12, 'in_1': 26, 'in_2': 9, 'in_3': 'close'},
    'Majority Rule': {'rollingPeriod': 14},
    'Mass Index': {'in_0': 10},
    'McGinley Dynamic': {'in_0': 10},
    'Momentum': {'in_0': 10, 'in_1': 'close'},
    'Money Flow Index': {'in_0': 14},
    'Moving Average': {'length': 9, 'source': 'close', 'offset': 0, 'smoothingLine': 'SMA', 'smoothingLength': 9},
    'Moving Average Adaptive': {'periods': 10},
    'Moving Average Channel': {'in_0': 20, 'in_1': 20, 'in_2': 0, 'in_3': 0},
    'Moving Average Double': {'firstPeriods': 14, 'secondPeriods': 21, 'method': 'Simple'},
    'Moving Average Exponential': {'length': 9, 'source': 'close', 'offset': 0, 'smoothingLine': 'SMA', 'smoothingLength': 9},
    'Moving Average Hamming': {'periods': 10},
    'Moving Average Multiple': {'firstPeriods': 14, 'secondPeriods': 21, 'thirdPeriods': 35, 'fourthPeriods': 50, 'fifthPeriods': 100, 'sixthPeriods': 200, 'method': 'Simple'},
    'Moving Average Triple': {'firstPeriods': 14, 'secondPeriods': 21, 'thirdPeriods': 35, 'method': 'Simple'},
    'Moving Average Weighted': {'in_0': 9, 'in_1': 'close', 'in_2': 0},
    'Net Volume': {},
    'On Balance Volume': {'smoothingLine': 'SMA', 'smoothingLength': 9},
    'Parabolic SAR': {'in_0': 0.02, 'in_1': 0.02, 'in_2': 0.2},
    'Price Channel': {'in_0': 20, 'in_1': 0},
    'Price Oscillator': {'in_0': 10, 'in_1': 21},
    'Price Volume Trend': {},
    'Rate Of Change': {'in_0': 9},
    'Relative Strength Index': {'length': 14, 'smoothingLine': 'SMA', 'smoothingLength': 14},
    'Relative Vigor Index': {'in_0': 10},
    'SMI Ergodic Indicator/Oscillator': {'in_0': 5, 'in_1': 20, 'in_2': 5},
    'Smoothed Moving Average': {'in_0': 7, 'in_1': 'close'},
    'Standard Deviation': {'periods': 5, 'deviations': 1},
    'Standard Error': {'length': 14},
    'Standard Error Bands': {'periods': 21, 'errors': 2.0, 'method': 'Simple', 'averagePeriods': 3},
    'Stochastic': {'in_0': 14, 'in_1': 1, 'in_2': 3},
    'Stochastic RSI': {'in_0': 14, 'in_1': 14, 'in_2': 3, 'in_3': 3},
    'Super Trend': {'in_0': 10, 'in_1': 3},
    'Trend Strength Index': {'periods': 9},
    'Triple EMA': {'in_0': 9},
    'TRIX': {'in_0': 18},
    'True Strength Index': {'in_0': 25, 'in_1': 13, 'in_2': 13},
    'Ultimate Oscillator': {'in_0': 7, 'in_1': 14, 'in_2': 28},
    'Volatility Close-to-Close': {'periods': 10, 'daysPerYear': 252},
    'Volatility Index': {'periods': 10, 'atrMult': 3.0, 'method': 'Wilder Smoothing'},
    'Volatility O-H-L-C': {'periods': 10, 'marketClosedPercentage': 0.0, 'daysPerYear': 252},
    'Volatility Zero Trend Close-to-Close': {'periods': 10, 'daysPerYear': 252},
    'Volume': {},
    'Volume Oscillator': {'in_0': 5, 'in_1': 10},
    'Volume Profile Visible Range': {'rows': 24, 'volume': 'Up/Down', 'vaVolume': 70},
    'Vortex Indicator': {'in_0': 14},
    'VWAP': {},
    'VWMA': {'in_0': 20},
    'Williams %R': {'in_0': 14},
    'Williams Alligator': {'in_0': 21, 'in_1': 13, 'in_2': 8, 'in_3': 8, 'in_4': 5, 'in_5': 3},
    'Williams Fractal': {'in_0': 2},
    'Zig Zag': {'in_0': 5.0, 'in_1': 10},
}

# Names Chart-IMG's catalogue also lists elsewhere (issue 14; the TradingView charting library's
# older names) that the v2 page above no longer documents: they resolve too.
OLDER = ("Typical Price", "Median Price", "Average Price", "Guppy Multiple Moving Average",
         "Volume Profile Fixed Range")

# Studies written from TradingView's published Pine scripts whose Chart-IMG inputs differ from the
# script's (positions or defaults): Chart-IMG drives the TradingView charting library's older
# versions. Not changed here (the Pine ports are held to TradingView by the oracle); reported to
# the lead. A study leaves this list when it takes Chart-IMG's inputs (the test below says so).
KNOWN_DIFFERENT = {
    "Bollinger Bands %B": "in_1 is mult (2) on Chart-IMG, the source in the Pine script",
    "Commodity Channel Index": "smoothingLength 20 on Chart-IMG, 14 here",
    "Ease of Movement": "Chart-IMG: in_0 divisor 10000, in_1 length 14 (the reverse of the Pine order used here)",
    "Envelopes": "Chart-IMG: in_1 / in_2 upper / lower percentage 2, in_3 method, in_4 source",
    "Keltner Channels": "Chart-IMG: in_0 use true range, in_1 length 20, in_2 mult 1",
    "MA Cross": "long length 26 on Chart-IMG, 21 here",
    "McGinley Dynamic": "length 10 on Chart-IMG, 14 here",
    "Moving Average": "Chart-IMG's smoothing line SMA of 9, here None of 14",
    "Moving Average Exponential": "Chart-IMG's smoothing line SMA of 9, here None of 14",
    "On Balance Volume": "Chart-IMG's smoothing line SMA of 9, here None of 14",
    "Price Oscillator": "Chart-IMG: short 10, long 21; here 12, 26",
    "Stochastic RSI": "Chart-IMG: in_0 RSI length 14, in_1 stochastic length 14, in_2 K 3, in_3 D 3",
    "Trend Strength Index": "Chart-IMG names the length 'periods'",
    "Williams Alligator": "Chart-IMG: jaw / teeth / lips lengths 21 / 13 / 8, here 13 / 8 / 5",
}


def _resolves(name: str) -> str:
    """The study's kind, or ``refused: <code>``; fails on an unknown name."""
    try:
        study = parse_study({"name": name}, where="s", problems=None)
    except StepFailure as exc:
        return f"refused: {exc.code}"
    return study.kind


def _differences(name: str) -> list[str]:
    spec = studies.lookup(name)
    doc = {"request": {"studies": [{"name": name, "input": CHART_IMG[name]}]}}
    problems = Problems()
    try:
        study = parse_template(doc, template_id="t", problems=problems).studies[0]
    except Exception as exc:  # a documented value this study rejects (a source where Chart-IMG puts a number)
        return [f"rejects {CHART_IMG[name]}: {exc}"]
    out = [k.message for k in problems.ignored_keys]  # a documented key we do not read
    defaults = {i.key: i.default for i in spec.inputs}
    out += [f"{k}: Chart-IMG's default {CHART_IMG[name]} gives {study.inputs[k]!r}, ours {defaults[k]!r}"
            for k in defaults if study.inputs[k] != defaults[k]]
    return out


def test_the_page_lists_92_studies() -> None:
    assert len(CHART_IMG) == 92


@pytest.mark.parametrize("name", [*CHART_IMG, *OLDER])
def test_each_chart_img_name_resolves(name) -> None:
    kind = _resolves(name)
    assert kind in {s.kind for s in studies.studies().values()} or kind == "refused: STUDY_NEEDS_OTHER_DATA"


def test_only_net_volume_is_refused() -> None:
    # Chart-IMG's Net Volume; TradingView's current script needs intrabar (lower-timeframe) volume
    assert [n for n in CHART_IMG if _resolves(n).startswith("refused")] == ["Net Volume"]


@pytest.mark.parametrize("name", [n for n in CHART_IMG if n != "Net Volume"])
def test_chart_img_inputs_give_our_defaults(name) -> None:
    """Chart-IMG's documented keys, at its documented defaults, are all read and land on our defaults."""
    found = _differences(name)
    if name in KNOWN_DIFFERENT:
        assert found, f"{name} now takes Chart-IMG's inputs: remove it from KNOWN_DIFFERENT"
    else:
        assert not found, f"{name}: {found}"


# The plot names Chart-IMG's page gives the overrides (``"<plot>.color"`` ...) of the studies it
# documents that have no TradingView Pine script (their modules follow this page), in its order.
PLOTS = {
    "Accumulative Swing Index": ("ASI",),
    "Advance/Decline": ("Plot",),
    "Bollinger Bands Width": ("Plot",),
    "Chaikin Volatility": ("Plot",),
    "Linear Regression Curve": ("Plot",),
    "Linear Regression Slope": ("Plot",),
    "MA with EMA Cross": ("MA", "EMA"),  # and "Crosses" (markers), not drawn
    "Majority Rule": ("Majority Rule",),
    "Moving Average Adaptive": ("Plot 1",),
    "Moving Average Channel": ("Upper", "Lower"),
    "Moving Average Double": ("Plot 1", "Plot 2"),
    "Moving Average Hamming": ("Plot 1",),
    "Moving Average Multiple": ("Plot 1", "Plot 2", "Plot 3", "Plot 4", "Plot 5", "Plot 6"),
    "Moving Average Triple": ("Plot 1", "Plot 2", "Plot 3"),
    "Price Channel": ("Highprice Line", "Lowprice Line", "Centerprice Line"),
    "SMI Ergodic Indicator/Oscillator": ("Indicator", "Signal", "Oscillator"),
    "Standard Deviation": ("Plot",),
    "Standard Error": ("Plot",),
    "Standard Error Bands": ("Plot 1", "Plot 2", "Plot 3"),
    "Volatility Close-to-Close": ("Plot",),
    "Volatility Index": ("Plot",),
    "Volatility O-H-L-C": ("Plot",),
    "Volatility Zero Trend Close-to-Close": ("Plot",),
}


@pytest.mark.parametrize("name", PLOTS)
def test_chart_img_plot_names_style_our_plots(name) -> None:
    spec = studies.lookup(name)
    names = spec.plot_names()
    keys = [names.get(p.lower()) for p in PLOTS[name]]
    assert None not in keys, f"{name}: {dict(zip(PLOTS[name], keys))}"
    assert len(set(keys)) == len(keys)
    doc = {"request": {"studies": [{"name": name, "override": {f"{PLOTS[name][-1]}.color": "rgb(1,2,3)"}}]}}
    template = parse_template(doc, template_id="t")
    assert not template.ignored, template.ignored
