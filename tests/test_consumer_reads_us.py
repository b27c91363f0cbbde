"""The workflow's consumer reads what we publish, with its own code.

``217th/tda_worker_llm_client`` (the LLM_REPORT worker) resolves our step's manifest from the run
document, loads the manifest and every PNG it names from Cloud Storage, and assembles its
prompt. These tests run that code — its ``FlowRun`` / ``LLMReportStep`` parsing, its
``UserInputAssembler`` and its ``GcsArtifactStore`` — against a chart step our runner finished
on the emulators. They need a checkout of the consumer: ``TDA_CONSUMER_DIR=/path/to/checkout``
(the suite skips them without one; it is not vendored, it is the consumer's code, not ours).
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

from chart_export.runner import FirestoreTemplates, StepRunner
from chart_export.storage import GcsStore
from chart_export.templates import BUILTIN_TEMPLATE_IDS
from devtools.sample_data import candle_file, flow_run

pytestmark = pytest.mark.emulator

CONSUMER = os.environ.get("TDA_CONSUMER_DIR", "")
if not CONSUMER or not (Path(CONSUMER) / "worker_llm_client").is_dir():
    pytest.skip("set TDA_CONSUMER_DIR to a checkout of 217th/tda_worker_llm_client", allow_module_level=True)
sys.path.insert(0, CONSUMER)

from worker_llm_client.infra.gcs import GcsArtifactStore  # noqa: E402
from worker_llm_client.reporting.services import (  # noqa: E402
    MAX_CONTEXT_BYTES_PER_JSON_ARTIFACT,
    UserInputAssembler,
    _extract_chart_entries,
    _extract_charts_generated_at,
)
from worker_llm_client.workflow.domain import FlowRun, LLMReportStep  # noqa: E402

CHART_STEP = "charts:1d:all_builtins_v1"
LLM_STEP = "llm_report:1d:prompt_v1"
BUILTINS = BUILTIN_TEMPLATE_IDS
#: A template whose studies draw many labels, lines and tables: its meta is what makes a manifest big.
HEAVY = {
    "id": "t_consumer_heavy", "description": "drawing studies",
    "chartImgSymbolTemplate": "BINANCE:{symbol}",
    "request": {"width": 800, "height": 600, "theme": "dark", "timezone": "Etc/UTC", "studies": [
        {"name": "Zig Zag", "input": {"in_0": 1}}, {"name": "Pivot Points High Low", "input": {"in_1": 2}},
        {"name": "Williams Fractals"}, {"name": "Pivot Points Standard"}, {"name": "Auto Fib Retracement"},
        {"name": "Gaps"}, {"name": "Performance"}, {"name": "Trading Sessions"}]},
}


def _llm_inputs() -> dict:
    """What the workflow writes into the LLM_REPORT step (the consumer's required inputs)."""
    return {"llm": {"promptId": "p", "llmProfile": {"responseMimeType": "application/json", "candidateCount": 1,
                                                   "structuredOutput": {"schemaId": "s"}}},
            "ohlcvStepId": "ohlcv_export:1d", "chartsManifestStepId": CHART_STEP}


def _finish_chart_step(firestore_client, gcs_client, bucket, run_id, templates, *, bars, chart_bars=None):
    """Our runner finishes the chart step; the run document as the consumer then reads it."""
    small = f"{run_id}.json"
    gcs_client.bucket("artifacts-test").blob(small).upload_from_string(candle_file(bars))
    doc = flow_run(run_id, candle_uri=f"gs://artifacts-test/{small}", templates=templates, min_images=1)
    if chart_bars:  # the chart step reads a longer history than the OHLCV step the consumer reads
        big = f"{run_id}-long.json"
        gcs_client.bucket("artifacts-test").blob(big).upload_from_string(candle_file(chart_bars))
        doc["steps"][CHART_STEP]["inputs"]["ohlcv_gcs_uri"] = f"gs://artifacts-test/{big}"
    doc["steps"][LLM_STEP]["inputs"] = _llm_inputs()
    ref = firestore_client.collection("flow_runs").document(run_id)
    ref.set(doc)
    runner = StepRunner(documents=firestore_client, store=GcsStore(gcs_client, bucket),
                        templates=FirestoreTemplates(firestore_client))
    assert runner.process(run_id, CHART_STEP).status == "SUCCEEDED"
    return ref.get().to_dict()


def _consumer_reads(doc, gcs_client):
    flow = FlowRun.from_raw(doc, run_id=doc["runId"])
    step = LLMReportStep.from_flow_step(flow.get_step(LLM_STEP))
    inputs = step.parse_inputs(flow_run=flow)
    resolved = UserInputAssembler(artifact_store=GcsArtifactStore(client=gcs_client)).resolve(
        flow_run=flow, step=step, inputs=inputs)
    return inputs, resolved


def _our_pngs(gcs_client, manifest) -> dict[str, bytes]:
    return {item["png_gcs_uri"]: _read(gcs_client, item["png_gcs_uri"])
            for item in manifest["items"] if item.get("png_gcs_uri")}


def test_the_consumer_loads_our_manifest_and_every_png_byte_for_byte(firestore_client, gcs_client, charts_bucket,
                                                                     run_id):
    doc = _finish_chart_step(firestore_client, gcs_client, charts_bucket, run_id, BUILTINS, bars=300)
    ours = doc["steps"][CHART_STEP]["outputs"]
    inputs, resolved = _consumer_reads(doc, gcs_client)
    assert inputs.charts_manifest_gcs_uri == ours["outputsManifestGcsUri"]
    manifest = resolved.charts_manifest.data
    assert manifest == json.loads(_read(gcs_client, ours["outputsManifestGcsUri"]))
    pngs = _our_pngs(gcs_client, manifest)
    assert len(pngs) == len(BUILTINS)
    assert {img.uri: img.data for img in resolved.chart_images} == pngs
    assert all(img.data.startswith(b"\x89PNG\r\n\x1a\n") for img in resolved.chart_images)
    # its entries name our templates, in our order, and its "generated at" is our createdAt
    assert [e.template_id for e in _extract_chart_entries(manifest)] == list(BUILTINS)
    assert _extract_charts_generated_at(manifest) == manifest["createdAt"]
    assert resolved.symbol == "BTCUSDT" and resolved.timeframe == "1d"
    text = UserInputAssembler(artifact_store=GcsArtifactStore(client=gcs_client)).assemble(
        base_user_prompt="Analyse.", resolved=resolved).text
    for template in BUILTINS:
        assert template in text


def test_a_manifest_of_drawing_studies_stays_under_the_consumers_json_limit(firestore_client, gcs_client,
                                                                           charts_bucket, run_id):
    """The consumer refuses a JSON artifact over 64 KiB: drawings and tables are the first meta
    a large manifest sheds, and the consumer still gets every PNG."""
    heavy = tuple(f"{HEAVY['id']}_{i}" for i in range(4))
    for template_id in heavy:  # four of them: together their drawings are well over 64 KiB of meta
        firestore_client.collection("chart_templates").document(template_id).set({**HEAVY, "id": template_id})
    doc = _finish_chart_step(firestore_client, gcs_client, charts_bucket, run_id,
                             (*heavy, *BUILTINS), bars=300, chart_bars=3000)
    _, resolved = _consumer_reads(doc, gcs_client)
    assert resolved.charts_manifest.bytes_len <= MAX_CONTEXT_BYTES_PER_JSON_ARTIFACT
    manifest = resolved.charts_manifest.data
    assert "drawings" in manifest["items"][0]["meta"]["shed"]  # the limit was reached and met by shedding
    assert {img.uri: img.data for img in resolved.chart_images} == _our_pngs(gcs_client, manifest)
    assert len(resolved.chart_images) == len(heavy) + len(BUILTINS)
    assert [e.template_id for e in _extract_chart_entries(manifest)] == [*heavy, *BUILTINS]


def _read(gcs_client, uri: str) -> bytes:
    bucket, _, name = uri.removeprefix("gs://").partition("/")
    return gcs_client.bucket(bucket).blob(name).download_as_bytes()
