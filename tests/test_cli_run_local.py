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


def _run_local(tmp_path, run, candles, *more):
    return subprocess.run([sys.executable, "-m", "chart_export", "run-local", "--flow-run", str(run),
                           "--candles", str(candles), "--out", str(tmp_path / "o"), *more],
                          capture_output=True, text=True, cwd=REPO, timeout=120)


def test_a_step_that_is_not_eligible_says_why(tmp_path):
    """``--step-id`` naming a step the function would not run: the reason, not just SKIPPED."""
    run, candles, doc = _files(tmp_path)
    step_id = "charts:1d:all_builtins_v1"
    cases = [("PENDING", None, "its status is PENDING; only READY steps are run"),
             ("READY", "RUNNING", "it waits for its dependencies: ohlcv_export:1d (RUNNING); each must be SUCCEEDED")]
    for status, dep_status, reason in cases:
        doc["steps"][step_id]["status"] = status
        if dep_status:
            doc["steps"]["ohlcv_export:1d"]["status"] = dep_status
        run.write_text(json.dumps(doc))
        proc = _run_local(tmp_path, run, candles, "--step-id", step_id)
        assert proc.returncode == 1
        assert f"{step_id}: SKIPPED, not run: {reason}" in proc.stdout, proc.stdout
    proc = _run_local(tmp_path, run, candles, "--step-id", "ohlcv_export:1d")
    assert "ohlcv_export:1d: SKIPPED, not run: its stepType is OHLCV_EXPORT" in proc.stdout


def test_a_bad_candle_file_is_reported_against_the_users_path(tmp_path):
    run, _, _ = _files(tmp_path)
    bad = tmp_path / "my candles.json"
    bad.write_text('[{"date": "2025-01-01T00:00:00Z", "open": 1, "high": 2, "low": 0.5, "close": 1}]')
    proc = _run_local(tmp_path, run, bad)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert proc.stderr.startswith(f"error: VALIDATION_FAILED: {bad}: row ")
    assert "gs://" not in proc.stderr


def test_a_flow_run_that_is_not_json_is_named(tmp_path):
    _, candles, _ = _files(tmp_path)
    broken = tmp_path / "run.json"
    broken.write_text('{"steps": ')
    proc = _run_local(tmp_path, broken, candles)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert f"error: {broken}: not valid JSON: " in proc.stderr


def test_one_chart_is_one_chart(tmp_path, capsys):
    run, candles, _ = _files(tmp_path, templates=("ctpl_price_ma1226_vol_v1",), min_images=1)
    assert main(["run-local", "--flow-run", str(run), "--candles", str(candles), "--out", str(tmp_path / "o")]) == 0
    assert "charts:1d:all_builtins_v1: SUCCEEDED (1 chart, 0 failed)" in capsys.readouterr().out


def test_a_lease_too_short_to_work_is_refused_before_any_work(tmp_path):
    run, candles, _ = _files(tmp_path)
    env = {**__import__("os").environ, "CHART_EXPORT_LEASE_SECONDS": "1"}
    proc = subprocess.run([sys.executable, "-m", "chart_export", "run-local", "--flow-run", str(run),
                           "--candles", str(candles), "--out", str(tmp_path / "o")],
                          capture_output=True, text=True, cwd=REPO, timeout=120, env=env)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr and "LeaseExpired" not in proc.stderr
    assert proc.stderr.strip() == ("error: configuration: CHART_EXPORT_LEASE_SECONDS='1' must be at least 3: a worker "
                                   "stops writing 0.5 s or more before its lease expires, and a step's claim, candle "
                                   "read, render and writes need the rest")
    assert not (tmp_path / "o").exists()


def test_ignored_template_keys_are_a_warning_and_in_the_manifest_meta(tmp_path):
    """The function's path (the step runner): one WARNING per chart naming each ignored key,
    with the step's ids, and the keys in that chart's manifest ``meta.ignored_keys``."""
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "ctpl_typos.json").write_text(json.dumps({"id": "ctpl_typos", "request": {"studies": [
        {"name": "RSI", "input": {"lenght": 3}, "overide": {}}]}}))
    run, candles, _ = _files(tmp_path, templates=("ctpl_typos", "ctpl_price_ma1226_vol_v1"))
    out = tmp_path / "o"  # where _run_local writes
    proc = _run_local(tmp_path, run, candles, "--templates", str(templates), "--log-level", "WARNING")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    lines = [json.loads(line) for line in proc.stdout.splitlines() if line.startswith("{")]
    warned = [line for line in lines if line.get("event") == "template_keys_ignored"]
    keys = ["request.studies[0].input.lenght", "request.studies[0].overide"]
    assert [(w["severity"], w["chartTemplateId"], w["ignored"]) for w in warned] == [("WARNING", "ctpl_typos", keys)]
    assert warned[0]["runId"] == RUN_ID and warned[0]["stepId"] == "charts:1d:all_builtins_v1"
    step = json.loads((out / "flow_run.json").read_text())["steps"]["charts:1d:all_builtins_v1"]
    manifest = json.loads((out / step["outputs"]["gcs_uri"].removeprefix("gs://local-charts/")).read_text())
    metas = {item["chartTemplateId"]: item["meta"] for item in manifest["items"]}
    assert metas["ctpl_typos"]["ignored_keys"] == keys
    assert "ignored_keys" not in metas["ctpl_price_ma1226_vol_v1"]


def test_why_not_runnable_names_a_malformed_step_and_not_its_neighbours():
    from chart_export.localrun import why_not_runnable
    from chart_export.selection import select_steps

    doc = {"steps": {"a:b": {"stepType": "CHART_EXPORT", "status": "READY", "dependsOn": "x"},
                     "a:b:c": {"stepType": "CHART_EXPORT", "status": "READY", "dependsOn": 7},
                     "done": {"stepType": "CHART_EXPORT", "status": "SUCCEEDED"}}}
    selection = select_steps(doc)
    assert why_not_runnable(doc, "a:b", selection) == "step 'a:b': dependsOn is not a list (str)"
    assert why_not_runnable(doc, "done", selection).startswith("its status is SUCCEEDED")
