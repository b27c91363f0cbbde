"""A stale worker can never touch a finished step's artifacts (Firestore emulator +
fake-gcs-server, in process).

Worker A claims with a short lease and stalls: one of its writes is held back in the store
(after A's own deadline check passed, as a request stuck in flight would be) until worker B
has reclaimed the step (attempt 2) and finalized it SUCCEEDED. Then A's write is let go.
Afterwards the manifest and every PNG it names still have B's generation and bytes, and no
object of A's claim is left under ``charts/<runId>/<stepId>/``.
"""

from __future__ import annotations

import threading
import time
from typing import Any

import pytest

from tests._contract import STEP_IDS, assert_valid, valid_run
from chart_export.errors import TransientError
from chart_export.runner import DirectoryTemplates, StepRunner
from chart_export.storage import GcsStore, StoredObject
from devtools.sample_data import candle_file

pytestmark = pytest.mark.emulator

LEASE_A = 3.0  # seconds; A's deadline is 0.5 s before that


class HeldStore(GcsStore):
    """Holds the first write whose name matches ``hold`` until ``gate`` is set."""

    def __init__(self, client: Any, bucket: str, hold: str) -> None:
        super().__init__(client, bucket)
        self.hold = hold
        self.gate = threading.Event()
        self.holding = threading.Event()
        self.outcome: list[str] = []

    def put(self, name: str, data: bytes, content_type: str, *, if_generation_match: int | None = None
            ) -> StoredObject:
        if self.hold in name and not self.holding.is_set():
            self.holding.set()
            assert self.gate.wait(60), "the test never released the held write"
            try:
                stored = super().put(name, data, content_type, if_generation_match=if_generation_match)
            except Exception as exc:
                self.outcome.append(f"refused: {type(exc).__name__}")
                raise
            self.outcome.append("landed")
            return stored
        return super().put(name, data, content_type, if_generation_match=if_generation_match)


def _snapshot(gcs_client: Any, bucket: str, prefix: str) -> dict[str, tuple[int, bytes]]:
    return {b.name: (b.generation, b.download_as_bytes()) for b in gcs_client.list_blobs(bucket, prefix=prefix)}


@pytest.mark.parametrize("held", ["png", "manifest"])
def test_a_stale_worker_cannot_change_or_litter_a_finished_step(firestore_client, gcs_client, charts_bucket,
                                                                run_id, held):
    step_id = STEP_IDS[0]
    candles = f"runs/{run_id}/1M.json"
    gcs_client.bucket("artifacts-test").blob(candles).upload_from_string(candle_file(120, timeframe="1M"))
    firestore_client.collection("flow_runs").document(run_id).set(
        valid_run(run_id, step_id, candle_uri=f"gs://artifacts-test/{candles}"))
    prefix = f"charts/{run_id}/{step_id}/"

    store_a = HeldStore(gcs_client, charts_bucket, ".png" if held == "png" else "manifest.json")
    worker_a = StepRunner(documents=firestore_client, store=store_a, templates=DirectoryTemplates(None),
                          lease_seconds=LEASE_A, owner="worker-a")
    result_a: dict[str, Any] = {}

    def run_a() -> None:
        try:
            result_a["outcome"] = worker_a.process(run_id, step_id, event_id="evt-a")
        except TransientError as exc:
            result_a["raised"] = exc

    thread = threading.Thread(target=run_a, daemon=True)
    thread.start()
    assert store_a.holding.wait(30), "worker A never reached its write"
    time.sleep(LEASE_A + 0.2)  # A's lease runs out while its write hangs

    worker_b = StepRunner(documents=firestore_client, store=GcsStore(gcs_client, charts_bucket),
                          templates=DirectoryTemplates(None), lease_seconds=60, owner="worker-b")
    outcome_b = worker_b.process(run_id, step_id, event_id="evt-b")
    assert (outcome_b.status, outcome_b.reason) == ("SUCCEEDED", "finalized")
    step = firestore_client.collection("flow_runs").document(run_id).get().to_dict()["steps"][step_id]
    assert step["outputs"]["execution"]["lease"]["attempt"] == 2
    after_b = _snapshot(gcs_client, charts_bucket, prefix)
    manifest_name = step["outputs"]["gcs_uri"].removeprefix(f"gs://{charts_bucket}/")
    import json

    named = {manifest_name} | {i["png_gcs_uri"].removeprefix(f"gs://{charts_bucket}/")
                               for i in json.loads(after_b[manifest_name][1])["items"]}
    assert set(after_b) == named

    store_a.gate.set()  # A's held write goes through now, long after B finished
    thread.join(60)
    assert not thread.is_alive()
    assert "raised" in result_a, result_a  # A stopped: its lease deadline had passed
    if held == "manifest":
        assert store_a.outcome == ["refused: PreconditionLost"]  # Cloud Storage refused A's manifest
    else:
        assert store_a.outcome == ["landed"]  # A's PNG landed in A's own claim folder...

    final = _snapshot(gcs_client, charts_bucket, prefix)
    assert final == after_b  # ...and is gone again; B's objects: same generations, same bytes
    assert_valid(firestore_client.collection("flow_runs").document(run_id).get().to_dict(), "stale worker")
