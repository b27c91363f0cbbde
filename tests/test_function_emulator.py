"""The deployed function end to end, on the emulators: a CloudEvent through
functions-framework's test client in, PNGs + manifest in fake GCS and a finalized step in the
Firestore emulator out."""

from __future__ import annotations

import json

import jsonschema
import pytest
from PIL import Image

from chart_export.templates import BUILTIN_TEMPLATE_IDS
from devtools.sample_data import candle_file, flow_run
from tests import _cloudevents as ce

pytestmark = pytest.mark.emulator

CANDLES_BUCKET = "artifacts-test"


def _post(client, headers, body):
    return client.post("/", headers=headers, data=body)


def _upload_candles(gcs_client, name: str, data: bytes) -> str:
    gcs_client.bucket(CANDLES_BUCKET).blob(name).upload_from_string(data, content_type="application/json")
    return f"gcs://{CANDLES_BUCKET}/{name}"


def _store_run(firestore_client, run_id, doc):
    firestore_client.collection("flow_runs").document(run_id).set(doc)
    return doc


def _deliver(app_client, run_id, doc, old=None):
    headers, body = ce.binary_protobuf(run_id, doc, old)
    return _post(app_client, headers, body)


def _step(firestore_client, run_id, step_id):
    return firestore_client.collection("flow_runs").document(run_id).get().to_dict()["steps"][step_id]


def _manifest(gcs_client, uri: str) -> dict:
    bucket, name = uri.removeprefix("gs://").split("/", 1)
    return json.loads(gcs_client.bucket(bucket).blob(name).download_as_bytes())


def test_five_builtin_charts_end_succeeded(app_client, firestore_client, gcs_client, charts_bucket, run_id):
    uri = _upload_candles(gcs_client, f"runs/{run_id}/ohlcv/1d.json", candle_file(600, timeframe="1d"))
    doc = _store_run(firestore_client, run_id, flow_run(run_id, candle_uri=uri))
    step_id = "charts:1d:all_builtins_v1"

    response = _deliver(app_client, run_id, doc)
    assert response.status_code == 200, response.data

    after = firestore_client.collection("flow_runs").document(run_id).get().to_dict()
    step = after["steps"][step_id]
    assert step["status"] == "SUCCEEDED", step.get("error")
    manifest_uri = step["outputs"]["gcs_uri"]
    assert manifest_uri == step["outputs"]["outputsManifestGcsUri"]
    lease = step["outputs"]["execution"]["lease"]
    claim_folder = f"charts/{run_id}/{step_id}/a1-{lease['token'][:10]}/"
    assert manifest_uri == f"gs://{charts_bucket}/{claim_folder}manifest.json"  # the claim's own, written once
    assert step["finishedAt"].endswith("Z") and step["outputs"]["execution"]["lease"]["attempt"] == 1
    # other steps untouched
    for other in set(doc["steps"]) - {step_id}:
        assert after["steps"][other] == doc["steps"][other]

    manifest = _manifest(gcs_client, manifest_uri)
    schema = json.loads(open("chart_export/schemas/charts_outputs_manifest.schema.json").read())
    jsonschema.validate(manifest, schema)
    assert [i["chartTemplateId"] for i in manifest["items"]] == list(BUILTIN_TEMPLATE_IDS)
    assert manifest["failures"] == [] and manifest["minImages"] == 5

    blobs = {b.name: b for b in gcs_client.list_blobs(charts_bucket, prefix=f"charts/{run_id}/")}
    assert len(blobs) == 6
    for item in manifest["items"]:
        name = item["png_gcs_uri"].removeprefix(f"gs://{charts_bucket}/")
        blob = blobs[name]
        assert blob.content_type == "image/png" and blob.size <= 262_144
        import io

        image = Image.open(io.BytesIO(blob.download_as_bytes()))
        assert image.format == "PNG" and image.size == (800, 600)
    assert blobs[f"{claim_folder}manifest.json"].content_type == "application/json"
    assert all(name.startswith(claim_folder) for name in blobs)


def test_own_writes_and_repeats_are_noops(app_client, firestore_client, gcs_client, charts_bucket, run_id):
    uri = _upload_candles(gcs_client, f"runs/{run_id}/1d.json", candle_file(300))
    doc = _store_run(firestore_client, run_id, flow_run(run_id, candle_uri=uri, templates=BUILTIN_TEMPLATE_IDS[:1]))
    assert _deliver(app_client, run_id, doc).status_code == 200
    ref = firestore_client.collection("flow_runs").document(run_id)
    final = ref.get()
    # the event our finalize write triggered, and a late duplicate of the original event
    assert _deliver(app_client, run_id, final.to_dict(), old=doc).status_code == 200
    assert _deliver(app_client, run_id, doc).status_code == 200
    assert ref.get().update_time == final.update_time
    assert len(list(gcs_client.list_blobs(charts_bucket, prefix=f"charts/{run_id}/"))) == 2


def test_validation_failure_finalizes_failed_naming_the_field(app_client, firestore_client, gcs_client, run_id):
    uri = _upload_candles(gcs_client, f"runs/{run_id}/1d.json", candle_file(100))
    doc = flow_run(run_id, candle_uri=uri, templates=BUILTIN_TEMPLATE_IDS[:2], min_images=3)
    _store_run(firestore_client, run_id, doc)
    assert _deliver(app_client, run_id, doc).status_code == 200
    step = _step(firestore_client, run_id, "charts:1d:all_builtins_v1")
    assert step["status"] == "FAILED"
    assert step["error"]["code"] == "VALIDATION_FAILED"
    assert "inputs.minImages" in step["error"]["message"]
    assert step["error"]["details"]["field"] == "inputs.minImages"


def test_below_min_images_fails_with_every_chart_failure(app_client, firestore_client, gcs_client, charts_bucket,
                                                         run_id):
    uri = _upload_candles(gcs_client, f"runs/{run_id}/1d.json", candle_file(200))
    templates = ("ctpl_price_ma1226_vol_v1", "ctpl_does_not_exist_v1", "ctpl_nor_this_v9")
    doc = _store_run(firestore_client, run_id, flow_run(run_id, candle_uri=uri, templates=templates, min_images=2))
    assert _deliver(app_client, run_id, doc).status_code == 200
    step = _step(firestore_client, run_id, "charts:1d:all_builtins_v1")
    assert step["status"] == "FAILED"
    assert step["error"]["code"] == "TEMPLATE_NOT_FOUND"
    details = step["error"]["details"]
    assert [f["chartTemplateId"] for f in details["failures"]] == list(templates[1:])
    assert details["rendered"] == 1 and details["minImages"] == 2
    manifest = _manifest(gcs_client, details["manifestGcsUri"])
    assert len(manifest["items"]) == 1 and len(manifest["failures"]) == 2
    assert "gcs_uri" not in step["outputs"]


def test_stored_template_overrides_builtin(app_client, firestore_client, gcs_client, run_id):
    template_id = "ctpl_price_ma1226_vol_v1"
    stored = {
        "id": template_id,
        "description": f"custom override {run_id}",
        "request": {"height": 500, "width": 700, "style": "candle", "theme": "dark", "timezone": "Etc/UTC",
                    "studies": [{"name": "Moving Average Exponential", "input": {"length": 50}}]},
    }
    firestore_client.collection("chart_templates").document(template_id).set(stored)
    try:
        uri = _upload_candles(gcs_client, f"runs/{run_id}/1d.json", candle_file(200))
        doc = _store_run(firestore_client, run_id, flow_run(run_id, candle_uri=uri, templates=(template_id,)))
        assert _deliver(app_client, run_id, doc).status_code == 200
        step = _step(firestore_client, run_id, "charts:1d:all_builtins_v1")
        assert step["status"] == "SUCCEEDED", step.get("error")
        item = _manifest(gcs_client, step["outputs"]["gcs_uri"])["items"][0]
        assert item["kind"] == stored["description"] and item["meta"]["template_source"] == "firestore"
        import io

        bucket, name = item["png_gcs_uri"].removeprefix("gs://").split("/", 1)
        image = Image.open(io.BytesIO(gcs_client.bucket(bucket).blob(name).download_as_bytes()))
        assert image.size == (700, 500)
    finally:
        firestore_client.collection("chart_templates").document(template_id).delete()


@pytest.mark.parametrize(
    "candles,code,fragment",
    [
        (None, "OHLCV_NOT_FOUND", "does not exist"),
        (b"", "VALIDATION_FAILED", ""),
        (b"not json", "VALIDATION_FAILED", "JSON"),
        (json.dumps([{"date": "2025-01-01T00:00:00Z", "open": 1, "high": 0.5, "low": 1, "close": 1,
                      "volume": 1}]).encode(), "VALIDATION_FAILED", "high"),
    ],
)
def test_bad_candles_fail_the_step(app_client, firestore_client, gcs_client, run_id, candles, code, fragment):
    name = f"runs/{run_id}/1d.json"
    if candles is not None:
        _upload_candles(gcs_client, name, candles)
    doc = _store_run(firestore_client, run_id,
                     flow_run(run_id, candle_uri=f"gs://{CANDLES_BUCKET}/{name}", templates=BUILTIN_TEMPLATE_IDS[:1]))
    assert _deliver(app_client, run_id, doc).status_code == 200
    step = _step(firestore_client, run_id, "charts:1d:all_builtins_v1")
    assert step["status"] == "FAILED" and step["error"]["code"] == code
    assert fragment in step["error"]["message"]


FORMS = {"protobuf": ce.binary_protobuf, "json-binary": ce.binary_json, "json-structured": ce.structured_json}


@pytest.mark.parametrize("event_type", ce.ALL_WRITE_TYPES + ce.ALL_DELETE_TYPES)
@pytest.mark.parametrize("form", FORMS)
def test_every_form_and_type_reaches_the_right_decision(app_client, firestore_client, gcs_client, charts_bucket,
                                                         run_id, form, event_type):
    """Writes (written/created/updated, with or without auth context) run the step; deletes
    are acknowledged no-ops — in protobuf, binary JSON and structured JSON alike."""
    uri = _upload_candles(gcs_client, f"runs/{run_id}/1d.json", candle_file(120))
    doc = _store_run(firestore_client, run_id, flow_run(run_id, candle_uri=uri, templates=BUILTIN_TEMPLATE_IDS[:1]))
    is_delete = event_type in ce.ALL_DELETE_TYPES
    value, old = (None, doc) if is_delete else (doc, None)
    headers, body = FORMS[form](run_id, value, old, event_type=event_type)
    assert app_client.post("/", headers=headers, data=body).status_code == 200
    status = _step(firestore_client, run_id, "charts:1d:all_builtins_v1")["status"]
    assert status == ("READY" if is_delete else "SUCCEEDED")


def test_one_events_lines_share_one_trace(app_client, firestore_client, gcs_client, charts_bucket, run_id, capsys):
    """The whole path (claim, charts, manifest, finalize): every line of the event carries the
    trace of its ``traceparent`` header, in the configured project, and its span id."""
    uri = _upload_candles(gcs_client, f"runs/{run_id}/ohlcv/1d.json", candle_file(300, timeframe="1d"))
    doc = _store_run(firestore_client, run_id, flow_run(run_id, candle_uri=uri, templates=BUILTIN_TEMPLATE_IDS[:2]))
    trace_id, span = "0af7651916cd43dd8448eb211c80319c", "b7ad6b7169203331"
    headers, body = ce.binary_protobuf(run_id, doc, extra_headers={"traceparent": f"00-{trace_id}-{span}-01"})
    capsys.readouterr()
    assert _post(app_client, headers, body).status_code == 200
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines() if line.startswith("{")]
    mine = [line for line in lines if line.get("runId") == run_id]
    events = {line.get("event") for line in mine}
    assert {"step_claimed", "chart_written", "manifest_written", "step_finalized", "event_done"} <= events
    assert len(mine) == len(lines)  # every line of the event names the run ...
    assert {line["logging.googleapis.com/trace"] for line in lines} == {  # ... and carries its trace
        f"projects/demo-chart-export/traces/{trace_id}"}
    assert {line["logging.googleapis.com/spanId"] for line in lines} == {span}
    print(f"FIGURE trace.lines_sharing_one_trace {len(lines)}")


def test_template_documents_in_firestore_keep_their_ignored_keys_and_refusals_per_chart(
        app_client, firestore_client, gcs_client, charts_bucket, run_id):
    """The deployed path, on the emulators: a ``chart_templates`` document with a misspelt input
    renders, its manifest item names the ignored key; one naming a study that needs a second
    symbol is a per-chart STUDY_NEEDS_OTHER_DATA failure; the step still SUCCEEDS with the rest."""
    suffix = run_id[-6:]
    typos, needs = f"ctpl_typos_{suffix}", f"ctpl_corr_{suffix}"
    templates = firestore_client.collection("chart_templates")
    templates.document(typos).set({"id": typos, "request": {"studies": [{"name": "RSI", "input": {"lenght": 3}}]}})
    templates.document(needs).set({"id": needs, "request": {"studies": [{"name": "Correlation Coefficient"}]}})
    uri = _upload_candles(gcs_client, f"runs/{run_id}/1d.json", candle_file(200))
    doc = _store_run(firestore_client, run_id, flow_run(run_id, candle_uri=uri, templates=(typos, needs),
                                                        min_images=1))
    assert _deliver(app_client, run_id, doc).status_code == 200
    step = _step(firestore_client, run_id, "charts:1d:all_builtins_v1")
    assert step["status"] == "SUCCEEDED", step.get("error")
    manifest = _manifest(gcs_client, step["outputs"]["gcs_uri"])
    assert [(i["chartTemplateId"], i["meta"]["template_source"], i["meta"]["ignored_keys"])
            for i in manifest["items"]] == [(typos, "firestore", ["request.studies[0].input.lenght"])]
    assert [(f["request"]["chartTemplateId"], f["error"]["code"]) for f in manifest["failures"]] == [
        (needs, "STUDY_NEEDS_OTHER_DATA")]
    assert "second symbol" in manifest["failures"][0]["error"]["message"]
