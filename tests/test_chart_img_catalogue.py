"""Chart-IMG's own study catalogue (issue 14): every study name its API v2 Advanced Chart accepts
resolves here, as a study (its own or an alias) or as a clear ``STUDY_NEEDS_OTHER_DATA``
refusal, and each study takes Chart-IMG's documented input keys with Chart-IMG's defaults.

The data is Chart-IMG's API documentation, https://doc.chart-img.com/ (92 studies, each with its
"Parameter input" table), as ``tests/_chart_img.py`` reads it (``tests/data/chart_img/studies.json``,
derived from the saved page by ``devtools/chart_img_catalogue.py``; the page's copy is
github.com/217th/tda_worker_chart_export, docs-worker-chart-export/chart-img-docs/API
Documentation.htm, commit aed440f7cddd9a1841523bbc2eb00cafced220df). ``tests/test_study_tv_inputs.py``
holds the same table's ``in_N`` to our inputs."""

from __future__ import annotations

import pytest

from chart_export import studies
from chart_export.templates import Problems, StepFailure, parse_study, parse_template
from tests._chart_img import catalogue, defaults

CHART_IMG = defaults()  # name -> {input key: documented default}

# Names Chart-IMG's catalogue also lists elsewhere (issue 14; the TradingView charting library's
# older names) that the v2 page above no longer documents: they resolve too.
OLDER = ("Typical Price", "Median Price", "Average Price", "Guppy Multiple Moving Average",
         "Volume Profile Fixed Range")

# Studies whose Chart-IMG defaults differ from ours (TradingView v6's published scripts; Chart-IMG
# drives the TradingView charting library's older versions): the keys and positions are Chart-IMG's
# (tests/test_study_tv_inputs.py), the defaults TradingView v6's (issue 16). A study leaves this list
# when Chart-IMG's documented inputs at its defaults give ours (the test below says so).
KNOWN_DIFFERENT = {
    "Commodity Channel Index": "smoothingLength 20 on Chart-IMG, 14 here",
    "Envelopes": "upper / lower percentage 2 on Chart-IMG, 10 here (TradingView v6's one Percent)",
    "Keltner Channels": "multiplier 1 on Chart-IMG, 2 here",
    "MA Cross": "long length 26 on Chart-IMG, 21 here",
    "McGinley Dynamic": "length 10 on Chart-IMG, 14 here",
    "Moving Average": "Chart-IMG's smoothing line SMA of 9, here None of 14",
    "Moving Average Exponential": "Chart-IMG's smoothing line SMA of 9, here None of 14",
    "On Balance Volume": "Chart-IMG's smoothing line SMA of 9, here None of 14",
    "Price Oscillator": "Chart-IMG: short 10, long 21; here 12, 26",
    "Trend Strength Index": "length ('periods') 9 on Chart-IMG, 14 here",
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
        # only defaults differ: every documented key is read, every documented value taken
        assert all(": Chart-IMG's default " in f for f in found), found
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
    assert set(PLOTS[name]) <= set(catalogue()[name]["plots"])
    spec = studies.lookup(name)
    names = spec.plot_names()
    keys = [names.get(p.lower()) for p in PLOTS[name]]
    assert None not in keys, f"{name}: {dict(zip(PLOTS[name], keys))}"
    assert len(set(keys)) == len(keys)
    doc = {"request": {"studies": [{"name": name, "override": {f"{PLOTS[name][-1]}.color": "rgb(1,2,3)"}}]}}
    template = parse_template(doc, template_id="t")
    assert not template.ignored, template.ignored


# What Chart-IMG's override tables style besides plots: hlines, bands and fills (the pane's reference
# lines and shading here are the theme's, not override keys).
NOT_PLOTS = {"UpperLimit", "LowerLimit", "Hlines Background", "Plots Background", "Background", "Zero", "Zero Line",
             *(f"Level{n}" for n in range(5))}
# Chart-IMG plot names that no plot of ours answers to, and why (not a pure alias).
UNSTYLED = {
    ("Directional Movement", "DX"): "not drawn: TradingView v6's script plots +DI, -DI and ADX",
    ("Directional Movement", "ADXR"): "not drawn: TradingView v6's script plots +DI, -DI and ADX",
    ("MA with EMA Cross", "Crosses"): "the cross markers are not drawn",
    ("Super Trend", "SuperTrend"): "one plot coloured by direction on Chart-IMG (color.0 / color.1); TradingView "
                                   "v6's two plots here (Up Trend, Down Trend)",
    ("Volume Profile Visible Range", "Developing VA High"): "the developing value area is not drawn",
    ("Volume Profile Visible Range", "Developing VA Low"): "the developing value area is not drawn",
}


def test_chart_img_plot_names_are_ours_or_listed() -> None:
    """Every plot name Chart-IMG's override tables give styles a plot of ours (an alias), or is listed."""
    missing = []
    for name, entry in catalogue().items():
        spec = studies.lookup(name)
        if spec is None:
            continue
        names = spec.plot_names()
        missing += [(name, p) for p in entry["plots"] if p.lower() not in names and p not in NOT_PLOTS]
    assert sorted(missing) == sorted(UNSTYLED)


@pytest.mark.parametrize("name, plot", [("Aroon", "Upper"), ("Ichimoku Cloud", "ConversionLine"),
                                        ("Keltner Channels", "Middle"), ("MA Cross", "PlotCrosses"),
                                        ("Williams Fractal", "Down fractals"), ("Chande Kroll Stop", "Short")])
def test_a_chart_img_plot_name_styles_that_plot(name, plot) -> None:
    doc = {"request": {"studies": [{"name": name, "override": {f"{plot}.linewidth": 3, f"{plot}.color": "rgb(1,2,3)"}}]}}
    template = parse_template(doc, template_id="t")
    assert not template.ignored, template.ignored
    (styled,) = template.studies[0].overrides.values()
    assert styled["linewidth"] == 3
