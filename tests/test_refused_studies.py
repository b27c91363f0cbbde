"""Studies that need more than one symbol's candles (issue 14): a template naming one fails
with STUDY_NEEDS_OTHER_DATA and a message saying what is missing, per chart; check-template
says the same (exit 2); none of them is drawn."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from chart_export import studies
from chart_export.cli import main
from chart_export.errors import ErrorCode, StepFailure
from chart_export.studies._refused import NEEDS
from chart_export.templates import parse_template

CASES = {
    "Correlation Coefficient": "a second symbol's candles",
    "Ratio": "a second symbol's candles",
    "Spread": "a second symbol's candles",
    "Compare": "a second symbol's candles",
    "Overlay": "a second symbol's candles",
    "Advance/Decline Line": "market breadth",
    "Advance Decline Ratio": "market breadth",
    "Cumulative Volume Index": "market breadth",
    "Open Interest": "open interest",
    "Price Target": "analysts' price targets",
    "Up/Down Volume": "lower-timeframe volume",
    "Volume Delta": "lower-timeframe volume",
    "cumulative  volume delta": "lower-timeframe volume",
    "Net Volume": "lower-timeframe volume",
}


def refuse(name: str) -> StepFailure:
    doc = {"request": {"studies": [{"name": "RSI"}, {"name": name, "input": {"length": 20}}]}}
    with pytest.raises(StepFailure) as info:
        parse_template(doc, template_id="t")
    return info.value


@pytest.mark.parametrize(("name", "missing"), CASES.items())
def test_refused_with_its_own_code_and_what_is_missing(name, missing):
    err = refuse(name)
    assert err.code == ErrorCode.STUDY_NEEDS_OTHER_DATA == "STUDY_NEEDS_OTHER_DATA"
    assert f"request.studies[1]: study {name!r} needs {missing}" in err.message
    assert "one symbol's candles" in err.message
    assert err.details["study"] == name and err.details["field"] == "request.studies[1].name"
    assert missing in err.details["needs"]


@pytest.mark.parametrize("name", sorted(NEEDS))
def test_no_refused_name_is_drawn(name):
    assert studies.lookup(name) is None
    assert refuse(name).code == ErrorCode.STUDY_NEEDS_OTHER_DATA


def test_a_misspelt_study_is_still_unknown():
    with pytest.raises(StepFailure) as info:
        parse_template({"request": {"studies": [{"name": "Corelation Coeficient"}]}}, template_id="t")
    assert info.value.code == ErrorCode.UNKNOWN_STUDY


def test_check_template_says_the_same(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    path = tmp_path / "t.json"
    path.write_text(json.dumps({"id": "ctpl_x", "request": {"studies": [
        {"name": "Correlation Coefficient"}, {"name": "Volume Delta"}, {"name": "RSI"}]}}))
    assert main(["check-template", str(path)]) == 2
    out = capsys.readouterr()
    assert "2 problems" in out.err
    assert "STUDY_NEEDS_OTHER_DATA: template ctpl_x: request.studies[0]: study 'Correlation Coefficient' needs " \
           "a second symbol's candles" in out.out
    assert "STUDY_NEEDS_OTHER_DATA: template ctpl_x: request.studies[1]: study 'Volume Delta' needs " \
           "lower-timeframe volume" in out.out


def test_the_error_code_is_documented():
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text()
    assert "| `STUDY_NEEDS_OTHER_DATA` |" in readme
