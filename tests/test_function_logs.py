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
def _json_logs(monkeypatch: pytest.MonkeyPatch) -> None:
    logs.configure("INFO")
    monkeypatch.setattr(function, "_settings", None)  # the project comes from the event here


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


# --- trace correlation ------------------------------------------------------------------------

TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736"
SPAN = "00f067aa0ba902b7"
TRACEPARENT = f"00-{TRACE_ID}-{SPAN}-01"
TRACE_KEY, SPAN_KEY = "logging.googleapis.com/trace", "logging.googleapis.com/spanId"


def _noisy_run() -> dict:
    """A run whose event logs several lines on the fast path (a blocked step, a malformed one)."""
    doc = _run_with_a_missing_dependency()
    doc["steps"]["charts:broken"] = {"stepType": "CHART_EXPORT", "status": "READY", "dependsOn": "not-a-list"}
    return doc


def test_every_line_of_an_event_carries_its_trace_from_the_ce_traceparent_attribute(capsys) -> None:
    _handle(_noisy_run(), extra_headers={"ce-traceparent": TRACEPARENT}, project="proj-1")
    lines = _lines(capsys)
    assert len(lines) >= 3
    assert {line[TRACE_KEY] for line in lines} == {f"projects/proj-1/traces/{TRACE_ID}"}
    assert {line[SPAN_KEY] for line in lines} == {SPAN}
    assert all(line["logging.googleapis.com/trace_sampled"] is True for line in lines)
    location = lines[0]["logging.googleapis.com/sourceLocation"]
    assert location["file"].endswith("chart_export/function.py") and location["line"] > 0 and location["function"]


def test_the_http_traceparent_header_and_cloud_runs_header_are_used_too(capsys) -> None:
    doc = _noisy_run()
    event = to_cloudevent(*binary_protobuf(RUN_ID, doc, doc, project="proj-2"))
    function.handle_cloud_event(event, headers={"Traceparent": TRACEPARENT})
    assert {line[TRACE_KEY] for line in _lines(capsys)} == {f"projects/proj-2/traces/{TRACE_ID}"}
    function.handle_cloud_event(event, headers={"X-Cloud-Trace-Context": f"{TRACE_ID.upper()}/12345;o=0"})
    lines = _lines(capsys)
    assert {(line[TRACE_KEY], line[SPAN_KEY], line["logging.googleapis.com/trace_sampled"]) for line in lines} == {
        (f"projects/proj-2/traces/{TRACE_ID}", f"{12345:016x}", False)}


def test_two_events_two_traces_and_nothing_leaks_after_the_event(capsys) -> None:
    other = "0af7651916cd43dd8448eb211c80319c"
    _handle(_noisy_run(), extra_headers={"ce-traceparent": TRACEPARENT}, project="p")
    _handle(_noisy_run(), extra_headers={"ce-traceparent": f"00-{other}-b7ad6b7169203331-00"}, project="p")
    by_event: dict[str, set] = {}
    for line in _lines(capsys):
        by_event.setdefault(line["eventId"], set()).add(line[TRACE_KEY])
    assert sorted(map(len, by_event.values())) == [1, 1]
    assert {t for traces in by_event.values() for t in traces} == {f"projects/p/traces/{TRACE_ID}",
                                                                   f"projects/p/traces/{other}"}
    logging_line = __import__("logging").getLogger("chart_export.test")
    logging_line.warning("after the event")
    assert TRACE_KEY not in _lines(capsys)[0]


def test_no_trace_header_no_trace_field(capsys) -> None:
    _handle(_noisy_run())
    assert all(TRACE_KEY not in line for line in _lines(capsys))
