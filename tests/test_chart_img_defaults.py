"""Chart-IMG's documented defaults where ours (TradingView v6's) differ: the table
``check-template`` reads is the whole documented catalogue's difference, and each of its keys
draws Chart-IMG's value."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from chart_export import cli, studies
from chart_export.studies._chart_img import CHART_IMG_DEFAULTS, default_notes
from chart_export.templates import Problems, parse_template
from tests._chart_img import defaults
from tests._studies import series

CHART_IMG = defaults()  # name -> {input key: documented default}


def _inputs(name: str, raw: dict) -> dict:
    doc = {"request": {"studies": [{"name": name, "input": raw}]}}
    return parse_template(doc, template_id="t", problems=Problems(collect=True)).studies[0].inputs


def _ours(name: str) -> dict:
    return {i.key: i.default for i in studies.lookup(name).inputs}


def test_the_table_is_every_documented_default_that_differs() -> None:
    differs = {studies.lookup(name).kind for name, raw in CHART_IMG.items()
               if name != "Net Volume" and _inputs(name, raw) != _ours(name)}
    assert differs == set(CHART_IMG_DEFAULTS)
    assert len(differs) == 11  # the 9 studies of issue 16's note, MA / EMA / OBV counted apart


@pytest.mark.parametrize("name", [n for n in CHART_IMG if n != "Net Volume" and studies.lookup(n).kind in CHART_IMG_DEFAULTS])
def test_its_keys_draw_chart_img_s_documented_inputs(name: str) -> None:
    spec, table = studies.lookup(name), CHART_IMG_DEFAULTS[studies.lookup(name).kind]
    c = series("trend")
    drawn = spec.run(c, _inputs(name, {key: value for key, value in table.values()}))
    documented = spec.run(c, _inputs(name, CHART_IMG[name]))  # Envelopes: the lower band follows in_1
    assert drawn.keys() == documented.keys()
    for key in drawn:
        np.testing.assert_array_equal(drawn[key], documented[key])
    for k, (_, value) in table.items():
        assert _ours(name)[k] != value  # each entry is a real difference


def test_a_note_only_for_inputs_left_at_v6_s_default() -> None:
    ours = _ours("Williams Alligator")
    notes = default_notes("alligator", "Williams Alligator", ours, ours)
    assert notes == ["Williams Alligator draws TradingView v6's defaults jaw_length 13, teeth_length 8, lips_length 5; "
                     'Chart-IMG documents 21, 13, 8 (set "in_0": 21, "in_1": 13, "in_2": 8 to draw Chart-IMG\'s)']
    assert default_notes("alligator", "Williams Alligator", {**ours, "jaw_length": 30}, ours)[0].count("_length") == 2
    assert default_notes("alligator", "Williams Alligator", {**ours, "jaw_length": 21, "teeth_length": 13, "lips_length": 8}, ours) == []
    assert default_notes("rsi", "Relative Strength Index", _ours("RSI"), _ours("RSI")) == []


def test_check_template_prints_them(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "t.json"
    path.write_text(json.dumps({"id": "t", "request": {"studies": [
        {"name": "Williams Alligator"}, {"name": "Keltner Channels", "input": {"in_2": 1}}, {"name": "MA Cross"}]}}))
    assert cli.main(["check-template", str(path)]) == 0
    notes = [line for line in capsys.readouterr().out.splitlines() if line.startswith("note: ")]
    assert [n.split(" draws ")[0] for n in notes] == ["note: Williams Alligator", "note: MA Cross"]
    assert '"in_1": 26' in notes[1]


def test_check_template_notes_no_input_the_template_sets_by_any_key(tmp_path: Path,
                                                                     capsys: pytest.CaptureFixture[str]) -> None:
    """An input the template sets (Chart-IMG's ``in_N``, a Pine title or name), even to v6's
    default, drew that value on Chart-IMG too: no note for it, only for the ones left out."""
    path = tmp_path / "t.json"
    path.write_text(json.dumps({"id": "t", "request": {"studies": [
        {"name": "Williams Alligator", "input": {"in_0": 13, "Teeth Length": 8}},
        {"name": "MA Cross", "input": {"in_1": 21}}]}}))
    assert cli.main(["check-template", str(path)]) == 0
    notes = [line for line in capsys.readouterr().out.splitlines() if line.startswith("note: ")]
    assert notes == ["note: Williams Alligator draws TradingView v6's default lips_length 5; Chart-IMG documents 8 "
                     '(set "in_2": 8 to draw Chart-IMG\'s)']
