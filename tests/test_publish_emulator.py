"""The publish protocol (``chart_export.publish``) on the real emulators: a final step's bytes
never change and never vanish, whatever a stale, slow, rerun-overtaken or confused worker does.

Each scenario drives real workers (``StepRunner`` on the Firestore emulator and fake-gcs-server)
and asserts on the generations and bytes of every object under ``charts/<runId>/<stepId>/`` and
on the document, before and after the stale worker acts. Faults are injected where the network
would put them: a write held in flight, a claim answer that comes back late, a commit whose
answer is an error, a listing that fails.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from typing import Any

import pytest
from google.api_core import exceptions as api
from google.cloud.firestore_v1.document import DocumentReference

from chart_export.errors import TransientError
from chart_export.publish import CleanupIncomplete, LeaseExpired
from chart_export.runner import DirectoryTemplates, StepRunner
from chart_export.storage import GcsStore, StoredObject
from devtools.sample_data import candle_file
from tests import _cloudevents as ce
from tests._contract import STEP_IDS, assert_valid, valid_run

pytestmark = pytest.mark.emulator

STEP = STEP_IDS[0]
CANDLES = "artifacts-test"


# ----------------------------------------------------------------------------------------
# helpers


class HeldStore(GcsStore):
    """Holds the first write whose name contains ``hold`` until ``gate`` is set (a request stuck
    in flight: it was sent before its worker's fence and lands whenever the network lets it)."""

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


def _setup(firestore_client: Any, gcs_client: Any, run_id: str, step_id: str = STEP, **kwargs: Any) -> Any:
    candles = f"runs/{run_id}/1M.json"
    gcs_client.bucket(CANDLES).blob(candles).upload_from_string(candle_file(120, timeframe="1M"))
    doc = valid_run(run_id, step_id, candle_uri=f"gs://{CANDLES}/{candles}", **kwargs)
    ref = firestore_client.collection("flow_runs").document(run_id)
    ref.set(doc)
    return ref


def _snapshot(gcs_client: Any, bucket: str, prefix: str) -> dict[str, tuple[int, bytes]]:
    """Every object under ``prefix``: name -> (generation, bytes)."""
    return {b.name: (b.generation, b.download_as_bytes()) for b in gcs_client.list_blobs(bucket, prefix=prefix)}


def _runner(firestore_client: Any, store: Any, owner: str, lease: float = 60, **kwargs: Any) -> StepRunner:
    return StepRunner(documents=firestore_client, store=store, templates=DirectoryTemplates(None),
                      lease_seconds=lease, owner=owner, **kwargs)


def _in_thread(fn: Callable[[], Any]) -> tuple[threading.Thread, dict[str, Any]]:
    result: dict[str, Any] = {}

    def run() -> None:
        try:
            result["outcome"] = fn()
        except TransientError as exc:
            result["raised"] = exc

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread, result


def assert_published_intact(gcs_client: Any, bucket: str, ref: Any, step_id: str,
                            before: dict[str, tuple[int, bytes]]) -> None:
    """The step is SUCCEEDED; its manifest and every PNG it names exist with the generations and
    bytes ``before`` recorded; nothing else is under the step's prefix."""
    step = ref.get().to_dict()["steps"][step_id]
    assert step["status"] == "SUCCEEDED", step.get("error")
    manifest = step["outputs"]["gcs_uri"].removeprefix(f"gs://{bucket}/")
    assert step["outputs"]["outputsManifestGcsUri"] == step["outputs"]["gcs_uri"]
    prefix = manifest.split("/")[0:3]
    now = _snapshot(gcs_client, bucket, "/".join(prefix) + "/")
    assert manifest in now, "the published manifest vanished"
    named = {manifest} | {i["png_gcs_uri"].removeprefix(f"gs://{bucket}/")
                          for i in json.loads(now[manifest][1])["items"]}
    assert set(now) == named, f"not what the manifest names: {sorted(set(now) ^ named)}"
    assert now == before, "a published object changed (generation or bytes)"
    assert_valid(ref.get().to_dict(), "after the stale worker")


# ----------------------------------------------------------------------------------------
# A stale worker's held write lands after the step is final


@pytest.mark.parametrize("held", ["png", "manifest"])
def test_a_stale_workers_late_write_lands_in_its_own_folder_and_is_removed(firestore_client, gcs_client,
                                                                          charts_bucket, run_id, held):
    """A (lease 3 s) stalls with a write in flight; B reclaims (attempt 2) and publishes; A's
    write lands afterwards — in A's own folder, never over B's — and A removes it once it
    learns it lost. B's objects keep their generations and bytes."""
    ref = _setup(firestore_client, gcs_client, run_id)
    prefix = f"charts/{run_id}/{STEP}/"
    store_a = HeldStore(gcs_client, charts_bucket, ".png" if held == "png" else "manifest.json")
    thread, result_a = _in_thread(lambda: _runner(firestore_client, store_a, "worker-a", 3.0).process(
        run_id, STEP, event_id="evt-a"))
    assert store_a.holding.wait(30), "worker A never reached its write"
    time.sleep(3.2)  # A's lease runs out while its write hangs

    outcome_b = _runner(firestore_client, GcsStore(gcs_client, charts_bucket), "worker-b").process(
        run_id, STEP, event_id="evt-b")
    assert (outcome_b.status, outcome_b.reason) == ("SUCCEEDED", "finalized")
    assert ref.get().to_dict()["steps"][STEP]["outputs"]["execution"]["lease"]["attempt"] == 2
    after_b = _snapshot(gcs_client, charts_bucket, prefix)
    assert_published_intact(gcs_client, charts_bucket, ref, STEP, after_b)

    store_a.gate.set()
    thread.join(60)
    assert not thread.is_alive()
    assert isinstance(result_a.get("raised"), LeaseExpired), result_a  # A stopped at its fence
    assert store_a.outcome == ["landed"]  # A's write went through, into A's own folder...
    assert_published_intact(gcs_client, charts_bucket, ref, STEP, after_b)  # ...and A removed it


# ----------------------------------------------------------------------------------------
# Hole 1: the fence is anchored before the claim call


class SlowAnswers:
    """A Firestore client whose next run-document update commits, then answers ``delay``
    seconds late (a slow or lost-and-retried response)."""

    def __init__(self, client: Any, delay: float) -> None:
        self._client, self.delay, self.delayed = client, delay, 0

    def __getattr__(self, name: str) -> Any:
        return getattr(self._client, name)

    def collection(self, name: str) -> Any:
        outer = self

        class Collection:
            def document(self, doc_id: str) -> Any:
                ref = outer._client.collection(name).document(doc_id)

                class Ref:
                    def __getattr__(self, attr: str) -> Any:
                        return getattr(ref, attr)

                    def update(self, *args: Any, **kwargs: Any) -> Any:
                        answer = ref.update(*args, **kwargs)
                        if outer.delayed == 0:
                            outer.delayed += 1
                            time.sleep(outer.delay)
                        return answer

                return Ref()

        return Collection()


def test_a_late_claim_answer_does_not_extend_the_fence(firestore_client, gcs_client, charts_bucket, run_id):
    """The claim commits at t0 (lease 3 s, fence t0 + 2.5 s) but its answer arrives 2.7 s later.
    The worker must not write from then on: its fence was measured from before the call. (Taken
    after the answer, the fence would let it write and publish until t0 + 5.2 s, past the lease
    the document records.) It writes nothing and the step waits for a reclaim."""
    ref = _setup(firestore_client, gcs_client, run_id)
    prefix = f"charts/{run_id}/{STEP}/"
    slow = SlowAnswers(firestore_client, delay=2.7)
    runner = StepRunner(documents=slow, store=GcsStore(gcs_client, charts_bucket),
                        templates=DirectoryTemplates(None), lease_seconds=3.0, owner="worker-a")
    with pytest.raises(LeaseExpired):
        runner.process(run_id, STEP, event_id="evt-a")
    assert slow.delayed == 1, "the fault was not injected"
    assert _snapshot(gcs_client, charts_bucket, prefix) == {}
    step = ref.get().to_dict()["steps"][STEP]
    assert step["status"] == "RUNNING" and step["outputs"]["execution"]["lease"]["owner"] == "worker-a"

    time.sleep(0.5)  # the lease has expired: a redelivery reclaims and publishes
    outcome = _runner(firestore_client, GcsStore(gcs_client, charts_bucket), "worker-b").process(
        run_id, STEP, event_id="evt-a")
    assert (outcome.status, outcome.reason) == ("SUCCEEDED", "finalized")
    assert_published_intact(gcs_client, charts_bucket, ref, STEP, _snapshot(gcs_client, charts_bucket, prefix))


# ----------------------------------------------------------------------------------------
# Hole 2: a rerun of a RUNNING step overtakes a live worker


def test_a_rerun_overtaking_a_live_worker_keeps_the_reruns_result(firestore_client, gcs_client, charts_bucket,
                                                                  run_id):
    """A holds the step (lease 60 s) with its manifest write in flight; the workflow sets the step
    back to READY; C claims the rerun and publishes. A's manifest lands afterwards; A's finalize is
    refused; C's objects are untouched and nothing of A's remains."""
    ref = _setup(firestore_client, gcs_client, run_id)
    prefix = f"charts/{run_id}/{STEP}/"
    store_a = HeldStore(gcs_client, charts_bucket, "manifest.json")
    thread, result_a = _in_thread(lambda: _runner(firestore_client, store_a, "worker-a").process(
        run_id, STEP, event_id="evt-a"))
    assert store_a.holding.wait(30), "worker A never reached its manifest write"
    ref.update({f"steps.`{STEP}`.status": "READY"})  # the rerun, while A is alive and inside its lease

    outcome_c = _runner(firestore_client, GcsStore(gcs_client, charts_bucket), "worker-c").process(
        run_id, STEP, event_id="evt-c")
    assert (outcome_c.status, outcome_c.reason) == ("SUCCEEDED", "finalized")
    after_c = _snapshot(gcs_client, charts_bucket, prefix)
    assert_published_intact(gcs_client, charts_bucket, ref, STEP, after_c)
    update_time = ref.get().update_time

    store_a.gate.set()
    thread.join(60)
    assert not thread.is_alive()
    assert store_a.outcome == ["landed"]
    assert result_a["outcome"].status == "LOST", result_a
    assert_published_intact(gcs_client, charts_bucket, ref, STEP, after_c)
    assert ref.get().update_time == update_time  # A wrote nothing to the document


def test_a_rerun_between_the_winners_commit_and_its_cleanup_stops_the_cleanup(firestore_client, gcs_client,
                                                                              charts_bucket, run_id):
    """W commits; before W lists the prefix, the step is rerun and C has claimed it and written
    its PNG (C's manifest is still in flight). W's listing holds C's PNG: W re-reads, sees the
    step is no longer final under its token, and deletes nothing. (Deleting what it listed would
    leave C to publish a manifest naming a PNG that is gone.)"""
    ref = _setup(firestore_client, gcs_client, run_id)
    prefix = f"charts/{run_id}/{STEP}/"
    store_c = HeldStore(gcs_client, charts_bucket, "manifest.json")
    rerun: dict[str, Any] = {}

    class RerunBeforeListing(GcsStore):
        def list(self, prefix: str) -> dict[str, int]:
            if not rerun:
                ref.update({f"steps.`{STEP}`.status": "READY"})
                rerun["c"] = _in_thread(lambda: _runner(firestore_client, store_c, "worker-c").process(
                    run_id, STEP, event_id="evt-c"))
                assert store_c.holding.wait(30), "C never reached its manifest write"
            return super().list(prefix)

    outcome_w = _runner(firestore_client, RerunBeforeListing(gcs_client, charts_bucket), "worker-w").process(
        run_id, STEP, event_id="evt-w")
    assert outcome_w.status == "SUCCEEDED"  # W did publish, before the rerun replaced it
    store_c.gate.set()
    thread, result_c = rerun["c"]
    thread.join(60)
    assert result_c["outcome"].status == "SUCCEEDED", result_c
    assert_published_intact(gcs_client, charts_bucket, ref, STEP, _snapshot(gcs_client, charts_bucket, prefix))


# ----------------------------------------------------------------------------------------
# Hole 3: a commit answered with an error that does not say whether it landed


@pytest.fixture()
def finalize_fault(monkeypatch):
    """``arm(error, after_commit)``: the next finalize update (a ``status`` of SUCCEEDED) raises
    ``error`` — after committing on the emulator, or before sending it."""
    real = DocumentReference.update
    state: dict[str, Any] = {"error": None, "after": True, "fired": 0}

    def update(self, field_updates, *args, **kwargs):
        finalizing = any(k.endswith(".status") and v == "SUCCEEDED" for k, v in field_updates.items())
        if finalizing and state["error"] is not None:
            error, state["error"] = state["error"], None
            state["fired"] += 1
            if state["after"]:
                real(self, field_updates, *args, **kwargs)
            raise error
        return real(self, field_updates, *args, **kwargs)

    monkeypatch.setattr(DocumentReference, "update", update)

    def arm(error: Exception, *, after_commit: bool) -> dict[str, Any]:
        state.update(error=error, after=after_commit)
        return state

    return arm


@pytest.mark.parametrize("error", [api.Unknown("Stream removed"), api.Cancelled("cancelled")],
                         ids=["Unknown", "Cancelled"])
@pytest.mark.parametrize("after_commit", [True, False], ids=["landed", "not-sent"])
def test_a_finalize_with_an_unknown_outcome_is_read_back_not_guessed(firestore_client, gcs_client, charts_bucket,
                                                                     run_id, finalize_fault, error, after_commit):
    """Landed: the re-read recognises our commit; SUCCEEDED, every published object kept (the
    old fallback failed the step INTERNAL_ERROR, found it SUCCEEDED and deleted everything it
    named). Not sent: the re-read finds it RUNNING under our token and commits again."""
    ref = _setup(firestore_client, gcs_client, run_id)
    prefix = f"charts/{run_id}/{STEP}/"
    fault = finalize_fault(error, after_commit=after_commit)
    outcome = _runner(firestore_client, GcsStore(gcs_client, charts_bucket), "worker-a").process(
        run_id, STEP, event_id="evt-a")
    assert fault["fired"] == 1, "the fault was not injected"
    assert (outcome.status, outcome.reason) == ("SUCCEEDED", "finalized")
    step = ref.get().to_dict()["steps"][STEP]
    assert step["outputs"]["execution"]["attempts"][-1]["outcome"] == "SUCCEEDED"
    assert_published_intact(gcs_client, charts_bucket, ref, STEP, _snapshot(gcs_client, charts_bucket, prefix))
    assert len(_snapshot(gcs_client, charts_bucket, prefix)) == 2  # one PNG and its manifest


# ----------------------------------------------------------------------------------------
# Hole 4: the claim decides on the dependencies it reads, not on the event's copy


def test_an_old_event_does_not_run_a_step_whose_dependency_is_running_again(app_client, firestore_client,
                                                                           gcs_client, charts_bucket, run_id):
    ref = _setup(firestore_client, gcs_client, run_id)
    old_copy = ref.get().to_dict()  # the OHLCV step SUCCEEDED, the chart step READY
    ohlcv = next(s for s, step in old_copy["steps"].items() if step["stepType"] == "OHLCV_EXPORT")
    ref.update({f"steps.`{ohlcv}`.status": "RUNNING"})  # being re-exported now
    stored = ref.get()

    headers, body = ce.binary_protobuf(run_id, old_copy)
    response = app_client.post("/", headers=headers, data=body)
    assert response.status_code == 200, response.data
    assert ref.get().update_time == stored.update_time  # not claimed: nothing written
    assert ref.get().to_dict()["steps"][STEP]["status"] == "READY"
    assert _snapshot(gcs_client, charts_bucket, f"charts/{run_id}/") == {}


# ----------------------------------------------------------------------------------------
# Hole 5: the cleanup after the commit fails


def _plant_lost_claim(gcs_client: Any, bucket: str, run_id: str) -> str:
    """An object a dead earlier claim left in its own folder."""
    name = f"charts/{run_id}/{STEP}/a1-deadbeef00/BTCUSDT_1M_ctpl_price_ma1226_vol_v1.png"
    gcs_client.bucket(bucket).blob(name).upload_from_string(b"\x89PNG lost claim", content_type="image/png")
    return name


class FailingListings(GcsStore):
    """``client.list_blobs`` raises ``error`` the next ``times`` times (at the client, so the
    store's own retry and classification run)."""

    def __init__(self, client: Any, bucket: str, error: Exception, times: int) -> None:
        super().__init__(client, bucket)
        self.error, self.times = error, times

    def list(self, prefix: str) -> dict[str, int]:
        real = self._client.list_blobs

        def failing(*args: Any, **kwargs: Any) -> Any:
            if self.times > 0:
                self.times -= 1
                raise self.error
            return real(*args, **kwargs)

        self._client = _Patched(self._client, list_blobs=failing)
        try:
            return super().list(prefix)
        finally:
            self._client = self._client.wrapped


class _Patched:
    def __init__(self, wrapped: Any, **overrides: Any) -> None:
        self.wrapped, self._overrides = wrapped, overrides

    def __getattr__(self, name: str) -> Any:
        return self._overrides.get(name) or getattr(self.wrapped, name)


def test_a_transient_cleanup_failure_asks_for_redelivery_which_finishes_it(firestore_client, gcs_client,
                                                                           charts_bucket, run_id):
    ref = _setup(firestore_client, gcs_client, run_id)
    prefix = f"charts/{run_id}/{STEP}/"
    lost = _plant_lost_claim(gcs_client, charts_bucket, run_id)
    down = FailingListings(gcs_client, charts_bucket, api.ServiceUnavailable("storage down"), times=100)
    with pytest.raises(CleanupIncomplete):
        _runner(firestore_client, down, "worker-a").process(run_id, STEP, event_id="evt-a")
    step = ref.get().to_dict()["steps"][STEP]
    assert step["status"] == "SUCCEEDED"  # published: the failure came after the commit
    assert lost in _snapshot(gcs_client, charts_bucket, prefix)
    update_time = ref.get().update_time

    # Eventarc redelivers the same event; storage is back
    outcome = _runner(firestore_client, GcsStore(gcs_client, charts_bucket), "worker-b").process(
        run_id, STEP, event_id="evt-a")
    assert (outcome.status, outcome.reason) == ("SKIPPED", "not_ready")
    objects = _snapshot(gcs_client, charts_bucket, prefix)
    assert lost not in objects
    assert_published_intact(gcs_client, charts_bucket, ref, STEP, objects)
    assert ref.get().update_time == update_time

    # another event finding the final step does not clean (only the publishing event's chain does)
    lost = _plant_lost_claim(gcs_client, charts_bucket, run_id)
    _runner(firestore_client, GcsStore(gcs_client, charts_bucket), "worker-c").process(run_id, STEP, event_id="x")
    assert lost in _snapshot(gcs_client, charts_bucket, prefix)


def test_a_refused_cleanup_leaves_the_step_succeeded_and_says_so(firestore_client, gcs_client, charts_bucket,
                                                                 run_id, caplog):
    ref = _setup(firestore_client, gcs_client, run_id)
    prefix = f"charts/{run_id}/{STEP}/"
    lost = _plant_lost_claim(gcs_client, charts_bucket, run_id)
    refused = FailingListings(gcs_client, charts_bucket, api.Forbidden("403 no storage.objects.list"), times=1)
    outcome = _runner(firestore_client, refused, "worker-a").process(run_id, STEP, event_id="evt-a")
    assert (outcome.status, outcome.reason) == ("SUCCEEDED", "finalized")
    objects = _snapshot(gcs_client, charts_bucket, prefix)
    assert lost in objects  # left, and logged
    step = ref.get().to_dict()["steps"][STEP]
    manifest = step["outputs"]["gcs_uri"].removeprefix(f"gs://{charts_bucket}/")
    named = {manifest} | {i["png_gcs_uri"].removeprefix(f"gs://{charts_bucket}/")
                          for i in json.loads(objects[manifest][1])["items"]}
    assert set(objects) == named | {lost}
    assert step["status"] == "SUCCEEDED" and "error" not in step
    failed = [r for r in caplog.records if getattr(r, "event", None) == "cleanup_failed"]
    assert failed and failed[0].levelname == "ERROR" and failed[0].reason == "GCS_WRITE_FAILED"


# ----------------------------------------------------------------------------------------
# Guarantees a review found untested


def _dead_lease(ref: Any, step_id: str, attempt: int, *, event_id: str | None = "evt-dead") -> None:
    lease = {"token": "f" * 32, "owner": "dead-worker", "attempt": attempt,
             "claimedAt": "2025-12-15T10:26:00.000Z", "expiresAt": "2025-12-15T10:36:00.000Z"}
    if event_id:
        lease["eventId"] = event_id
    ref.update({
        f"steps.`{step_id}`.status": "RUNNING",
        f"steps.`{step_id}`.outputs.execution": {
            "lease": lease, "attempts": [{"attempt": n, "claimedAt": "2025-12-15T10:26:00.000Z"}
                                         for n in range(1, attempt + 1)]},
    })


def test_a_reclaim_after_the_last_attempts_worker_died_ends_attempts_exhausted(firestore_client, gcs_client,
                                                                               charts_bucket, run_id):
    ref = _setup(firestore_client, gcs_client, run_id)
    _dead_lease(ref, STEP, attempt=3)
    lost = _plant_lost_claim(gcs_client, charts_bucket, run_id)
    outcome = _runner(firestore_client, GcsStore(gcs_client, charts_bucket), "worker-b", max_attempts=3).process(
        run_id, STEP, event_id="evt-b")
    assert (outcome.status, outcome.reason) == ("FAILED", "attempts_exhausted")
    step = ref.get().to_dict()["steps"][STEP]
    assert step["status"] == "FAILED" and step["error"]["code"] == "ATTEMPTS_EXHAUSTED"
    assert len(step["error"]["details"]["attempts"]) == 3
    assert step["error"]["details"]["attempts"][-1]["outcome"] == "lease_expired"
    assert lost not in _snapshot(gcs_client, charts_bucket, f"charts/{run_id}/")  # nothing published: all swept
    assert_valid(ref.get().to_dict(), "attempts exhausted by a reclaim")


def test_a_held_lease_with_no_event_id_is_answered_503(app_client, firestore_client, gcs_client, charts_bucket,
                                                       run_id):
    """A lease written by the previous version records no event: we cannot tell whose
    redelivery chain keeps the step alive, so the event that finds it busy asks for redelivery."""
    ref = _setup(firestore_client, gcs_client, run_id)
    ready = ref.get().to_dict()
    from datetime import timedelta

    from chart_export.timeutil import rfc3339, utc_now

    ref.update({f"steps.`{STEP}`.status": "RUNNING",
                f"steps.`{STEP}`.outputs.execution": {"lease": {
                    "token": "e" * 32, "owner": "old-version", "attempt": 1,
                    "expiresAt": rfc3339(utc_now() + timedelta(minutes=5), millis=True)}}})
    headers, body = ce.binary_protobuf(run_id, ready)
    assert app_client.post("/", headers=headers, data=body).status_code == 503
    # ...and one whose lease names another event is acknowledged
    _dead_lease(ref, STEP, attempt=1, event_id="another-event")
    ref.update({f"steps.`{STEP}`.outputs.execution.lease.expiresAt":
                rfc3339(utc_now() + timedelta(minutes=5), millis=True)})
    assert app_client.post("/", headers=headers, data=body).status_code == 200
