"""Every key the catalogue prints for a study input (its canonical key, which the manifest's
``meta.studies[].inputs`` also prints, and each alias: TradingView titles, script names, ``in_N``)
sets that input in a template, and only that input: the value is used, not silently defaulted,
and no other input moves with it."""

from __future__ import annotations

import pytest

from chart_export import studies
from chart_export.errors import StepFailure
from chart_export.studies.spec import SOURCES, Input, StudySpec
from chart_export.templates import TemplateError, parse_template


# Inputs whose only other value is refused with a message (never silently): the key is still read.
REFUSED = {("performance", "include_current"): "a chart has one symbol's candles: the chart symbol's row stays on"}


def _within(i: Input, v: float) -> bool:
    if i.minimum is not None and (v <= i.minimum if i.exclusive_minimum else v < i.minimum):
        return False
    return i.maximum is None or v <= i.maximum


def _text_ok(i: Input, v: str) -> bool:
    try:
        return i.check is None or i.check(v) == v
    except ValueError:
        return False


def candidates(i: Input) -> list:
    """Valid values other than the default, in the order tried."""
    d = i.default
    if i.type == "bool":
        return [not d]
    if i.type == "source":
        return [s for s in SOURCES if s != d]
    if i.type == "choice":
        return sorted({v for v in (i.choices or {}).values() if v and v != d}, key=str)
    if i.type == "colour":
        return [c for c in ("#123456", "#65432180") if c != str(d).lower()]
    if d is None:  # an optional number (Envelopes' lower percentage: None follows another input)
        return [v for v in (1, 2.5) if _within(i, v)]
    if i.type == "int":
        return [v for v in (d + 1, d - 1, d + 2, d * 2) if v != d and _within(i, v)]
    if i.type == "string":  # the texts its check accepts (a session string, a time zone, a name, a timeframe)
        return [v for v in ("Name", "0800-1200", "UTC+1", "Europe/Paris", "120", "1W") if v != d and _text_ok(i, v)]
    return [v for v in (d + 0.25, d - 0.25, d * 0.5, d * 1.5, 1.0) if v != d and _within(i, v)]


def text_for(i: Input, value):
    """What a template writes for ``value`` (a choice: a text that resolves to it)."""
    if i.type != "choice":
        return value
    keys = [k for k, v in (i.choices or {}).items() if v == value and k]
    return value if value.lower() in (i.choices or {}) else keys[0]


def parsed(spec: StudySpec, key: str, value):
    doc = {"request": {"studies": [{"name": spec.name, "input": {key: value}}]}}
    return parse_template(doc, template_id="t")


def keys_of(i: Input) -> list[str]:
    return list(dict.fromkeys((i.key, *i.aliases)))


SPECS = sorted(studies.studies().values(), key=lambda s: s.kind)


@pytest.mark.parametrize("spec", SPECS, ids=[s.kind for s in SPECS])
def test_every_printed_key_sets_its_input(spec: StudySpec) -> None:
    defaults = {i.key: i.default for i in spec.inputs}
    problems = []
    checked = 0
    for i in spec.inputs:
        if (spec.kind, i.key) in REFUSED:
            for key in keys_of(i):
                for value in candidates(i):
                    with pytest.raises(StepFailure, match="cannot"):
                        parsed(spec, key, text_for(i, value))
            continue
        for key in keys_of(i):
            for value in candidates(i):
                try:
                    t = parsed(spec, key, text_for(i, value))
                except (StepFailure, TemplateError):
                    continue  # this value does not go with the other defaults (spec.check): try another
                got = t.studies[0].inputs
                meta = t.studies[0].to_meta()["inputs"]
                if got[i.key] != value or meta[i.key] != value:
                    problems.append(f"{key!r} = {value!r} gave {i.key} = {got[i.key]!r}")
                moved = {k: got[k] for k in defaults if k != i.key and got[k] != defaults[k]}
                if moved:
                    problems.append(f"{key!r} also set {moved}")
                if t.ignored_keys:
                    problems.append(f"{key!r} was ignored: {t.ignored_keys}")
                checked += 1
                break
            else:
                problems.append(f"{key!r}: no valid value other than the default {i.default!r} was accepted")
    assert checked == sum(len(keys_of(i)) for i in spec.inputs if (spec.kind, i.key) not in REFUSED) or problems
    assert not problems, f"{spec.name}:\n" + "\n".join(problems)


def test_the_check_sees_a_key_shared_by_two_inputs(monkeypatch) -> None:
    """Two inputs answering to one key both move: the test above names it."""
    import dataclasses

    spec = studies.by_kind("eom")
    length, divisor = spec.inputs
    shared = dataclasses.replace(spec, inputs=(length, dataclasses.replace(divisor, aliases=(*divisor.aliases, "Length"))))
    monkeypatch.setattr(studies, "lookup", lambda name: shared)
    with pytest.raises(AssertionError, match="'Length' also set"):
        test_every_printed_key_sets_its_input(shared)
