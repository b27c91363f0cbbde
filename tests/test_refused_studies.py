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


def test_a_refused_study_fails_its_chart_only(tmp_path: Path):
    """Through the step runner (run-local): the chart naming Correlation Coefficient is a
    per-chart failure with the code; the other chart is drawn and the step succeeds."""
    from devtools.sample_data import candle_file, flow_run

    candles = tmp_path / "candles.json"
    candles.write_bytes(candle_file(300, timeframe="1d"))
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "ctpl_pair_v1.json").write_text(json.dumps(
        {"id": "ctpl_pair_v1", "description": "pair", "request": {"studies": [{"name": "Correlation Coefficient"}]}}))
    (templates / "ctpl_rsi_v1.json").write_text(json.dumps(
        {"id": "ctpl_rsi_v1", "description": "rsi", "request": {"studies": [{"name": "RSI"}]}}))
    run = tmp_path / "run.json"
    run.write_text(json.dumps(flow_run("20251215-102530_BTCUSDT_k3f7a", candle_uri="gs://x/c.json",
                                       templates=("ctpl_pair_v1", "ctpl_rsi_v1"), min_images=1)))
    out = tmp_path / "out"
    assert main(["run-local", "--flow-run", str(run), "--candles", str(candles), "--out", str(out),
                 "--templates", str(templates)]) == 0
    step = json.loads((out / "flow_run.json").read_text())["steps"]["charts:1d:all_builtins_v1"]
    assert step["status"] == "SUCCEEDED"
    manifest = json.loads(next(out.rglob("manifest.json")).read_text())
    assert [i["chartTemplateId"] for i in manifest["items"]] == ["ctpl_rsi_v1"]
    [failure] = manifest["failures"]
    assert failure["request"]["chartTemplateId"] == "ctpl_pair_v1"
    assert failure["error"]["code"] == "STUDY_NEEDS_OTHER_DATA"
    assert "needs a second symbol's candles" in failure["error"]["message"]
