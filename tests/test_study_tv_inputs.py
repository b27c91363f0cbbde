"""Every study drawn from a TradingView script takes that script's inputs: ``in_N`` is the Pine
input's index (every ``input*()`` call in declaration order, colours and toggles included), the
aliases include its title, the default is Pine's default and a choice takes Pine's options.

The Pine side is ``tests/data/pine/inputs.json`` (``devtools/pine_inputs.py`` derives it from the
published scripts: deepentropy/oakscriptJS ``docs/official/indicators_standard/``), so this runs
without the Pine folder. A study's script is the one the study gallery names: the script its
oracle port is written from (``tests/data/oracle/*.json``), else the script of the study's name.
Our input meets its Pine input by title (the aliases list TradingView's titles), else by Pine's
variable name, else through ``EXPLICIT``."""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

import pytest

from chart_export import studies
from chart_export.studies.spec import Input, StudySpec

ROOT = Path(__file__).resolve().parent.parent
TABLE = ROOT / "tests" / "data" / "pine" / "inputs.json"
ORACLE = ROOT / "tests" / "data" / "oracle"
PINE_FILE = re.compile(r"docs/official/indicators_standard/(.+?)\.pine")

# Being changed on other branches (their inputs); the lead removes this list after merging them.
OWNED_ELSEWHERE: tuple[str, ...] = ()  # none now

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

# Studies whose in_N are Chart-IMG's positions, not the published script's order: the workflow's
# templates (written for Chart-IMG) use them. Their titles, defaults and options are still checked;
# an entry whose positions come to equal the script's fails (remove it then).
CHART_IMG_POSITIONS = {
    "bbands": "the workflow's ctpl_price_ma1226_bb_macd1226_v1 sends in_0 = 20, in_1 = 2 (StdDev); "
              "the script declares length, Basis MA Type, Source, StdDev",
    "macd": "the workflow's ctpl_price_ma1226_bb_macd1226_v1 sends in_2 = 9 (signal), in_3 = 'close'; "
            "the script declares fast, slow, Source, Signal Smoothing",
    "directional_movement": "Chart-IMG's catalogue: in_0 DI Length, in_1 ADX Smoothing (the script declares "
                            "ADX Smoothing first; both default to 14)",
    "rsi": "Chart-IMG's positions: in_2, in_3 the smoothing type and length, in_4 BB StdDev (the script has "
           "Calculate Divergence at in_2, the smoothing at in_3..in_5)",
}

# Pine options a study refuses on purpose (the candles cannot give them).
REFUSED_OPTIONS = {
    ("vwap", "anchor"): ({"Earnings", "Dividends", "Splits"}, "corporate events the candles do not carry"),
    ("mtpc", "calc"): ({"OHLC"}, "the OHLC body box is not drawn (see multi_time_period_charts.py)"),
}


@cache
def pine() -> dict[str, dict]:
    return json.loads(TABLE.read_text())["scripts"]


@cache
def script_of() -> dict[str, str]:
    """kind -> the published script (file name without .pine) the study is drawn from."""
    ported: dict[str, str] = {}
    for path in sorted(ORACLE.glob("*.json")):
        doc = json.loads(path.read_text())
        spec = studies.lookup(doc["study"])
        found = PINE_FILE.search((ROOT / doc["port"]).read_text())
        if spec is not None and found:
            ported.setdefault(found.group(1), spec.kind)
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
    return sorted(k for k in script_of() if k not in OWNED_ELSEWHERE)


def test_the_table_is_the_published_scripts() -> None:
    doc = json.loads(TABLE.read_text())
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
    assert set(OWNED_ELSEWHERE) <= mapped


def check(spec: StudySpec) -> list[str]:
    """What differs between ``spec``'s inputs and its script's."""
    rows = pine()[script_of()[spec.kind]]["inputs"]
    problems = []
    held: dict[str, str] = {}
    for i in spec.inputs:
        for a in i.aliases:
            held.setdefault(a, i.key)
    matched: dict[str, int] = {}
    moved = []
    for i in spec.inputs:
        row = pine_input(spec, i)
        if row is None:
            clash = {n for n in positions(i) if n < len(rows)}
            if clash and spec.kind not in CHART_IMG_POSITIONS:
                problems.append(f"{i.key}: no Pine counterpart but answers to in_{sorted(clash)} (another input's)")
            continue
        n = row["index"]
        matched[i.key] = n
        if positions(i) != {n}:
            moved.append(f"{i.key}: in_{sorted(positions(i))}, Pine's {title(row['label'])!r} is in_{n}")
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
    if spec.kind in CHART_IMG_POSITIONS:
        if not moved:
            problems.append("in_N equal the script's: remove the study from CHART_IMG_POSITIONS")
    else:
        problems += moved
    return problems


@pytest.mark.parametrize("kind", pine_studies())
def test_inputs_are_the_scripts(kind: str) -> None:
    problems = check(studies.by_kind(kind))
    assert not problems, f"{studies.by_kind(kind).name} vs {script_of()[kind]}.pine:\n" + "\n".join(problems)


def test_the_check_finds_a_swap(monkeypatch) -> None:
    """Ease of Movement with in_0 and in_1 swapped (as it was) fails the check."""
    import dataclasses

    spec = studies.by_kind("eom")
    length, divisor = spec.inputs
    swapped = dataclasses.replace(spec, inputs=(
        dataclasses.replace(length, aliases=tuple("in_1" if a == "in_0" else a for a in length.aliases)),
        dataclasses.replace(divisor, aliases=tuple("in_0" if a == "in_1" else a for a in divisor.aliases),
                            default=100)))
    problems = check(swapped)
    assert any(p.startswith("length: in_[1]") for p in problems), problems
    assert any(p.startswith("divisor: in_[0]") for p in problems), problems
    assert "divisor: default 100, Pine's 10000" in problems, problems


@pytest.mark.parametrize("kind", sorted(OWNED_ELSEWHERE))
def test_owned_elsewhere_are_listed_until_merged(kind: str) -> None:
    assert studies.by_kind(kind) is not None
