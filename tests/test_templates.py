"""chart_export.templates: the system's template format, built-ins, study mapping, errors."""

from __future__ import annotations

import copy
import json
from importlib import resources
from pathlib import Path

import jsonschema
import pytest

from chart_export.errors import ErrorCode, StepFailure
from chart_export.templates import (
    BUILTIN_TEMPLATE_IDS,
    KNOWN_STUDIES,
    TemplateError,
    builtin_template,
    load_builtin,
    parse_color,
    parse_template,
)

REFERENCE = Path(__file__).resolve().parents[2] / "shared" / "reference" / "chart-templates"


def doc(*studies: dict, **request) -> dict:
    return {"id": "t", "description": "test", "request": {"height": 600, "studies": list(studies), **request}}


def parse(d: dict):
    return parse_template(d, template_id="t")


def error(d: dict, code: str = ErrorCode.VALIDATION_FAILED) -> StepFailure:
    with pytest.raises(StepFailure) as info:
        parse(d)
    assert info.value.code == code, info.value.message
    return info.value


# --------------------------------------------------------------------------- built-ins

EXPECTED = {
    "ctpl_price_ma1226_vol_v1": [
        ("ma_double", "price", {"first": 12, "second": 26, "method": "SMA"}),
        ("volume", "separate", {}),
    ],
    "ctpl_price_ma1226_bb_macd1226_v1": [
        ("bbands", "price", {"length": 20, "mult": 2.0}),
        ("ma_double", "price", {"first": 12, "second": 26, "method": "SMA"}),
        ("macd", "separate", {"fast": 12, "slow": 26, "signal": 9, "source": "close"}),
    ],
    "ctpl_price_psar_adi_v1": [
        ("psar", "price", {"start": 0.02, "increment": 0.02, "maximum": 0.2}),
        ("adx", "separate", {"adx_smoothing": 14, "di_length": 14}),
    ],
    "ctpl_price_rsi14_stochrsi_v1": [
        ("rsi", "separate", {"length": 14, "smoothing": "SMA", "smoothing_length": 14}),
        ("stochrsi", "separate", {"rsi_length": 14, "stoch_length": 14, "k": 3, "d": 3}),
    ],
    "ctpl_price_vpvr_obv_v1": [
        ("vpvr", "price", {"rows": 24, "volume": "Up/Down", "value_area": 70.0}),
        ("obv", "separate", {"smoothing": "SMA", "smoothing_length": 14}),
    ],
}


def test_builtin_ids_are_the_contract_and_match_the_files() -> None:
    assert set(BUILTIN_TEMPLATE_IDS) == set(EXPECTED)
    folder = resources.files("chart_export").joinpath("builtin_templates")
    names = sorted(p.name for p in folder.iterdir() if p.name.endswith(".json"))
    assert names == sorted(f"{i}.json" for i in BUILTIN_TEMPLATE_IDS)


@pytest.mark.parametrize("template_id", BUILTIN_TEMPLATE_IDS)
def test_builtins_parse_and_draw_what_the_contract_says(template_id: str) -> None:
    raw = builtin_template(template_id)
    assert raw["id"] == template_id
    template = load_builtin(template_id)
    assert template.id == template_id
    assert template.description == raw["description"] and template.description
    assert (template.width, template.height, template.style, template.theme, template.timezone) == (
        800, 600, "candle", "light", "Etc/UTC")
    got = [(s.kind, s.pane) for s in template.studies]
    assert got == [(kind, pane) for kind, pane, _ in EXPECTED[template_id]]
    for study, (_, _, inputs) in zip(template.studies, EXPECTED[template_id]):
        for key, value in inputs.items():
            assert study.inputs[key] == value, (study.kind, key)


def test_psar_builtin_is_drawn_as_crosses() -> None:
    psar = load_builtin("ctpl_price_psar_adi_v1").studies[0]
    assert psar.overrides["sar"]["plottype"] == "cross"


def test_builtin_template_returns_a_copy() -> None:
    first = builtin_template("ctpl_price_ma1226_vol_v1")
    first["request"]["studies"].clear()
    assert builtin_template("ctpl_price_ma1226_vol_v1")["request"]["studies"]
    assert builtin_template("ctpl_nope") is None
    assert load_builtin("ctpl_nope") is None


def _schema() -> dict:
    text = resources.files("chart_export").joinpath("schemas/chart_template.schema.json").read_text("utf-8")
    return json.loads(text)


def test_schema_is_valid_and_accepts_the_builtins() -> None:
    schema = _schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    for template_id in BUILTIN_TEMPLATE_IDS:
        validator.validate(builtin_template(template_id))


# --------------------------------------------------------------------------- the system's templates


def _reference_files() -> list[Path]:
    return sorted(REFERENCE.glob("*.json")) if REFERENCE.is_dir() else []


@pytest.mark.skipif(not _reference_files(), reason="shared/reference/chart-templates not present")
@pytest.mark.parametrize("path", _reference_files(), ids=lambda p: p.stem)
def test_reference_templates_parse_unchanged(path: Path) -> None:
    raw = json.loads(path.read_text(encoding="utf-8"))
    before = copy.deepcopy(raw)
    jsonschema.Draft202012Validator(_schema()).validate(raw)
    template = parse_template(raw, template_id=raw["id"])
    assert raw == before  # not mutated
    assert template.width == 800 and template.height == 600
    assert template.description == raw["description"]
    assert len(template.studies) == len(raw["request"]["studies"])
    builtin = load_builtin(raw["id"])
    assert [s.kind for s in template.studies] == [s.kind for s in builtin.studies]
    assert [s.pane for s in template.studies] == [s.pane for s in builtin.studies]


@pytest.mark.skipif(not _reference_files(), reason="shared/reference/chart-templates not present")
def test_reference_overrides_are_read() -> None:
    raw = json.loads((REFERENCE / "ctpl_price_psar_adi_v1.json").read_text(encoding="utf-8"))
    psar = parse_template(raw, template_id=raw["id"]).studies[0]
    assert psar.overrides["sar"] == {"linewidth": 2.0, "plottype": "cross", "color": "#2196f3"}
    assert psar.inputs == {"start": 0.02, "increment": 0.02, "maximum": 0.2}  # TradingView defaults
    raw = json.loads((REFERENCE / "ctpl_price_rsi14_stochrsi_v1.json").read_text(encoding="utf-8"))
    stoch = parse_template(raw, template_id=raw["id"]).studies[1]
    assert (stoch.inputs["rsi_length"], stoch.inputs["stoch_length"], stoch.inputs["k"], stoch.inputs["d"]) == (14, 14, 3, 3)


# --------------------------------------------------------------------------- defaults and tolerance


def test_minimal_template_gets_defaults() -> None:
    t = parse_template({"request": {}}, template_id="ctpl_x")
    assert (t.width, t.height, t.style, t.theme, t.timezone, t.scale, t.studies) == (
        800, 600, "candle", "light", "Etc/UTC", "regular", ())
    assert t.description == "ctpl_x"  # the manifest kind falls back to the id


def test_extra_keys_are_ignored() -> None:
    d = doc({"name": "RSI", "input": {"length": 10, "plotStyle": "x"}, "override": {"whatever": 1, "Nope.color": "bad"}},
            interval="1D", range={"from": 1}, watermark="x")
    d["chartImgSymbolTemplate"] = "BINANCE:{symbol}"
    d["owner"] = "someone"
    t = parse(d)
    assert t.studies[0].inputs["length"] == 10
    assert t.studies[0].overrides == {}


def test_width_height_theme_timezone_scale() -> None:
    t = parse(doc(width=1024, height=700.0, theme="DARK", timezone="Europe/Berlin", scale="log", style="hollowCandle"))
    assert (t.width, t.height, t.theme, t.timezone, t.scale, t.style) == (1024, 700, "dark", "Europe/Berlin", "log", "hollow_candle")
    assert t.tz.utcoffset(__import__("datetime").datetime(2024, 7, 1)).total_seconds() == 7200


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("Moving Average", "sma"), ("moving average exponential", "ema"), ("  RSI ", "rsi"), ("Stoch RSI", "stochrsi"),
        ("On Balance Volume", "obv"), ("Volume", "volume"), ("BB", "bbands"), ("VPVR", "vpvr"), ("ADX", "adx"),
    ],
)
def test_study_names_and_aliases(name: str, kind: str) -> None:
    assert parse(doc({"name": name})).studies[0].kind == kind


def test_input_defaults_are_tradingview_defaults() -> None:
    studies = [parse(doc({"name": n})).studies[0] for n in KNOWN_STUDIES]
    by_kind = {s.kind: s.inputs for s in studies}
    smoothing = {"smoothing": "None", "smoothing_length": 14, "smoothing_mult": 2.0}
    assert by_kind["sma"] == {"length": 9, "source": "close", "offset": 0, **smoothing}
    assert by_kind["bbands"] == {"length": 20, "mult": 2.0, "source": "close", "ma_type": "SMA", "offset": 0}
    assert by_kind["macd"] == {"fast": 12, "slow": 26, "signal": 9, "source": "close", "oscillator_ma": "EMA",
                               "signal_ma": "EMA"}
    assert by_kind["psar"] == {"start": 0.02, "increment": 0.02, "maximum": 0.2}
    assert by_kind["adx"] == {"adx_smoothing": 14, "di_length": 14}
    assert by_kind["rsi"] == {"length": 14, "source": "close", "divergence": False, **smoothing, "smoothing": "SMA"}
    assert by_kind["stochrsi"] == {"k": 3, "d": 3, "rsi_length": 14, "stoch_length": 14, "source": "close"}
    assert by_kind["vpvr"] == {"rows": 24, "volume": "Up/Down", "value_area": 70.0}
    assert by_kind["obv"] == smoothing
    assert by_kind["ma_double"] == {"first": 14, "second": 21, "method": "SMA"}


def test_positional_inputs() -> None:
    t = parse(doc(
        {"name": "MACD", "input": {"in_0": 8, "in_1": 21, "in_2": 5, "in_3": "hl2"}},
        {"name": "Bollinger Bands", "input": {"in_0": 10, "in_1": 1.5}},
        {"name": "Stochastic RSI", "input": {"in_0": 4, "in_1": 5, "in_2": 21, "in_3": 13}},
        {"name": "Moving Average Double", "input": {"firstPeriods": 5, "secondPeriods": 50, "method": "Exponential"}},
    ))
    macd, bb, stoch, mad = t.studies
    assert macd.inputs == {"fast": 8, "slow": 21, "signal": 5, "source": "hl2", "oscillator_ma": "EMA", "signal_ma": "EMA"}
    assert (bb.inputs["length"], bb.inputs["mult"]) == (10, 1.5)
    # Chart-IMG's positions: in_0 RSI length, in_1 stochastic length, in_2 K, in_3 D
    assert (stoch.inputs["rsi_length"], stoch.inputs["stoch_length"], stoch.inputs["k"], stoch.inputs["d"]) == (4, 5, 21, 13)
    assert mad.inputs == {"first": 5, "second": 50, "method": "EMA"}


def test_integral_floats_are_accepted_for_lengths() -> None:
    assert parse(doc({"name": "RSI", "input": {"length": 14.0}})).studies[0].inputs["length"] == 14


def test_force_overlay() -> None:
    t = parse(doc(
        {"name": "RSI"}, {"name": "RSI", "forceOverlay": False}, {"name": "RSI", "forceOverlay": True},
        {"name": "Moving Average", "forceOverlay": False}, {"name": "Volume"},
    ))
    assert [s.pane for s in t.studies] == ["separate", "separate", "price", "price", "separate"]
    assert [s.is_pane_study for s in t.studies] == [True, True, True, False, True]


# --------------------------------------------------------------------------- overrides


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("rgb(33,150,243)", "#2196f3"),
        ("rgb( 33, 150, 243 )", "#2196f3"),
        ("rgba(33,150,243,0.5)", "#2196f380"),
        ("rgba(33,150,243,1)", "#2196f3"),
        ("#ABC", "#aabbcc"),
        ("#2196F3", "#2196f3"),
        ("#2196f380", "#2196f380"),
        ("#2196f3ff", "#2196f3"),
    ],
)
def test_colours(text: str, expected: str) -> None:
    assert parse_color(text) == expected


@pytest.mark.parametrize("text", ["red", "rgb(300,0,0)", "rgb(1,2)", "rgba(1,2,3,2)", "#12345", "", 12])
def test_bad_colours(text) -> None:
    with pytest.raises(ValueError):
        parse_color(text)


def test_overrides_are_parsed_per_plot() -> None:
    t = parse(doc(
        {"name": "Parabolic SAR", "override": {"Plot.color": "rgb(33,150,243)", "Plot.linewidth": 2, "Plot.plottype": "circles"}},
        {"name": "MACD", "override": {"Signal.color": "#ff0000", "Histogram.visible": False, "MACD.transparency": 25}},
        {"name": "Average Directional Index", "override": {"+DI.color": "#00ff00", "-DI.linewidth": 3}},
        {"name": "On Balance Volume", "override": {"Plot.plottype": "line", "plot.Color": "#123456"}},
    ))
    psar, macd, adx, obv = t.studies
    assert psar.overrides == {"sar": {"color": "#2196f3", "linewidth": 2.0, "plottype": "circles"}}
    assert macd.overrides == {"signal": {"color": "#ff0000"}, "hist": {"visible": False}, "macd": {"alpha": 0.75}}
    assert adx.overrides == {"plus_di": {"color": "#00ff00"}, "minus_di": {"linewidth": 3.0}}
    assert obv.overrides == {"obv": {"plottype": "line", "color": "#123456"}}


# --------------------------------------------------------------------------- errors


def test_unknown_study_is_its_own_code_and_lists_the_known_ones_in_details() -> None:
    err = error(doc({"name": "RSI"}, {"name": "Zig Zag Fractals"}), ErrorCode.UNKNOWN_STUDY)
    assert "request.studies[1]: unknown study 'Zig Zag Fractals'" in err.message
    assert err.message.startswith("template t: ")
    assert err.details["study"] == "Zig Zag Fractals"
    assert err.details["known"] == list(KNOWN_STUDIES)


@pytest.mark.parametrize(
    ("d", "fragment"),
    [
        ({"request": {"width": 5000}}, "request.width: 5000 is greater than the maximum of 2048"),
        ({"request": {"height": 100}}, "request.height: 100 is less than the minimum of 320"),
        ({"request": {"width": "800"}}, "request.width: '800' is not of type 'integer'"),
        ({"request": {"width": True}}, "request.width: True is not of type 'integer'"),
        ({"request": {"theme": "blue"}}, "request.theme: 'blue' is not one of light, dark"),
        ({"request": {"format": "jpeg"}}, "request.format: 'jpeg' is not one of png"),
        ({"request": {"timezone": "Mars/Olympus"}}, "request.timezone: unknown time zone 'Mars/Olympus'"),
        ({"request": {"style": "renko"}}, "request.style: unsupported style 'renko'"),
        ({"request": {"studies": "RSI"}}, "request.studies: 'RSI' is not of type 'array'"),
        ({"request": {"studies": [{"input": {}}]}}, "request.studies[0]: 'name' is a required property"),
        ({"request": {"studies": [{"name": "RSI", "forceOverlay": "no"}]}}, "request.studies[0].forceOverlay: 'no' is not of type 'boolean'"),
        ({"request": {"studies": [{"name": "RSI", "input": [14]}]}}, "request.studies[0].input: [14] is not of type 'object', 'null'"),
        ({"request": []}, "request: [] is not of type 'object'"),
        ({"id": "t"}, "'request' is a required property"),
    ],
)
def test_document_errors_name_the_field(d: dict, fragment: str) -> None:
    err = error(d)
    assert fragment in err.message, err.message
    assert isinstance(err, TemplateError)


@pytest.mark.parametrize(
    ("study", "fragment"),
    [
        ({"name": "RSI", "input": {"length": "14"}}, "request.studies[0].input.length: must be an integer, got a string ('14')"),
        ({"name": "RSI", "input": {"length": True}}, "input.length: must be an integer, got a boolean (true)"),
        ({"name": "RSI", "input": {"length": 14.5}}, "input.length: must be an integer, got 14.5"),
        ({"name": "RSI", "input": {"length": 0}}, "input.length: must be >= 1 and <= 5000, got 0"),
        ({"name": "RSI", "input": {"smoothingLine": "HMA"}}, "input.smoothingLine: must be one of EMA, None, SMA, SMA + Bollinger Bands, SMMA (RMA), VWMA, WMA, got a string ('HMA')"),
        ({"name": "MACD", "input": {"in_3": "volume"}}, "input.in_3: must be one of open, high, low, close, hl2, hlc3, ohlc4"),
        ({"name": "Bollinger Bands", "input": {"in_1": "2"}}, "input.in_1: must be a number, got a string ('2')"),
        ({"name": "Parabolic SAR", "input": {"maximum": 0}}, "input.maximum: must be > 0 and <= 1, got 0.0"),
        ({"name": "Parabolic SAR", "input": {"start": 0}}, "input.start: must be > 0 and <= 1, got 0"),
        ({"name": "Volume Profile Visible Range", "input": {"vaVolume": 150}}, "input.vaVolume: must be > 0 and <= 100"),
        ({"name": "Volume", "input": {"showMA": "yes"}}, "input.showMA: must be true or false"),
        ({"name": "RSI", "override": {"Plot.color": "red"}}, "override.Plot.color: is not a colour"),
        ({"name": "RSI", "override": {"Plot.linewidth": -1}}, "override.Plot.linewidth: must be a number in (0, 10]"),
        ({"name": "RSI", "override": {"Plot.plottype": "zigzag"}}, "override.Plot.plottype: must be one of line, cross, circles, step_line"),
        ({"name": "RSI", "override": {"Plot.visible": 1}}, "override.Plot.visible: must be true or false"),
        ({"name": "RSI", "override": ["x"]}, "request.studies[0].override: ['x'] is not of type 'object', 'null'"),
    ],
)
def test_study_errors_name_the_key(study: dict, fragment: str) -> None:
    err = error(doc(study))
    assert fragment in err.message, err.message
    assert err.details["template"] == "t"


def test_too_many_separate_panes() -> None:
    err = error(doc(*({"name": "RSI"} for _ in range(6))))
    assert "at most 5 studies in their own panes" in err.message


def test_not_an_object() -> None:
    err = error([])  # type: ignore[arg-type]
    assert "must be an object" in err.message


@pytest.mark.parametrize("name", ["Relative Strenght Index", "zzqx", "MACD2"])
def test_unknown_study_names_the_closest_three_and_points_to_the_catalogue(name):
    from pathlib import Path

    from chart_export import studies
    from chart_export.errors import StepFailure
    from chart_export.templates import STUDY_CATALOGUE, parse_template

    with pytest.raises(StepFailure) as info:
        parse_template({"request": {"studies": [{"name": name}]}}, template_id="t")
    exc = info.value
    assert exc.code == "UNKNOWN_STUDY"
    closest = exc.details["closest"]
    assert len(closest) == 3 and all(c in studies.known_names() for c in closest)
    assert f"did you mean {closest[0]!r}, {closest[1]!r} or {closest[2]!r}?" in exc.message
    assert exc.message.endswith(f"All {len(studies.known_names())} studies, with their inputs: {STUDY_CATALOGUE}")
    assert len(exc.message) < 300  # not every name on one line: those are in details.known
    assert (Path(__file__).resolve().parents[1] / STUDY_CATALOGUE).is_file()


PANE_STUDIES = ["RSI", "MACD", "Average Directional Index", "On Balance Volume", "Stochastic RSI"]


def test_study_panes_keep_a_readable_height():
    """A pane study never gets less than about 8 text heights (89 px at 800 px wide): the
    price pane gives up the difference."""
    from chart_export._render.figure import text_px
    from chart_export._render.layout import MIN_PANE_TEXT_HEIGHTS, min_height, vertical_split

    floor = round(text_px(800) * MIN_PANE_TEXT_HEIGHTS)
    assert floor == 89
    for n in range(1, 5):
        _, _, _, heights = vertical_split(600, text_px(800), n)
        assert min(heights[1:]) >= floor and heights[0] >= round(text_px(800) * 14), (n, heights)
        _, _, _, tight = vertical_split(min_height(text_px(800), n), text_px(800), n)
        assert min(tight[1:]) >= floor and tight[0] >= round(text_px(800) * 14), (n, tight)


def test_a_template_with_more_panes_than_fit_says_so():
    from chart_export.templates import parse_template

    five = {"request": {"studies": [{"name": n} for n in PANE_STUDIES]}}
    err = error(five, ErrorCode.VALIDATION_FAILED)
    assert ("request.studies: 5 studies in their own panes do not fit a 800x600 chart readably (each needs about "
            "89 px); use request.height >= 675") in err.message
    assert err.details["height_needed"] == 675
    five["request"]["height"] = 675
    assert len(parse_template(five, template_id="t").separate_panes) == 5
    five["request"]["studies"][0]["forceOverlay"] = True  # four panes fit 600
    five["request"]["height"] = 600
    assert len(parse_template(five, template_id="t").separate_panes) == 4


def test_the_keys_the_catalogue_and_meta_print_set_the_input() -> None:
    """The canonical keys (what the catalogue and ``meta.studies[].inputs`` print) are accepted,
    not silently ignored: ``adx_smoothing`` used to render with the default 14."""
    t = parse(doc({"name": "ADX", "input": {"adx_smoothing": 9, "di_length": 20}},
                  {"name": "RSI", "input": {"smoothing": "SMA + Bollinger Bands", "smoothing_mult": 1.5}}))
    adx, rsi = t.studies
    assert (adx.inputs["adx_smoothing"], adx.inputs["di_length"]) == (9, 20)
    assert (rsi.inputs["smoothing"], rsi.inputs["smoothing_mult"]) == ("SMA + Bollinger Bands", 1.5)


@pytest.mark.parametrize("title", ["Williams Percent Range", "Elder Force Index", "Moving Average Convergence Divergence",
                                   "Envelope", "Directional Movement Index"])
def test_tradingview_titles_are_accepted(title: str) -> None:
    assert parse(doc({"name": title})).studies[0].kind
