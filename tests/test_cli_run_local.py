"""``python -m chart_export run-local``: the step runner with a JSON file for Firestore and a
folder for the bucket."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from google.cloud.firestore_v1.field_path import FieldPath
from PIL import Image

from chart_export.cli import main
from chart_export.templates import BUILTIN_TEMPLATE_IDS
from devtools.sample_data import candle_file, flow_run

REPO = Path(__file__).resolve().parents[1]
RUN_ID = "20251215-102530_BTCUSDT_k3f7a"


def _files(tmp_path: Path, **kwargs) -> tuple[Path, Path, dict]:
    candles = tmp_path / "candles.json"
    candles.write_bytes(candle_file(300, timeframe="1d"))
    doc = flow_run(RUN_ID, candle_uri="gs://somewhere/else.json", **kwargs)
    run = tmp_path / "run.json"
    run.write_text(json.dumps(doc))
    return run, candles, doc


def test_run_local_renders_all_five_and_applies_the_patches(tmp_path, capsys):
    run, candles, doc = _files(tmp_path)
    out = tmp_path / "out"
    assert main(["run-local", "--flow-run", str(run), "--candles", str(candles), "--out", str(out)]) == 0
    step_id = "charts:1d:all_builtins_v1"
    folder = out / "charts" / RUN_ID / step_id
    pngs = sorted(folder.glob("*/*.png"), key=lambda p: p.name)
    assert [p.name for p in pngs] == sorted(f"BTCUSDT_1d_{t}.png" for t in BUILTIN_TEMPLATE_IDS)
    lease = json.loads((out / "flow_run.json").read_text())["steps"][step_id]["outputs"]["execution"]["lease"]
    claim_folder = folder / f"a1-{lease['token'][:10]}"
    assert {p.parent for p in pngs} == {claim_folder}  # the claim's own folder
    for png in pngs:
        assert Image.open(png).size == (800, 600) and png.stat().st_size <= 262_144
    manifest = json.loads((claim_folder / "manifest.json").read_text())
    assert len(manifest["items"]) == 5 and manifest["failures"] == []

    after = json.loads((out / "flow_run.json").read_text())
    step = after["steps"][step_id]
    assert step["status"] == "SUCCEEDED"
    assert step["outputs"]["gcs_uri"] == (
        f"gs://local-charts/charts/{RUN_ID}/{step_id}/{claim_folder.name}/manifest.json")
    for other in set(doc["steps"]) - {step_id}:
        assert after["steps"][other] == doc["steps"][other]
    patches = json.loads((out / "patches.json").read_text())
    assert len(patches) == 2
    for patch in patches:
        for key in patch["patch"]:
            assert FieldPath.from_string(key).parts[:2] == ("steps", step_id)
    assert str(claim_folder / "manifest.json") in capsys.readouterr().out


def test_run_local_failure_is_recorded_in_the_copy(tmp_path):
    run, candles, _ = _files(tmp_path, templates=("ctpl_unknown_v1",), min_images=1)
    out = tmp_path / "out"
    assert main(["run-local", "--flow-run", str(run), "--candles", str(candles), "--out", str(out)]) == 1
    step = json.loads((out / "flow_run.json").read_text())["steps"]["charts:1d:all_builtins_v1"]
    assert step["status"] == "FAILED" and step["error"]["code"] == "TEMPLATE_NOT_FOUND"


def test_run_local_stands_in_for_a_missing_ohlcv_step(tmp_path):
    run, candles, doc = _files(tmp_path)
    del doc["steps"]["ohlcv_export:1d"]
    run.write_text(json.dumps(doc))
    out = tmp_path / "out"
    assert main(["run-local", "--flow-run", str(run), "--candles", str(candles), "--out", str(out),
                 "--step-id", "charts:1d:all_builtins_v1"]) == 0


def test_run_local_bad_files_exit_2_without_traceback(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "chart_export", "run-local", "--flow-run", str(tmp_path / "nope.json"),
                           "--candles", str(tmp_path / "c.json"), "--out", str(tmp_path / "o")],
                          capture_output=True, text=True, cwd=REPO)
    assert proc.returncode == 2 and "no such file" in proc.stderr and "Traceback" not in proc.stderr
    bad = tmp_path / "bad.json"
    bad.write_text("[1, 2]")
    (tmp_path / "c.json").write_text("[]")
    proc = subprocess.run([sys.executable, "-m", "chart_export", "run-local", "--flow-run", str(bad),
                           "--candles", str(tmp_path / "c.json"), "--out", str(tmp_path / "o")],
                          capture_output=True, text=True, cwd=REPO)
    assert proc.returncode == 2 and "JSON object" in proc.stderr


VECTORS = REPO.parent / "shared" / "reference" / "test-vectors"


def test_the_reference_test_vectors_come_out_as_expected(tmp_path):
    """The system's test vectors: a READY chart step -> the expected step patch and manifest
    (object names differ by design: every object of ours lies in its claim's folder under the
    step's prefix, written once; the document names the published claim's manifest)."""
    import pytest

    if not VECTORS.exists():
        pytest.skip(f"reference test vectors not found at {VECTORS}")
    expected_manifest = json.loads((VECTORS / "expected_manifest.json").read_text())
    expected_step = json.loads((VECTORS / "expected_flow_run_step_patch.json").read_text())
    candles = tmp_path / "candles.json"
    candles.write_bytes(candle_file(60, timeframe="1M"))
    out = tmp_path / "out"
    assert main(["run-local", "--flow-run", str(VECTORS / "flow_run_ready_chart_step.json"),
                 "--candles", str(candles), "--out", str(out)]) == 0

    step_id = expected_step["stepId"]
    step = json.loads((out / "flow_run.json").read_text())["steps"][step_id]
    assert step["status"] == expected_step["expectedStepAfterSuccess"]["status"]
    want_uri = expected_step["expectedStepAfterSuccess"]["outputs"]["outputsManifestGcsUri"]
    prefix = want_uri.replace("ARTIFACTS_BUCKET", "local-charts").rsplit("/", 1)[0] + "/"
    lease = step["outputs"]["execution"]["lease"]
    published = f"{prefix}a1-{lease['token'][:10]}/manifest.json"
    assert step["outputs"]["outputsManifestGcsUri"] == step["outputs"]["gcs_uri"] == published

    manifest = json.loads((out / published.removeprefix("gs://local-charts/")).read_text())
    for key in ("schemaVersion", "runId", "stepId", "symbol", "timeframe", "minImages", "requested", "failures"):
        assert manifest[key] == expected_manifest[key], key
    assert [(i["chartTemplateId"], i["kind"]) for i in manifest["items"]] == [
        (i["chartTemplateId"], i["kind"]) for i in expected_manifest["items"]]
    assert all(i["png_gcs_uri"].startswith(published.removesuffix("manifest.json")) for i in manifest["items"])
