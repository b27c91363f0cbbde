"""Nothing fabricated: Google's Firestore emulator itself delivers the write events (through
the dev relay) to functions-framework serving main.py. Writing a READY step is all it takes."""

from __future__ import annotations

import json
import os
import time
import uuid

import pytest

from devtools.emulators import start_firestore, start_function
from devtools.relay import Relay, register_trigger
from devtools.sample_data import candle_file, flow_run

pytestmark = [pytest.mark.emulator, pytest.mark.slow]

PROJECT = "demo-delivery"


@pytest.fixture()
def delivering_stack(server_logs, fake_gcs, gcs_client, charts_bucket):
    relay = Relay(asynchronous=True, max_attempts=4, backoff_s=0.5).start()
    firestore = start_firestore(server_logs, functions_emulator=relay.host_port)
    function = None
    try:
        function = start_function(server_logs, env={
            "CHARTS_BUCKET": charts_bucket, "GOOGLE_CLOUD_PROJECT": PROJECT,
            "FIRESTORE_EMULATOR_HOST": firestore.host_port, "STORAGE_EMULATOR_HOST": fake_gcs.url,
        })
        relay.target_url = function.url
        register_trigger(firestore.host_port, PROJECT, "worker-chart-export")
        yield relay, firestore, function
    finally:
        if function is not None:
            function.stop()
        firestore.stop()
        relay.stop()


def _log(function) -> list[dict]:
    entries = []
    for line in function.log_path.read_text(errors="replace").splitlines():
        try:
            entries.append(json.loads(line))
        except ValueError:
            pass
    return entries


def test_ready_step_written_to_the_emulator_ends_succeeded(delivering_stack, gcs_client, charts_bucket):
    from google.cloud import firestore as fs

    relay, firestore, function = delivering_stack
    old_host = os.environ.get("FIRESTORE_EMULATOR_HOST")
    os.environ["FIRESTORE_EMULATOR_HOST"] = firestore.host_port
    try:
        db = fs.Client(project=PROJECT)
        run_id = f"20251215-102530_BTCUSDT_{uuid.uuid4().hex[:6]}"
        gcs_client.bucket("artifacts-test").blob(f"{run_id}.json").upload_from_string(candle_file(500, timeframe="1h"))
        step_id = "charts:1h:all_builtins_v1"
        doc = flow_run(run_id, candle_uri=f"gs://artifacts-test/{run_id}.json", timeframe="1h",
                       chart_status="PENDING", chart_step_ids=(step_id,))
        ref = db.collection("flow_runs").document(run_id)
        ref.set(doc)
        ref.update({f"steps.`{step_id}`.status": "READY"})  # the orchestrator's move; nothing else

        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            step = ref.get().to_dict()["steps"][step_id]
            if step["status"] in ("SUCCEEDED", "FAILED"):
                break
            time.sleep(0.2)
        assert step["status"] == "SUCCEEDED", (step, function.log_path.read_text()[-3000:])
        assert len(list(gcs_client.list_blobs(charts_bucket, prefix=f"charts/{run_id}/"))) == 6

        # our own two writes (claim, finalize) come back as events too: they must be no-ops
        assert relay.wait_settled(4, timeout=30), relay.stats()
        time.sleep(0.5)
        entries = [e for e in _log(function) if e.get("runId") == run_id]
        events = [e.get("event") for e in entries]
        assert events.count("step_claimed") == 1 and events.count("step_finalized") == 1, events
        ignored = [e for e in entries if e.get("event") == "event_ignored"]
        assert len(ignored) >= 3 and all(e["reason"] == "no_eligible_step" for e in ignored)
        assert relay.stats()["failed"] == 0
    finally:
        if old_host is not None:
            os.environ["FIRESTORE_EMULATOR_HOST"] = old_host
