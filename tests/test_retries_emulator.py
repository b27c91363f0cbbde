"""Retries that end, and redelivery only when it is needed — on the emulators, with events
delivered the way Eventarc would.

* Storage down for the whole test: Google's Firestore emulator delivers every write (the
  orchestrator's and our own) through the dev relay, which redelivers 5xx answers with
  back-off like Eventarc's ``--retry``. The step ends FAILED with ``ATTEMPTS_EXHAUSTED`` after
  ``CHART_EXPORT_MAX_ATTEMPTS`` attempts, and the run-document writes are counted: bounded.
* Storage back before the limit: SUCCEEDED.
* A step held by a live claim: the claiming event's own redelivery gets 503 (a WARNING line);
  any other event gets 200 with a logged reason; never an ERROR or a stack trace.
"""

from __future__ import annotations

import os
import socket
import time
import uuid
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest

from chart_export.timeutil import rfc3339, utc_now
from devtools.emulators import start_fake_gcs, start_firestore, start_function
from devtools.relay import Relay, register_trigger
from devtools.sample_data import candle_file
from tests import _cloudevents as ce
from tests._contract import STEP_IDS, assert_valid, valid_run
from tests._harness import events, post, raw_text, read_log, start_function_server, storage_client_at

pytestmark = [pytest.mark.emulator, pytest.mark.slow]

PROJECT = "demo-retries"
MAX_ATTEMPTS = 3
BUCKET = "chart-export-retries"


def _dead_url() -> str:
    """A loopback URL where nothing listens: storage is down."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return f"http://127.0.0.1:{port}"


class Stack:
    def __init__(self, log_dir, storage_url: str) -> None:
        self.relay = Relay(asynchronous=True, max_attempts=40, backoff_s=0.3).start()
        self.firestore = start_firestore(log_dir, functions_emulator=self.relay.host_port)
        self.function = start_function(log_dir, env={
            "CHARTS_BUCKET": f"gs://{BUCKET}", "GOOGLE_CLOUD_PROJECT": PROJECT,
            "FIRESTORE_EMULATOR_HOST": self.firestore.host_port, "STORAGE_EMULATOR_HOST": storage_url,
            "CHART_EXPORT_MAX_ATTEMPTS": str(MAX_ATTEMPTS), "CHART_EXPORT_RETRY_BASE_SECONDS": "0.5",
            "CHART_EXPORT_LEASE_SECONDS": "60",
        })
        self.relay.target_url = self.function.url
        register_trigger(self.firestore.host_port, PROJECT, "worker-chart-export")

    def client(self) -> Any:
        from google.cloud import firestore

        old = os.environ.get("FIRESTORE_EMULATOR_HOST")
        os.environ["FIRESTORE_EMULATOR_HOST"] = self.firestore.host_port
        try:
            return firestore.Client(project=PROJECT)
        finally:
            if old is not None:
                os.environ["FIRESTORE_EMULATOR_HOST"] = old

    def stop(self) -> None:
        self.function.stop()
        self.firestore.stop()
        self.relay.stop()


def _start_run(db: Any, step_id: str, candle_uri: str) -> tuple[str, Any]:
    run_id = f"20251215-102530_BTCUSDT_{uuid.uuid4().hex[:6]}"
    doc = valid_run(run_id, step_id, candle_uri=candle_uri, status="PENDING")
    ref = db.collection("flow_runs").document(run_id)
    ref.set(doc)
    ref.update({f"steps.`{step_id}`.status": "READY"})  # the orchestrator's move
    return run_id, ref


def _wait_final(ref: Any, step_id: str, timeout: float) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        step = ref.get().to_dict()["steps"][step_id]
        if step["status"] in ("SUCCEEDED", "FAILED"):
            return step
        time.sleep(0.2)
    raise AssertionError(f"step still {step['status']} after {timeout} s: {step}")


def test_storage_down_throughout_ends_failed_after_bounded_writes(server_logs):
    stack = Stack(server_logs / "retries-down", _dead_url())
    try:
        db = stack.client()
        step_id = STEP_IDS[1]
        run_id, ref = _start_run(db, step_id, "gs://artifacts-test/never-readable.json")
        step = _wait_final(ref, step_id, timeout=150)
        assert step["status"] == "FAILED", step
        assert step["error"]["code"] == "ATTEMPTS_EXHAUSTED"
        attempts = step["error"]["details"]["attempts"]
        assert [a["attempt"] for a in attempts] == list(range(1, MAX_ATTEMPTS + 1))
        assert all(a["outcome"] in {"released", "transient_failure"} and "unavailable" in a["reason"]
                   for a in attempts), attempts
        assert_valid(ref.get().to_dict(), "ATTEMPTS_EXHAUSTED")

        time.sleep(3)  # let every event our writes caused reach the function and settle
        writes = [r for r in stack.relay.records if r.document == f"flow_runs/{run_id}"]
        ours = len(writes) - 2  # the orchestrator's set and READY update
        # one claim per attempt, one release between attempts, one final write
        assert ours == 2 * MAX_ATTEMPTS, [r.event_id for r in writes]
        lines = [e for e in read_log(stack.function.log_path) if e.get("runId") == run_id]
        assert len(events(lines, "step_claimed")) == MAX_ATTEMPTS
        assert "Traceback" not in raw_text(stack.function.log_path)
    finally:
        stack.stop()


@pytest.fixture()
def gcs_instance(server_logs) -> Iterator[Any]:
    server = start_fake_gcs(server_logs / "retries-gcs")
    try:
        yield server
    finally:
        server.stop()


def test_storage_back_before_the_limit_succeeds(server_logs, gcs_instance):
    """Storage refuses every connection for the first attempt, then comes back (same port)."""
    url = gcs_instance.url
    client = storage_client_at(url)
    for bucket in (BUCKET, "artifacts-test"):
        client.create_bucket(bucket)
    client.bucket("artifacts-test").blob("c.json").upload_from_string(candle_file(120, timeframe="1M"))
    port, data_dir = gcs_instance.port, gcs_instance.data_dir
    gcs_instance.stop(keep_data=True)  # down: the first attempt fails and releases its claim
    stack = Stack(server_logs / "retries-back", url)
    try:
        db = stack.client()
        step_id = STEP_IDS[0]
        run_id, ref = _start_run(db, step_id, "gs://artifacts-test/c.json")
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            attempts = (ref.get().to_dict()["steps"][step_id].get("outputs", {}).get("execution") or {}).get(
                "attempts", [])
            if attempts and attempts[0].get("outcome") == "released":
                break
            time.sleep(0.2)
        else:
            raise AssertionError("the first attempt never released its claim")
        restarted = start_fake_gcs(server_logs / "retries-gcs", port=port, data_dir=data_dir)
        try:
            step = _wait_final(ref, step_id, timeout=90)
            assert step["status"] == "SUCCEEDED", step
            history = step["outputs"]["execution"]["attempts"]
            assert 2 <= len(history) <= MAX_ATTEMPTS and history[-1]["outcome"] == "SUCCEEDED"
            assert_valid(ref.get().to_dict(), "SUCCEEDED after an outage")
        finally:
            restarted.stop()
    finally:
        stack.stop()


def test_busy_step_asks_for_redelivery_only_for_the_claiming_event(server_logs, firestore_emulator, firestore_client,
                                                                    fake_gcs, charts_bucket, run_id):
    """The step is held by a live claim that event X made. X's redelivery: 503 and a WARNING
    (X's invocation may yet die; this chain is the step's lifeline). Event Y (a sibling's or
    the orchestrator's write): 200 and an INFO line naming the reason. No ERROR, no trace."""
    step_id = STEP_IDS[0]
    ready = valid_run(run_id, step_id, candle_uri="gs://artifacts-test/none.json")
    held = valid_run(run_id, step_id, candle_uri="gs://artifacts-test/none.json", status="RUNNING")
    held["steps"][step_id]["outputs"]["execution"] = {
        "lease": {"token": "t" * 32, "owner": "other-worker", "attempt": 1, "eventId": "evt-X",
                  "claimedAt": rfc3339(utc_now(), millis=True),
                  "expiresAt": rfc3339(utc_now() + timedelta(minutes=5), millis=True)},
        "attempts": [{"attempt": 1, "claimedAt": rfc3339(utc_now(), millis=True), "eventId": "evt-X"}]}
    firestore_client.collection("flow_runs").document(run_id).set(held)
    server = start_function_server(server_logs / "busy", firestore_host=firestore_emulator.host_port,
                                   storage_url=fake_gcs.url, bucket=charts_bucket)
    try:
        # both events carry the document as it was when they were written: the step READY
        assert post(server.url, ce.binary_protobuf(run_id, ready, event_id="evt-X")) == 503
        assert post(server.url, ce.binary_protobuf(run_id, ready, event_id="evt-Y")) == 200
        lines = [e for e in read_log(server.log_path) if e.get("runId") == run_id]
        busy = events(lines, "step_busy")
        assert [(e["eventId"], e["severity"], e["reason"]) for e in busy] == [
            ("evt-X", "WARNING", "held_by_this_event"), ("evt-Y", "INFO", "held_by_other_event")]
        assert not [e for e in read_log(server.log_path) if e.get("severity") in {"ERROR", "CRITICAL"}]
        assert "Traceback" not in raw_text(server.log_path)
        assert firestore_client.collection("flow_runs").document(run_id).get().to_dict() == held  # untouched
    finally:
        server.stop()
