"""Every study takes ``in_N`` as a template written for Chart-IMG means it, and otherwise its
TradingView script's inputs.

- A study Chart-IMG documents (``tests/_chart_img.py``: its API page's "Parameter input" tables)
  takes Chart-IMG's keys: each documented key (``in_N`` or named, ``smoothingLine``) sets the input
  Chart-IMG's title names, and no other. Chart-IMG passes ``in_N`` to TradingView's charting
  library, so its table is what ``in_N`` means in a template (the workflow's templates use it).
- Every other ``in_N`` is the Pine input's index (every ``input*()`` call in declaration order,
  colours and toggles included), unless Chart-IMG's table gives that position to another input:
  then the input has no ``in_N`` (its title and key still set it).
- The aliases include the Pine title, the default is Pine's default (TradingView v6's; Chart-IMG's
  differing defaults are listed in ``tests/test_chart_img_catalogue.py``) and a choice takes
  Pine's options.

The Pine side is ``tests/data/pine/inputs.json`` (``devtools/pine_inputs.py`` derives it from the
published scripts: deepentropy/oakscriptJS ``docs/official/indicators_standard/``), so this runs
without the Pine folder. A study's script is the one the study gallery names: the script its
oracle port is written from (``tests/data/oracle/*.json``), else the script of the study's name.
Our input meets its Pine input by title (the aliases list TradingView's titles), else by Pine's
variable name, else through ``EXPLICIT``; its Chart-IMG input by Chart-IMG's title (letters and
digits, any case), else through ``CHART_IMG_EXPLICIT``."""

from __future__ import annotations

import json
import math
import re
from functools import cache
from pathlib import Path

import pytest

from chart_export import studies
from chart_export.studies.spec import Input, StudySpec
from devtools.pine_inputs import OUT as TABLE
from tests._chart_img import catalogue, position

ROOT = Path(__file__).resolve().parent.parent
ORACLE = ROOT / "tests" / "data" / "oracle"
PINE_FILE = re.compile(r"docs/official/indicators_standard/(.+?)\.pine")

# Registered studies that no published script defines: where each comes from instead.
NO_PINE = {
    "advance_decline": "Chart-IMG's \"Advance/Decline\": TradingView's Advance/Decline Ratio (Bars) (adr_bars, "
                       "its own script) with Chart-IMG's length 10 (doc.chart-img.com)",
    "asi": "Wilder's Accumulative Swing Index (1978); no published Pine script",
    "average_price": "Chart-IMG catalogue name, no Pine source: (open + high + low + close) / 4",
    "bb_width": "Chart-IMG's Bollinger Bands Width: (upper - lower) / basis, a ratio (TradingView's Bollinger "
                "BandWidth script, bbw, multiplies by 100 and has two more inputs)",
    "chaikin_volatility": "Chart-IMG catalogue name, no Pine source: Chaikin's definition",
    "gmma": "Guppy Multiple Moving Average (Guppy 1997); no published Pine script",
    "linreg_slope": "Chart-IMG catalogue name, no Pine source",
    "ma_ema_cross": "Chart-IMG catalogue name, no Pine source",
    "linreg_curve": "Chart-IMG catalogue name, no Pine source: ta.linreg(close, length, 0)",
    "majority_rule": "Chart-IMG catalogue name, no Pine source",
    "median_price": "Chart-IMG catalogue name, no Pine source: (high + low) / 2",
    "kama": "Kaufman's Adaptive Moving Average, Chart-IMG catalogue name; no published Pine script",
    "ma_channel": "Chart-IMG catalogue name, no Pine source",
    "ma_double": "Chart-IMG catalogue name, no Pine source",
    "hamming_ma": "Chart-IMG catalogue name, no Pine source",
    "ma_multiple": "Chart-IMG catalogue name, no Pine source",
    "ma_triple": "Chart-IMG catalogue name, no Pine source",
    "price_channel": "Chart-IMG catalogue name, no Pine indicator (only a strategy): ta.highest / ta.lowest",
    "smi_ergodic_io": "Chart-IMG's SMI Ergodic Indicator/Oscillator: TradingView's two SMI Ergodic scripts (smii, "
                      "smio) in one pane, with Chart-IMG's inputs (short length first)",
    "stdev": "Chart-IMG catalogue name, no Pine source",
    "stderr": "Chart-IMG catalogue name, no Pine source",
    "stderr_bands": "Andersen's Standard Error Bands (TASC 1996); no published Pine script",
    "typical_price": "Chart-IMG catalogue name, no Pine source: (high + low + close) / 3",
    "vol_cc": "Chart-IMG catalogue name, no Pine source",
    "volatility_index": "Wilder's Volatility Index (1978); no published Pine script",
    "vol_ohlc": "Chart-IMG catalogue name, no Pine source",
    "vol_zt": "Chart-IMG catalogue name, no Pine source",
    "volume": "a chart built-in, not a Pine script",
    "vpvr": "a chart built-in (Volume Profile Visible Range), not a Pine script",
}

# (kind, our key) -> Pine index, where neither the title nor the variable name tells (Pine's empty
# titles), or None: the input has no Pine counterpart (ours only: a Chart-IMG option, an input of
# TradingView's v6 UI the published script lacks).
EXPLICIT: dict[tuple[str, str], int | None] = {
    ("ao", "fast"): None, ("ao", "slow"): None,  # the script hard-codes 5 and 34
    ("envelopes", "method"): None,  # Chart-IMG's method choice; TradingView has the `exponential` flag
    ("envelopes", "lower_percent"): None,  # Chart-IMG's lower percentage; TradingView has one Percent
    ("keltner", "use_true_range"): None,  # Chart-IMG's (the legacy study's) toggle
    ("gaps", "max_length"): 4,  # "" (the length limit next to its toggle)
    ("linreg_channel", "upper_mult"): 3, ("linreg_channel", "lower_mult"): 5,  # "" next to their toggles
    ("mfi", "smoothing"): None, ("mfi", "smoothing_length"): None, ("mfi", "smoothing_mult"): None,
    ("pivots_hl", "right_high"): 1, ("pivots_hl", "right_low"): 5,  # "/" after "Pivot High" / "Pivot Low"
    ("pivots_hl", "left_high"): 0, ("pivots_hl", "left_low"): 4,  # "Pivot High" is also its colour's title
    ("performance", "position_y"): 7,  # "" next to "Table position"
    ("technical_ratings", "position_x"): 15,  # "" next to "Position"
    ("technical_ratings", "position_y"): 14,  # "Position" + padding
    ("tema", "source"): None,  # the published script reads close
    ("zig_zag", "change_mode"): 7,  # "" next to "Display reversal price change"
    **{("ma_ribbon", f"ma{n}_{part}"): 5 * (n - 1) + i for n in range(1, 5)
       for i, part in ((1, "type"), (2, "source"), (3, "length"))},  # "" in each "MA #n" row
    **{("technical_ratings", f"use_mtf{n}"): 2 * n + 1 for n in range(1, 6)},  # "" toggles
    **{("vwap", f"show_band_{n}"): 3 + 2 * n for n in range(1, 4)},  # "" toggles of the bands
    ("sma", "length"): 0, ("ema", "length"): 0,  # both "Length" (the main and the smoothing length)
    ("sma", "smoothing_length"): 4, ("ema", "smoothing_length"): 4,
    ("cci", "smoothing_length"): 3, ("rvi", "smoothing_length"): 3,
}

# (kind, Chart-IMG key) -> our key, where Chart-IMG's title names no single input of ours.
CHART_IMG_EXPLICIT: dict[tuple[str, str], str] = {
    ("alma", "in_0"): "length",  # "window size"
    ("coppock", "in_1"): "long_roc",  # "long ROC ength" (sic)
    ("ma_cross", "in_0"): "shortlen", ("ma_cross", "in_1"): "longlen",  # "short", "long"
    # "K", "D", "smooth" over the defaults 14, 1, 3: %K length, %K smoothing, %D smoothing
    ("stoch", "in_0"): "k_length", ("stoch", "in_1"): "k_smoothing", ("stoch", "in_2"): "d_smoothing",
    ("tsi", "in_2"): "signal",  # "siglen"
    ("ultosc", "in_0"): "fast", ("ultosc", "in_1"): "middle", ("ultosc", "in_2"): "slow",  # "length7/14/28"
    ("price_channel", "in_1"): "offset",  # "offset length"
}

# Pine options a study refuses on purpose (the candles cannot give them).
REFUSED_OPTIONS = {
    ("vwap", "anchor"): ({"Earnings", "Dividends", "Splits"}, "corporate events the candles do not carry"),
    ("mtpc", "calc"): ({"OHLC"}, "the OHLC body box is not drawn (see multi_time_period_charts.py)"),
}


@cache
def table() -> dict:
    """The committed table (``devtools/pine_inputs.py``), read once."""
    return json.loads(TABLE.read_text())


def pine() -> dict[str, dict]:
    return table()["scripts"]


@cache
def ported_scripts() -> dict[str, str]:
    """Published script (file name without .pine) -> the kind of the study its oracle port checks
    (the script a port's header names; the study gallery's catalogue reads this too)."""
    ported: dict[str, str] = {}
    for path in sorted(ORACLE.glob("*.json")):
        doc = json.loads(path.read_text())
        spec = studies.lookup(doc["study"])
        found = PINE_FILE.search((ROOT / doc["port"]).read_text())
        if spec is not None and found:
            ported.setdefault(found.group(1), spec.kind)
    return ported


@cache
def script_of() -> dict[str, str]:
    """kind -> the published script (file name without .pine) the study is drawn from."""
    ported = ported_scripts()
    out: dict[str, str] = {}
    for stem, script in pine().items():
        if script["declaration"] != "indicator":
            continue
        kind = ported.get(stem)
        spec = studies.by_kind(kind) if kind is not None else studies.lookup(stem.replace("_", "/"))
        if spec is not None:
            out.setdefault(spec.kind, stem)
    return out


def title(label: str | None) -> str:
    """A Pine title as a template writes it: without the padding (figure spaces, right-to-left
    marks) the scripts use to align their settings dialog."""
    return " ".join((label or "").replace("\u200f", " ").replace("\u200e", " ").split())


def positions(i: Input) -> set[int]:
    return {int(a[3:]) for a in i.aliases if re.fullmatch(r"in_\d+", a)}


def pine_input(spec: StudySpec, i: Input) -> dict | None:
    """The Pine input ``i`` stands for (None: none)."""
    rows = pine()[script_of()[spec.kind]]["inputs"]
    if (spec.kind, i.key) in EXPLICIT:
        n = EXPLICIT[spec.kind, i.key]
        return None if n is None else rows[n]
    for field in ("label", "name"):
        found = [r for r in rows if title(r[field]) and title(r[field]) in i.aliases]
        if len(found) == 1:
            return found[0]
    raise AssertionError(f"{spec.name}: input {i.key!r} {i.aliases} meets no single Pine input by title or variable "
                         f"name: map it in EXPLICIT (index, or None when it has no Pine counterpart)")


def pine_studies() -> list[str]:
    return sorted(script_of())


@cache
def chart_img_of() -> dict[str, str]:
    """kind -> the Chart-IMG study name that resolves to it (the studies Chart-IMG documents)."""
    out = {}
    for name in catalogue():
        spec = studies.lookup(name)
        if spec is not None:
            assert spec.kind not in out, f"{name} and {out[spec.kind]} are one study"
            out[spec.kind] = name
    return out


def letters(text: str) -> str:
    return re.sub(r"[^0-9a-z]", "", text.lower())


def chart_img_input(spec: StudySpec, row: dict) -> Input:
    """Our input that Chart-IMG's documented input ``row`` stands for."""
    if (spec.kind, row["key"]) in CHART_IMG_EXPLICIT:
        key = CHART_IMG_EXPLICIT[spec.kind, row["key"]]
        return next(i for i in spec.inputs if i.key == key)
    want = letters(row["title"] or row["key"])
    found = [i for i in spec.inputs if want in {letters(a) for a in (*i.aliases, i.key)}]
    if len(found) > 1:  # "length": the study's length, not the smoothing's (whose Pine title is "Length" too)
        found = [i for i in found if letters(i.key) == want]
    if not found and position(row["key"]) is None:  # a named key means what it names: "daysPerYear"
        found = [i for i in spec.inputs if row["key"] in i.aliases]
    if len(found) == 1:
        return found[0]
    raise AssertionError(f"{spec.name}: Chart-IMG's {row['key']} ({row['title']!r}) meets "
                         f"{[i.key for i in found] or 'no input'} by title: map it in CHART_IMG_EXPLICIT")


def chart_img_positions(spec: StudySpec) -> dict[str, int]:
    """Our key -> the ``in_N`` Chart-IMG documents for it (empty: Chart-IMG does not document the study,
    or names its inputs)."""
    name = chart_img_of().get(spec.kind)
    rows = catalogue()[name]["inputs"] if name else []
    return {chart_img_input(spec, r).key: position(r["key"]) for r in rows if position(r["key"]) is not None}


def chart_img_problems(spec: StudySpec) -> list[str]:
    """Each key Chart-IMG documents sets the input its title names, and no other input."""
    problems = []
    for row in catalogue()[chart_img_of()[spec.kind]]["inputs"]:
        i = chart_img_input(spec, row)
        takers = [j.key for j in spec.inputs if row["key"] in (*j.aliases, j.key)]
        if takers != [i.key]:
            problems.append(f"Chart-IMG's {row['key']} ({row['title']}) sets {takers or 'nothing'}, not {i.key!r}")
    return problems


def test_the_table_is_the_published_scripts() -> None:
    doc = table()
    assert doc["source"]["repository"] == "deepentropy/oakscriptJS"
    assert len(doc["scripts"]) == 134
    eom = doc["scripts"]["Ease of Movement"]["inputs"]
    assert [(r["index"], r["type"], r["label"], r["default"]) for r in eom] == \
        [(0, "int", "length", 14), (1, "int", "Divisor", 10000)]
    assert all([r["index"] for r in s["inputs"]] == list(range(len(s["inputs"]))) for s in doc["scripts"].values())


def test_every_study_is_a_script_or_skipped_by_name() -> None:
    kinds = {s.kind for s in studies.studies().values()}
    mapped = set(script_of())
    assert kinds - mapped == set(NO_PINE), "a study with no published script must say why in NO_PINE"
    assert not mapped & set(NO_PINE)


def check(spec: StudySpec) -> list[str]:
    """What differs between ``spec``'s inputs and its script's."""
    rows = pine()[script_of()[spec.kind]]["inputs"]
    problems = []
    held: dict[str, str] = {}
    for i in spec.inputs:
        for a in i.aliases:
            held.setdefault(a, i.key)
    matched: dict[str, int] = {}
    chart_img = chart_img_positions(spec)
    taken = set(chart_img.values())
    for i in spec.inputs:
        row = pine_input(spec, i)
        if i.key in chart_img:
            if positions(i) != {chart_img[i.key]}:
                problems.append(f"{i.key}: in_{sorted(positions(i))}, Chart-IMG's is in_{chart_img[i.key]}")
        elif row is None:
            clash = {n for n in positions(i) if n < len(rows) or n in taken}
            if clash:
                problems.append(f"{i.key}: no Pine counterpart but answers to in_{sorted(clash)} (another input's)")
        elif positions(i) != ({row['index']} - taken):
            if row["index"] in taken:
                problems.append(f"{i.key}: in_{sorted(positions(i))}, none: Pine's in_{row['index']} is Chart-IMG's "
                                f"for another input")
            else:
                problems.append(f"{i.key}: in_{sorted(positions(i))}, Pine's {title(row['label'])!r} is in_{row['index']}")
        if row is None:
            continue
        n = row["index"]
        matched[i.key] = n
        label = title(row["label"])
        if any(ch.isalnum() for ch in label) and label not in i.aliases:
            # a title another input answers to is Pine's repeated title (SMA's two "Length"): the first holds it
            other = held.get(label)
            earlier = other in matched and title(rows[matched[other]]["label"]).lower() == label.lower()
            if not earlier:
                problems.append(f"{i.key}: aliases {i.aliases} lack Pine's title {label!r}")
        for a in i.aliases:  # a title is its own input's: "Length" is CCI's smoothing length, not its length
            other = next((r for r in rows if r is not row and title(r["label"]) == a), None)
            if other is not None and a != label:
                problems.append(f"{i.key}: answers to {a!r}, the title of Pine's in_{other['index']}")
        default = row["default"]
        if i.type in ("int", "float") and isinstance(default, (int, float)) and not isinstance(default, bool):
            if i.default != default:
                problems.append(f"{i.key}: default {i.default!r}, Pine's {default!r}")
        elif i.type == "bool" and isinstance(default, bool):
            if i.default is not default:
                problems.append(f"{i.key}: default {i.default!r}, Pine's {default!r}")
        elif i.type == "source" and i.default != default:
            problems.append(f"{i.key}: default {i.default!r}, Pine's {default!r}")
        elif i.type == "choice" and isinstance(default, str):
            choices = i.choices or {}
            if choices.get(default.strip().lower()) != i.default:
                problems.append(f"{i.key}: default {i.default!r}, Pine's {default!r}")
            refused = REFUSED_OPTIONS.get((spec.kind, i.key), (set(), ""))[0]
            missing = [o for o in row["options"] or () if isinstance(o, str) and o.strip().lower() not in choices
                       and o not in refused]
            if missing:
                problems.append(f"{i.key}: Pine's options {missing} are refused")
    if len(set(matched.values())) != len(matched):
        problems.append(f"two inputs stand for one Pine input: {matched}")
    return problems


@pytest.mark.parametrize("kind", pine_studies())
def test_inputs_are_the_scripts(kind: str) -> None:
    problems = check(studies.by_kind(kind))
    assert not problems, f"{studies.by_kind(kind).name} vs {script_of()[kind]}.pine:\n" + "\n".join(problems)


@pytest.mark.parametrize("name", sorted(n for n in catalogue() if studies.lookup(n) is not None))
def test_chart_img_keys_set_the_inputs_they_name(name: str) -> None:
    spec = studies.lookup(name)
    problems = chart_img_problems(spec)
    assert not problems, f"{name} vs Chart-IMG's table:\n" + "\n".join(problems)


def test_the_check_finds_a_swap(monkeypatch) -> None:
    """Ease of Movement with in_0 and in_1 swapped back to the script's order (as it was) fails the
    check: Chart-IMG documents the study (in_0 divisor, in_1 length)."""
    import dataclasses

    spec = studies.by_kind("eom")
    length, divisor = spec.inputs
    swapped = dataclasses.replace(spec, inputs=(
        dataclasses.replace(length, aliases=tuple("in_0" if a == "in_1" else a for a in length.aliases)),
        dataclasses.replace(divisor, aliases=tuple("in_1" if a == "in_0" else a for a in divisor.aliases),
                            default=100)))
    problems = check(swapped)
    assert "length: in_[0], Chart-IMG's is in_1" in problems, problems
    assert "divisor: in_[1], Chart-IMG's is in_0" in problems, problems
    assert "divisor: default 100, Pine's 10000" in problems, problems
    assert sorted(chart_img_problems(swapped)) == [
        "Chart-IMG's in_0 (divisor) sets ['length'], not 'divisor'", "Chart-IMG's in_1 (length) sets ['divisor'], not 'length'"]
    assert not check(spec) and not chart_img_problems(spec)


def test_undocumented_inputs_keep_the_scripts_positions() -> None:
    """RSI: Chart-IMG names its inputs (no in_N), so in_N are the script's; one moved is found."""
    import dataclasses

    spec = studies.by_kind("rsi")
    assert chart_img_positions(spec) == {}
    moved = dataclasses.replace(spec, inputs=tuple(
        dataclasses.replace(i, aliases=tuple("in_2" if a == "in_3" else a for a in i.aliases)) if i.key == "smoothing"
        else i for i in spec.inputs))
    assert "smoothing: in_[2], Pine's 'Type' is in_3" in check(moved)
    # Bollinger Bands %B: the source's Pine in_1 is Chart-IMG's multiplier, so the source has none
    bbpb = studies.by_kind("bbpb")
    assert chart_img_positions(bbpb) == {"length": 0, "mult": 1}
    back = dataclasses.replace(bbpb, inputs=tuple(
        dataclasses.replace(i, aliases=(*i.aliases, "in_1")) if i.key == "source" else i for i in bbpb.inputs))
    assert "source: in_[1], none: Pine's in_1 is Chart-IMG's for another input" in check(back)


# Pine v6's named colours (codenamedevan/pinescriptv6, reference/constants.md at
# 3dbf521ee: "color.black: Is a named constant for #363A45 color.", ...)
PINE_COLOURS = {
    "aqua": "#00BCD4", "black": "#363A45", "blue": "#2962FF", "fuchsia": "#E040FB", "gray": "#787B86",
    "green": "#4CAF50", "lime": "#00E676", "maroon": "#880E4F", "navy": "#311B92", "olive": "#808000",
    "orange": "#FF9800", "purple": "#9C27B0", "red": "#F23645", "silver": "#B2B5BE", "teal": "#089981",
    "white": "#FFFFFF", "yellow": "#FDD835",
}


def pine_colour(default: str) -> str | None:
    """A Pine colour default as ``#RRGGBB[AA]`` (upper case): ``#hex``, ``color.name`` or
    ``color.new(c, transp)`` (alpha ``255 * (100 - transp) / 100`` rounded half up); None for
    an expression this does not read (a variable)."""
    default = default.strip()
    m = re.fullmatch(r"color\.new\((.+?),\s*(\d+)\)", default)
    if m:
        base = pine_colour(m.group(1))
        return None if base is None else base[:7] + f"{math.floor(255 * (100 - int(m.group(2))) / 100 + 0.5):02X}"
    if re.fullmatch(r"#[0-9A-Fa-f]{6}([0-9A-Fa-f]{2})?", default):
        return default.upper()
    m = re.fullmatch(r"color\.(\w+)", default)
    return PINE_COLOURS.get(m.group(1)) if m else None


@pytest.mark.parametrize("kind", pine_studies())
def test_colour_defaults_are_the_scripts(kind: str) -> None:
    spec = studies.by_kind(kind)
    wrong = []
    for i in spec.inputs:
        row = pine_input(spec, i) if i.type == "colour" else None
        expected = pine_colour(str(row["default"])) if row else None
        if expected is not None and i.default.upper() != expected:
            wrong.append(f"{i.key}: {i.default}, Pine's {row['default']} = {expected}")
    assert not wrong, f"{spec.name}: " + "; ".join(wrong)
