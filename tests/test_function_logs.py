"""The handler's log lines for decisions users must see (no emulator: the fast path only)."""

from __future__ import annotations

import json

import pytest

from chart_export import function, logs
from tests._cloudevents import binary_protobuf, run_document, to_cloudevent

RUN_ID = "20251215-102530_BTCUSDT_k3f7a"


def _lines(capsys: pytest.CaptureFixture[str]) -> list[dict]:
    return [json.loads(line) for line in capsys.readouterr().out.splitlines() if line.startswith("{")]


def _handle(doc: dict, **attrs) -> None:
    function.handle_cloud_event(to_cloudevent(*binary_protobuf(RUN_ID, doc, doc, **attrs)))


@pytest.fixture(autouse=True)
def _json_logs() -> None:
    logs.configure("INFO")


def _run_with_a_missing_dependency() -> dict:
    doc = run_document(3, chart_status="READY")
    chart_id = next(sid for sid, s in doc["steps"].items() if s["stepType"] == "CHART_EXPORT")
    doc["steps"][chart_id]["dependsOn"] = [doc["steps"][chart_id]["dependsOn"][0], "ohlcv_export:gone"]
    return doc


def test_a_ready_step_with_a_missing_dependency_warns_on_every_event(capsys) -> None:
    """It can never run: a WARNING naming the missing dependency, each time an event shows it."""
    doc = _run_with_a_missing_dependency()
    for _ in range(3):
        _handle(doc)
    warnings = [line for line in _lines(capsys) if line.get("event") == "step_blocked"]
    assert len(warnings) == 3
    for line in warnings:
        assert line["severity"] == "WARNING" and line["reason"] == "missing_dependency"
        assert line["missing"] == ["ohlcv_export:gone"]
        assert "'ohlcv_export:gone'" in line["message"]


def test_a_step_waiting_for_a_running_dependency_stays_info(capsys) -> None:
    doc = run_document(3, chart_status="READY")
    doc["steps"]["ohlcv_export:1M"]["status"] = "RUNNING"
    _handle(doc)
    blocked = [line for line in _lines(capsys) if line.get("event") == "step_blocked"]
    assert [(b["severity"], b["reason"]) for b in blocked] == [("INFO", "dependencies")]
