"""Claim/finalize against Google's Firestore emulator: the seed's seven behaviours, races,
interleaved sibling writers, leases and malformed documents."""

from __future__ import annotations

import copy
import threading
import time
from datetime import timedelta

import pytest
from google.cloud import firestore

from chart_export.orchestration import (
    Lease,
    StepError,
    claim_step_transaction,
    finalize_step,
)
from chart_export.timeutil import parse_rfc3339, utc_now

pytestmark = pytest.mark.emulator

ODD_IDS = [
    "stepA",
    "charts:1M:ctpl_price_ma1226_vol_v1",
    "charts:1M:x.v1",
    "charts 1M spaced",
    "charts:1M:график-ü",
]


def _run_doc(step_id: str, status: str = "READY", **step_extra) -> dict:
    step = {
        "stepType": "CHART_EXPORT",
        "status": status,
        "timeframe": "1M",
        "dependsOn": ["ohlcv_export:1M"],
        "inputs": {"minImages": 1, "requests": [{"chartTemplateId": "ctpl_price_ma1226_vol_v1"}]},
        "outputs": {"keep": "yes"},
        "createdAt": "2025-12-15T10:25:46Z",
    }
    step.update(step_extra)
    return {
        "schemaVersion": 1,
        "status": "RUNNING",
        "scope": {"symbol": "BTCUSDT"},
        "progress": {"currentStepId": step_id},
        "steps": {
            step_id: step,
            "ohlcv_export:1M": {"stepType": "OHLCV_EXPORT", "status": "SUCCEEDED", "outputs": {"gcs_uri": "gs://b/x"}},
            "zz.other step": {"stepType": "CHART_EXPORT", "status": "READY", "inputs": {"minImages": 0}},
        },
    }


def _lease(step: dict) -> dict:
    return step["outputs"]["execution"]["lease"]


def _put(client: firestore.Client, run_id: str, doc: dict) -> None:
    client.collection("flow_runs").document(run_id).set(doc)


def _get(client: firestore.Client, run_id: str) -> dict:
    return client.collection("flow_runs").document(run_id).get().to_dict()


def _without_step(doc: dict, step_id: str) -> dict:
    other = copy.deepcopy(doc)
    other["steps"].pop(step_id)
    return other


# --- the seed's seven behaviours, on the real emulator ---------------------------------


@pytest.mark.parametrize("step_id", ODD_IDS)
def test_claim_ready_transitions_to_running_with_lease(firestore_client, run_id, step_id):
    before = _run_doc(step_id)
    _put(firestore_client, run_id, before)
    result = claim_step_transaction(client=firestore_client, run_id=run_id, step_id=step_id, owner="w1")
    assert (result.claimed, result.status, result.reason) == (True, "RUNNING", "claimed")
    after = _get(firestore_client, run_id)
    step = after["steps"][step_id]
    assert step["status"] == "RUNNING"
    lease = _lease(step)
    assert lease["owner"] == "w1" and lease["attempt"] == 1 and lease["token"] == result.lease.token
    assert parse_rfc3339(lease["expiresAt"]) > utc_now()
    assert parse_rfc3339(lease["claimedAt"]) <= utc_now()
    assert "lease" not in step and "startedAt" not in step  # nothing at step level (the contract)
    # minimal patch: everything else is as it was
    assert _without_step(after, step_id) == _without_step(before, step_id)
    untouched = {k: v for k, v in step.items() if k not in {"status", "outputs"}}
    assert untouched == {k: v for k, v in before["steps"][step_id].items() if k not in {"status", "outputs"}}
    assert {k: v for k, v in step["outputs"].items() if k != "execution"} == before["steps"][step_id]["outputs"]


def test_second_claim_is_refused(firestore_client, run_id):
    _put(firestore_client, run_id, _run_doc("stepA"))
    first = claim_step_transaction(client=firestore_client, run_id=run_id, step_id="stepA", owner="w1")
    second = claim_step_transaction(client=firestore_client, run_id=run_id, step_id="stepA", owner="w2")
    assert (first.claimed, second.claimed) == (True, False)
    assert second.reason == "lease_held" and second.lease.owner == "w1"
    assert _lease(_get(firestore_client, run_id)["steps"]["stepA"])["owner"] == "w1"


@pytest.mark.parametrize("status", ["PENDING", "RUNNING", "SUCCEEDED", "FAILED"])
def test_claim_not_ready_is_noop(firestore_client, run_id, status):
    _put(firestore_client, run_id, _run_doc("stepA", status=status))
    ref = firestore_client.collection("flow_runs").document(run_id)
    before = ref.get()
    result = claim_step_transaction(client=firestore_client, run_id=run_id, step_id="stepA")
    assert result.claimed is False and result.status == status
    after = ref.get()
    assert after.update_time == before.update_time  # nothing was written at all


@pytest.mark.parametrize("step_id", ODD_IDS)
def test_finalize_success_minimal_patch(firestore_client, run_id, step_id):
    _put(firestore_client, run_id, _run_doc(step_id, status="RUNNING"))
    before = _get(firestore_client, run_id)
    result = finalize_step(
        client=firestore_client, run_id=run_id, step_id=step_id, status="SUCCEEDED",
        finished_at="2025-12-15T10:26:15Z", outputs_manifest_gcs_uri="gs://bucket/manifest.json",
    )
    assert (result.updated, result.status) == (True, "SUCCEEDED")
    after = _get(firestore_client, run_id)
    step = after["steps"][step_id]
    assert step["status"] == "SUCCEEDED"
    assert step["finishedAt"] == "2025-12-15T10:26:15Z"
    assert step["outputs"] == {
        "keep": "yes",
        "gcs_uri": "gs://bucket/manifest.json",
        "outputsManifestGcsUri": "gs://bucket/manifest.json",
    }
    assert _without_step(after, step_id) == _without_step(before, step_id)


def test_finalize_failed_sets_error_payload(firestore_client, run_id):
    _put(firestore_client, run_id, _run_doc("stepA", status="RUNNING"))
    result = finalize_step(
        client=firestore_client, run_id=run_id, step_id="stepA", status="FAILED",
        finished_at="2025-12-15T10:26:15Z", error=StepError(code="VALIDATION_FAILED", message="bad input"),
    )
    assert result.updated is True
    step = _get(firestore_client, run_id)["steps"]["stepA"]
    assert step["status"] == "FAILED"
    assert step["error"] == {"code": "VALIDATION_FAILED", "message": "bad input", "details": {}}
    assert step["outputs"] == {"keep": "yes"}


def test_finalize_is_idempotent(firestore_client, run_id):
    _put(firestore_client, run_id, _run_doc("stepA", status="SUCCEEDED", outputs={"outputsManifestGcsUri": "gs://old"}))
    result = finalize_step(
        client=firestore_client, run_id=run_id, step_id="stepA", status="SUCCEEDED",
        finished_at="2025-12-15T10:26:15Z", outputs_manifest_gcs_uri="gs://new",
    )
    assert (result.updated, result.reason) == (False, "not_running")
    assert _get(firestore_client, run_id)["steps"]["stepA"]["outputs"]["outputsManifestGcsUri"] == "gs://old"


# --- malformed documents never raise ---------------------------------------------------


@pytest.mark.parametrize(
    "doc,reason",
    [
        (None, "document_missing"),
        ({"steps": ["not", "a", "map"]}, "steps_not_a_map"),
        ({"steps": {}}, "step_missing"),
        ({"steps": {"stepA": "READY"}}, "step_not_a_map"),
        ({"steps": {"stepA": {"stepType": "CHART_EXPORT"}}}, "status_missing"),
        ({"steps": {"stepA": {"status": 7}}}, "status_missing"),
    ],
)
def test_malformed_documents_are_reported_not_raised(firestore_client, run_id, doc, reason):
    if doc is not None:
        _put(firestore_client, run_id, doc)
    claim = claim_step_transaction(client=firestore_client, run_id=run_id, step_id="stepA")
    final = finalize_step(client=firestore_client, run_id=run_id, step_id="stepA", status="FAILED",
                          finished_at=utc_now(), error=StepError("X", "y"))
    assert (claim.claimed, claim.reason) == (False, reason)
    assert (final.updated, final.reason) == (False, reason)


# --- races --------------------------------------------------------------------------


def _race(n: int, fn) -> list:
    barrier = threading.Barrier(n)
    results: list = [None] * n

    def worker(i: int) -> None:
        client = firestore.Client(project="demo-chart-export")  # one client per "worker"
        barrier.wait()
        try:
            results[i] = fn(client, i)
        except BaseException as exc:  # surfaced by the assertion below
            results[i] = exc

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    return results


@pytest.mark.parametrize("repetition", range(10))
def test_eight_concurrent_claimers_exactly_one_wins(firestore_client, run_id, repetition):
    step_id = ODD_IDS[repetition % len(ODD_IDS)]
    before = _run_doc(step_id)
    _put(firestore_client, run_id, before)
    results = _race(8, lambda c, i: claim_step_transaction(client=c, run_id=run_id, step_id=step_id, owner=f"w{i}"))
    assert not [r for r in results if isinstance(r, BaseException)], results
    winners = [i for i, r in enumerate(results) if r.claimed]
    assert len(winners) == 1, results
    after = _get(firestore_client, run_id)
    assert _lease(after["steps"][step_id])["owner"] == f"w{winners[0]}"
    assert _without_step(after, step_id) == _without_step(before, step_id)


@pytest.mark.parametrize("repetition", range(10))
def test_eight_concurrent_finalizers_exactly_one_wins(firestore_client, run_id, repetition):
    step_id = ODD_IDS[repetition % len(ODD_IDS)]
    before = _run_doc(step_id, status="RUNNING")
    _put(firestore_client, run_id, before)

    def finalize(client, i):
        if i % 2:
            return finalize_step(client=client, run_id=run_id, step_id=step_id, status="FAILED",
                                 finished_at=utc_now(), error=StepError("RENDER_FAILED", f"worker {i}"))
        return finalize_step(client=client, run_id=run_id, step_id=step_id, status="SUCCEEDED",
                             finished_at=utc_now(), outputs_manifest_gcs_uri=f"gs://b/{i}/manifest.json")

    results = _race(8, finalize)
    assert not [r for r in results if isinstance(r, BaseException)], results
    winners = [i for i, r in enumerate(results) if r.updated]
    assert len(winners) == 1, results
    w = winners[0]
    step = _get(firestore_client, run_id)["steps"][step_id]
    if w % 2:
        assert step["status"] == "FAILED" and step["error"]["message"] == f"worker {w}"
        assert "gcs_uri" not in step["outputs"]
    else:
        assert step["status"] == "SUCCEEDED"
        assert step["outputs"]["gcs_uri"] == step["outputs"]["outputsManifestGcsUri"] == f"gs://b/{w}/manifest.json"
    assert step["outputs"]["keep"] == "yes"
    assert _without_step(_get(firestore_client, run_id), step_id) == _without_step(before, step_id)


# --- a sibling writer between our read and our write -------------------------------------


class _InterleavingClient:
    """The real client, except that right after each of the first ``n`` reads of the run
    document another writer updates a *sibling* step — exactly the window a precondition
    must catch."""

    def __init__(self, client: firestore.Client, run_id: str, n: int = 2) -> None:
        self._client, self._run_id, self.remaining, self.sibling_writes = client, run_id, n, 0

    def __getattr__(self, name):
        return getattr(self._client, name)

    def collection(self, name):
        outer = self

        class _Ref:
            def __init__(self, ref):
                self._ref = ref

            def get(self, *a, **kw):
                snap = self._ref.get(*a, **kw)
                if outer.remaining > 0:
                    outer.remaining -= 1
                    outer.sibling_writes += 1
                    other = firestore.Client(project="demo-chart-export")
                    other.collection(name).document(outer._run_id).update(
                        {"steps.`ohlcv_export:1M`.outputs.touched": outer.sibling_writes}
                    )
                return snap

            def update(self, *a, **kw):
                return self._ref.update(*a, **kw)

        class _Coll:
            def document(self, doc_id):
                return _Ref(outer._client.collection(name).document(doc_id))

        return _Coll()


def test_sibling_writer_does_not_fail_claim_or_finalize(firestore_client, run_id):
    step_id = "charts:1M:x.v1"
    _put(firestore_client, run_id, _run_doc(step_id))
    interleaved = _InterleavingClient(firestore_client, run_id, n=2)
    claim = claim_step_transaction(client=interleaved, run_id=run_id, step_id=step_id, owner="w1")
    assert claim.claimed is True and interleaved.sibling_writes == 2
    interleaved.remaining = 2
    final = finalize_step(client=interleaved, run_id=run_id, step_id=step_id, status="SUCCEEDED",
                          finished_at=utc_now(), outputs_manifest_gcs_uri="gs://b/m.json", lease=claim.lease)
    assert final.updated is True and interleaved.sibling_writes == 4
    doc = _get(firestore_client, run_id)
    assert doc["steps"][step_id]["status"] == "SUCCEEDED"
    assert doc["steps"]["ohlcv_export:1M"]["outputs"] == {"gcs_uri": "gs://b/x", "touched": 4}


# --- leases ---------------------------------------------------------------------------


def test_expired_lease_is_reclaimed_and_late_finalize_refused(firestore_client, run_id, monkeypatch):
    step_id = "charts:1M:ctpl_price_ma1226_vol_v1"
    _put(firestore_client, run_id, _run_doc(step_id))
    monkeypatch.setenv("CHART_EXPORT_LEASE_SECONDS", "1")
    first = claim_step_transaction(client=firestore_client, run_id=run_id, step_id=step_id, owner="slow")
    assert first.claimed and first.lease.attempt == 1
    early = claim_step_transaction(client=firestore_client, run_id=run_id, step_id=step_id, owner="fresh")
    assert (early.claimed, early.reason) == (False, "lease_held")
    time.sleep(1.2)
    second = claim_step_transaction(client=firestore_client, run_id=run_id, step_id=step_id, owner="fresh")
    assert (second.claimed, second.reason, second.lease.attempt) == (True, "reclaimed_expired_lease", 2)
    late = finalize_step(client=firestore_client, run_id=run_id, step_id=step_id, status="SUCCEEDED",
                         finished_at=utc_now(), outputs_manifest_gcs_uri="gs://b/slow.json", lease=first.lease)
    assert (late.updated, late.reason) == (False, "lease_lost")
    mine = finalize_step(client=firestore_client, run_id=run_id, step_id=step_id, status="SUCCEEDED",
                         finished_at=utc_now(), outputs_manifest_gcs_uri="gs://b/fresh.json", lease=second.lease)
    assert mine.updated is True
    step = _get(firestore_client, run_id)["steps"][step_id]
    assert step["outputs"]["gcs_uri"] == "gs://b/fresh.json"
    assert {k: _lease(step)[k] for k in ("owner", "attempt", "token")} == {
        "owner": "fresh", "attempt": 2, "token": second.lease.token}
    assert [a.get("outcome") for a in step["outputs"]["execution"]["attempts"]] == ["lease_expired", "SUCCEEDED"]


def test_running_step_with_unexpired_lease_of_another_attempt_is_not_finalized(firestore_client, run_id):
    lease = Lease(owner="a", attempt=1, expires_at=utc_now() + timedelta(minutes=5))
    _put(firestore_client, run_id, _run_doc("stepA", status="RUNNING", lease={**lease.to_firestore(), "attempt": 3}))
    result = finalize_step(client=firestore_client, run_id=run_id, step_id="stepA", status="FAILED",
                           finished_at=utc_now(), error=StepError("X", "y"), lease=lease)
    assert (result.updated, result.reason) == (False, "lease_lost")
    assert _get(firestore_client, run_id)["steps"]["stepA"]["status"] == "RUNNING"


def test_expired_lease_with_garbled_owner_and_attempt_is_still_reclaimed(firestore_client, run_id):
    """Selection and claim read leases the same way: only the expiry must be readable, so a
    step whose lease record is damaged is not stuck RUNNING forever."""
    garbled = {"owner": 5, "attempt": "2", "expiresAt": "2000-01-01T00:00:00Z"}
    _put(firestore_client, run_id, _run_doc("stepA", status="RUNNING", lease=garbled))
    result = claim_step_transaction(client=firestore_client, run_id=run_id, step_id="stepA", owner="w2")
    assert (result.claimed, result.reason, result.lease.attempt) == (True, "reclaimed_expired_lease", 1)
    assert _lease(_get(firestore_client, run_id)["steps"]["stepA"])["owner"] == "w2"
    assert "lease" not in _get(firestore_client, run_id)["steps"]["stepA"]  # the legacy record is retired


def test_step_id_too_long_for_field_paths_is_refused_before_any_write(firestore_client, run_id):
    """A 1,475-byte step id can be stored (with short fields under it), but
    ``steps.<id>.outputs.outputsManifestGcsUri`` would exceed Firestore's 1,500-byte field-path
    limit: refused without a write, instead of a claim that could never be finalized."""
    step_id = "s" * 1475
    _put(firestore_client, run_id, {"steps": {step_id: {"status": "READY"}}})
    ref = firestore_client.collection("flow_runs").document(run_id)
    before = ref.get().update_time
    result = claim_step_transaction(client=firestore_client, run_id=run_id, step_id=step_id)
    assert (result.claimed, result.reason) == (False, "step_id_too_long")
    assert ref.get().update_time == before
