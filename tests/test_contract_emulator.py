"""True to the workflow's contract, on the emulators: the whole run document validates against
``flow_run.schema.json`` (with a format checker) after every transition we make, for both
step-id forms; the previous version's step-level lease is read and retired; reruns start
clean; a lost response is recognised as our own write."""

from __future__ import annotations

import time
from datetime import timedelta
from typing import Any

import pytest
from google.api_core import exceptions as api
from google.cloud.firestore_v1.document import DocumentReference

from tests._contract import STEP_IDS, assert_valid, valid_run
from chart_export.errors import TransientError
from chart_export.orchestration import claim_step_transaction, finalize_step
from chart_export.runner import DirectoryTemplates, StepRunner
from chart_export.storage import GcsStore
from chart_export.timeutil import rfc3339, utc_now
from devtools.sample_data import candle_file

pytestmark = pytest.mark.emulator

TEMPLATE = "ctpl_price_ma1226_vol_v1"


def _doc(firestore_client, run_id: str) -> dict[str, Any]:
    return firestore_client.collection("flow_runs").document(run_id).get().to_dict()


def _put(firestore_client, run_id: str, doc: dict[str, Any]) -> None:
    firestore_client.collection("flow_runs").document(run_id).set(doc)


def _candles(gcs_client, run_id: str) -> str:
    name = f"runs/{run_id}/1M.json"
    gcs_client.bucket("artifacts-test").blob(name).upload_from_string(candle_file(120, timeframe="1M"))
    return f"gs://artifacts-test/{name}"


def _runner(firestore_client, gcs_client, bucket: str, **kwargs: Any) -> StepRunner:
    return StepRunner(documents=firestore_client, store=GcsStore(gcs_client, bucket),
                      templates=DirectoryTemplates(None), **kwargs)


class _StorageDown:
    """A store whose every call fails the way an outage does (after in-process retries)."""

    def __getattr__(self, name: str) -> Any:
        def fail(*_: Any, **__: Any) -> Any:
            raise TransientError("Cloud Storage unavailable (test outage)")

        return fail


@pytest.mark.parametrize("step_id", STEP_IDS)
def test_every_transition_leaves_a_valid_run_document(firestore_client, gcs_client, charts_bucket, run_id, step_id):
    uri = _candles(gcs_client, run_id)

    # READY -> claimed -> SUCCEEDED
    _put(firestore_client, run_id, valid_run(run_id, step_id, candle_uri=uri))
    assert_valid(_doc(firestore_client, run_id), "READY")
    claim = claim_step_transaction(client=firestore_client, run_id=run_id, step_id=step_id, owner="w1",
                                   lease_seconds=60, event_id="evt-1")
    assert claim.claimed
    doc = _doc(firestore_client, run_id)
    assert_valid(doc, "claimed")
    step = doc["steps"][step_id]
    assert set(step) <= {"stepType", "status", "createdAt", "dependsOn", "inputs", "outputs", "timeframe"}
    assert step["outputs"]["execution"]["lease"]["token"] == claim.lease.token
    assert step["outputs"]["execution"]["lease"]["eventId"] == "evt-1"
    assert finalize_step(client=firestore_client, run_id=run_id, step_id=step_id, status="SUCCEEDED",
                         finished_at=utc_now(), outputs_manifest_gcs_uri="gs://b/m.json", lease=claim.lease).updated
    doc = _doc(firestore_client, run_id)
    assert_valid(doc, "SUCCEEDED")
    timing = doc["steps"][step_id]["outputs"]["execution"]["timing"]
    assert set(timing) == {"startedAt", "finishedAt", "durationMs"} and timing["durationMs"] >= 0

    # the whole runner: SUCCEEDED with real charts
    _put(firestore_client, run_id, valid_run(run_id, step_id, candle_uri=uri))
    outcome = _runner(firestore_client, gcs_client, charts_bucket).process(run_id, step_id, event_id="evt-2")
    assert outcome.status == "SUCCEEDED"
    assert_valid(_doc(firestore_client, run_id), "SUCCEEDED (runner)")

    # FAILED: a validation error (minImages above the number of requests)
    _put(firestore_client, run_id, valid_run(run_id, step_id, candle_uri=uri, min_images=2))
    outcome = _runner(firestore_client, gcs_client, charts_bucket).process(run_id, step_id)
    assert outcome.status == "FAILED" and outcome.error.code == "VALIDATION_FAILED"
    assert_valid(_doc(firestore_client, run_id), "FAILED (validation)")

    # FAILED: minImages not met (an unknown template)
    _put(firestore_client, run_id, valid_run(run_id, step_id, candle_uri=uri, templates=("ctpl_nope_v1",)))
    outcome = _runner(firestore_client, gcs_client, charts_bucket).process(run_id, step_id)
    assert outcome.status == "FAILED" and outcome.error.code == "TEMPLATE_NOT_FOUND"
    doc = _doc(firestore_client, run_id)
    assert_valid(doc, "FAILED (minImages not met)")
    assert doc["steps"][step_id]["error"]["details"]["manifestGcsUri"].endswith("/manifest.json")

    # released after a transient failure, then reclaimed after expiry
    _put(firestore_client, run_id, valid_run(run_id, step_id, candle_uri=uri))
    runner = StepRunner(documents=firestore_client, store=_StorageDown(), templates=DirectoryTemplates(None),
                        lease_seconds=60, retry_base_seconds=0.2)
    with pytest.raises(TransientError):
        runner.process(run_id, step_id, event_id="evt-3")
    doc = _doc(firestore_client, run_id)
    assert_valid(doc, "released")
    execution = doc["steps"][step_id]["outputs"]["execution"]
    assert doc["steps"][step_id]["status"] == "RUNNING"
    assert execution["attempts"][-1]["outcome"] == "released"
    time.sleep(0.3)
    reclaim = claim_step_transaction(client=firestore_client, run_id=run_id, step_id=step_id, owner="w2",
                                     lease_seconds=60)
    assert (reclaim.claimed, reclaim.reason, reclaim.lease.attempt) == (True, "reclaimed_expired_lease", 2)
    assert_valid(_doc(firestore_client, run_id), "reclaimed after expiry")


def _legacy_running(run_id: str, step_id: str, uri: str, *, expires_in: float) -> dict[str, Any]:
    """A step as the previous version left it: lease and startedAt at step level."""
    doc = valid_run(run_id, step_id, candle_uri=uri, status="RUNNING")
    doc["steps"][step_id]["startedAt"] = "2025-12-15T10:26:00Z"
    doc["steps"][step_id]["lease"] = {"owner": "old-host:1:abc", "attempt": 1,
                                      "expiresAt": rfc3339(utc_now() + timedelta(seconds=expires_in), millis=True)}
    return doc


@pytest.mark.parametrize("step_id", STEP_IDS)
def test_a_step_left_running_by_the_previous_version_is_honoured_then_reclaimed(
        firestore_client, gcs_client, charts_bucket, run_id, step_id):
    uri = _candles(gcs_client, run_id)
    _put(firestore_client, run_id, _legacy_running(run_id, step_id, uri, expires_in=300))
    held = claim_step_transaction(client=firestore_client, run_id=run_id, step_id=step_id, owner="new")
    assert (held.claimed, held.reason) == (False, "lease_held")
    assert held.lease.owner == "old-host:1:abc" and held.lease.legacy

    _put(firestore_client, run_id, _legacy_running(run_id, step_id, uri, expires_in=-1))
    outcome = _runner(firestore_client, gcs_client, charts_bucket).process(run_id, step_id, event_id="evt")
    assert outcome.status == "SUCCEEDED" and outcome.reason == "finalized"
    doc = _doc(firestore_client, run_id)
    assert_valid(doc, "reclaim of a legacy lease, then SUCCEEDED")
    step = doc["steps"][step_id]
    assert "lease" not in step and "startedAt" not in step
    assert step["outputs"]["execution"]["lease"]["attempt"] == 2


@pytest.mark.parametrize("final", ["SUCCEEDED", "FAILED"])
def test_a_rerun_starts_clean(firestore_client, gcs_client, charts_bucket, run_id, final):
    """The orchestrator resets a finished step to READY: the claim removes what the previous
    run left (error, finishedAt, manifest URIs, execution record); other outputs survive."""
    step_id = STEP_IDS[1]
    uri = _candles(gcs_client, run_id)
    previous = valid_run(run_id, step_id, candle_uri=uri)
    step = previous["steps"][step_id]
    step["finishedAt"] = "2025-12-14T00:00:00Z"
    step["error"] = {"code": "RENDER_FAILED", "message": "old failure", "details": {}}
    step["outputs"].update(gcs_uri="gs://old/manifest.json", outputsManifestGcsUri="gs://old/manifest.json",
                           execution={"attempts": [{"attempt": 3, "outcome": "FAILED"}]})
    _put(firestore_client, run_id, previous)  # READY again, with the last run's leftovers

    claim = claim_step_transaction(client=firestore_client, run_id=run_id, step_id=step_id, owner="w")
    fresh = _doc(firestore_client, run_id)["steps"][step_id]
    assert {"error", "finishedAt"}.isdisjoint(fresh)
    assert set(fresh["outputs"]) == {"keep", "execution"}
    assert [a["attempt"] for a in fresh["outputs"]["execution"]["attempts"]] == [1]
    assert_valid(_doc(firestore_client, run_id), "rerun claimed")

    if final == "SUCCEEDED":
        assert finalize_step(client=firestore_client, run_id=run_id, step_id=step_id, status="SUCCEEDED",
                             finished_at=utc_now(), outputs_manifest_gcs_uri="gs://new/manifest.json",
                             lease=claim.lease).updated
        done = _doc(firestore_client, run_id)["steps"][step_id]
        assert "error" not in done and done["outputs"]["gcs_uri"] == "gs://new/manifest.json"
    else:
        from chart_export.errors import StepError

        assert finalize_step(client=firestore_client, run_id=run_id, step_id=step_id, status="FAILED",
                             finished_at=utc_now(), error=StepError("VALIDATION_FAILED", "new failure", {}),
                             lease=claim.lease).updated
        done = _doc(firestore_client, run_id)["steps"][step_id]
        assert done["error"]["message"] == "new failure"
        assert "gcs_uri" not in done["outputs"] and "outputsManifestGcsUri" not in done["outputs"]
    assert done["outputs"]["keep"] == "yes"
    assert_valid(_doc(firestore_client, run_id), f"rerun {final}")


# --- lost responses --------------------------------------------------------------------


@pytest.fixture()
def lose_a_response(monkeypatch):
    """``arm()``: the next ``DocumentReference.update`` commits on the emulator, then its
    response is lost — the caller sees DeadlineExceeded although the write happened."""
    real = DocumentReference.update
    state = {"armed": False, "lost": 0}

    def update(self, field_updates, *args, **kwargs):
        result = real(self, field_updates, *args, **kwargs)
        if state["armed"]:
            state["armed"] = False
            state["lost"] += 1
            raise api.DeadlineExceeded("response lost after commit (test)")
        return result

    monkeypatch.setattr(DocumentReference, "update", update)

    def arm() -> dict[str, Any]:
        state["armed"] = True
        return state

    return arm


def test_a_claim_whose_response_was_lost_is_still_ours(firestore_client, gcs_client, run_id, lose_a_response):
    step_id = STEP_IDS[0]
    _put(firestore_client, run_id, valid_run(run_id, step_id, candle_uri=_candles(gcs_client, run_id)))
    fault = lose_a_response()
    claim = claim_step_transaction(client=firestore_client, run_id=run_id, step_id=step_id, owner="w1",
                                   lease_seconds=60)
    assert fault["lost"] == 1, "the fault was not injected"
    assert (claim.claimed, claim.reason) == (True, "claimed")
    stored = _doc(firestore_client, run_id)["steps"][step_id]["outputs"]["execution"]
    assert stored["lease"]["token"] == claim.lease.token
    assert [a["attempt"] for a in stored["attempts"]] == [1]


def test_a_finalize_whose_response_was_lost_reports_success(firestore_client, gcs_client, run_id, lose_a_response):
    step_id = STEP_IDS[1]
    _put(firestore_client, run_id, valid_run(run_id, step_id, candle_uri=_candles(gcs_client, run_id)))
    claim = claim_step_transaction(client=firestore_client, run_id=run_id, step_id=step_id, owner="w1",
                                   lease_seconds=60)
    fault = lose_a_response()
    result = finalize_step(client=firestore_client, run_id=run_id, step_id=step_id, status="SUCCEEDED",
                           finished_at=utc_now(), outputs_manifest_gcs_uri="gs://b/m.json", lease=claim.lease)
    assert fault["lost"] == 1, "the fault was not injected"
    assert (result.updated, result.status, result.reason) == (True, "SUCCEEDED", "finalized")
    # ...while a separate, later finalize of the same step is the no-op it always was
    again = finalize_step(client=firestore_client, run_id=run_id, step_id=step_id, status="SUCCEEDED",
                          finished_at=utc_now(), outputs_manifest_gcs_uri="gs://b/m.json", lease=claim.lease)
    assert (again.updated, again.reason) == (False, "not_running")
    assert_valid(_doc(firestore_client, run_id), "finalize with a lost response")
