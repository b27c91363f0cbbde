"""The step runner in process, on the Firestore emulator: a bug after the claim fails the step
(INTERNAL_ERROR) instead of leaving it RUNNING, and is logged as an ERROR with its stack trace."""

from __future__ import annotations

import json

import pytest

from chart_export import logs
from chart_export.runner import DirectoryTemplates, StepRunner
from devtools.sample_data import flow_run

pytestmark = pytest.mark.emulator


class ExplodingStore:
    def read(self, uri: str, *, max_bytes: int) -> bytes:
        raise KeyError("a bug in the code, not in the input")

    def write(self, name: str, data: bytes, content_type: str) -> str:  # pragma: no cover - never reached
        raise AssertionError("nothing may be written")


def test_a_bug_after_the_claim_fails_the_step_and_logs_an_error(firestore_client, run_id, capsys):
    logs.configure("INFO")
    doc = flow_run(run_id, candle_uri="gs://b/c.json", templates=("ctpl_price_ma1226_vol_v1",))
    firestore_client.collection("flow_runs").document(run_id).set(doc)
    runner = StepRunner(documents=firestore_client, store=ExplodingStore(), templates=DirectoryTemplates(None))
    outcome = runner.process(run_id, "charts:1d:all_builtins_v1")
    assert outcome.status == "FAILED" and outcome.error.code == "INTERNAL_ERROR"
    step = firestore_client.collection("flow_runs").document(run_id).get().to_dict()["steps"]["charts:1d:all_builtins_v1"]
    assert step["status"] == "FAILED" and step["error"]["code"] == "INTERNAL_ERROR"
    assert "KeyError" in step["error"]["message"]
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines() if line.startswith("{")]
    crashed = [e for e in lines if e.get("event") == "step_crashed"]
    assert crashed and crashed[0]["severity"] == "ERROR" and "KeyError" in crashed[0]["stack_trace"]
    assert crashed[0]["runId"] == run_id


def test_refused_writes_fail_each_chart_and_the_manifest_on_fake_gcs(firestore_client, gcs_client, charts_bucket,
                                                                     run_id):
    """A bucket that does not exist refuses every write for good: each chart is a
    GCS_WRITE_FAILED, the manifest a MANIFEST_WRITE_FAILED, and the step ends FAILED with every
    per-chart failure in its details — no retry loop, no redelivery."""
    from chart_export.runner import FirestoreTemplates
    from chart_export.storage import GcsStore
    from devtools.sample_data import candle_file

    gcs_client.bucket("artifacts-test").blob(f"{run_id}.json").upload_from_string(candle_file(80))
    templates = ("ctpl_price_ma1226_vol_v1", "ctpl_price_psar_adi_v1")
    doc = flow_run(run_id, candle_uri=f"gs://artifacts-test/{run_id}.json", templates=templates, min_images=0)
    firestore_client.collection("flow_runs").document(run_id).set(doc)
    runner = StepRunner(documents=firestore_client, store=GcsStore(gcs_client, "no-such-bucket-here"),
                        templates=FirestoreTemplates(firestore_client))
    outcome = runner.process(run_id, "charts:1d:all_builtins_v1")
    assert outcome.status == "FAILED" and outcome.error.code == "MANIFEST_WRITE_FAILED"
    step = firestore_client.collection("flow_runs").document(run_id).get().to_dict()["steps"]["charts:1d:all_builtins_v1"]
    assert step["status"] == "FAILED" and step["error"]["code"] == "MANIFEST_WRITE_FAILED"
    details = step["error"]["details"]
    assert details["object"].endswith("/manifest.json")
    assert [(f["chartTemplateId"], f["code"]) for f in details["failures"]] == [
        (t, "GCS_WRITE_FAILED") for t in templates]


@pytest.mark.parametrize("fails", [False, True], ids=["succeeded", "failed"])
def test_every_time_written_keeps_milliseconds_and_durations_add_up(firestore_client, gcs_client, charts_bucket,
                                                                    run_id, fails):
    """``finishedAt`` used to be cut to whole seconds while the start kept milliseconds: a 253 ms
    step showed ``durationMs`` 160, a failed one 0 with ``endedAt`` before its ``claimedAt``."""
    from chart_export.storage import GcsStore
    from chart_export.timeutil import parse_rfc3339
    from devtools.sample_data import candle_file

    gcs_client.bucket("artifacts-test").blob(f"{run_id}.json").upload_from_string(
        b"not json" if fails else candle_file(300))
    doc = flow_run(run_id, candle_uri=f"gs://artifacts-test/{run_id}.json", templates=("ctpl_price_ma1226_vol_v1",))
    ref = firestore_client.collection("flow_runs").document(run_id)
    ref.set(doc)
    runner = StepRunner(documents=firestore_client, store=GcsStore(gcs_client, charts_bucket),
                        templates=DirectoryTemplates(None))
    outcome = runner.process(run_id, "charts:1d:all_builtins_v1")
    assert outcome.status == ("FAILED" if fails else "SUCCEEDED")
    step = ref.get().to_dict()["steps"]["charts:1d:all_builtins_v1"]
    execution = step["outputs"]["execution"]
    timing, attempt = execution["timing"], execution["attempts"][0]
    stamps = [step["finishedAt"], timing["startedAt"], timing["finishedAt"], attempt["claimedAt"], attempt["endedAt"]]
    assert all(len(s) == len("2025-12-15T10:26:15.123Z") for s in stamps), stamps
    assert step["finishedAt"] == timing["finishedAt"] == attempt["endedAt"]
    assert timing["startedAt"] == attempt["claimedAt"]
    started, finished = parse_rfc3339(timing["startedAt"]), parse_rfc3339(timing["finishedAt"])
    assert timing["durationMs"] == round((finished - started).total_seconds() * 1000) > 0
    if not fails:
        manifest_uri = step["outputs"]["gcs_uri"].removeprefix(f"gs://{charts_bucket}/")
        manifest = json.loads(gcs_client.bucket(charts_bucket).blob(manifest_uri).download_as_bytes())
        assert len(manifest["createdAt"]) == len(manifest["items"][0]["generatedAt"]) == len(stamps[0])
