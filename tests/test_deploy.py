"""The deploy, rehearsed offline: the README's gcloud command parses with the installed SDK,
the upload holds exactly what the function needs, and those files alone — in a fresh venv
with requirements.txt — serve an event to SUCCEEDED."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
import requests

REPO = Path(__file__).resolve().parents[1]
GCLOUD = shutil.which("gcloud")
needs_gcloud = pytest.mark.skipif(GCLOUD is None, reason="gcloud SDK not installed")


def _offline_gcloud_env(tmp_path: Path) -> dict[str, str]:
    return {**os.environ, "CLOUDSDK_CONFIG": str(tmp_path / "gcloud-config"), "CLOUDSDK_CORE_PROJECT": "demo-project",
            "CLOUDSDK_CORE_DISABLE_PROMPTS": "1", "CLOUDSDK_COMPONENT_MANAGER_DISABLE_UPDATE_CHECK": "1"}


def readme_deploy_command() -> list[str]:
    text = (REPO / "README.md").read_text()
    block = re.search(r"<!-- deploy-command.*?-->\s*```bash\n(.*?)```", text, re.S)
    assert block, "README has no deploy command block"
    return shlex.split(block.group(1).replace("\\\n", " "))


def test_readme_deploy_command_has_the_contract_flags():
    argv = readme_deploy_command()
    assert argv[:4] == ["gcloud", "functions", "deploy", "worker-chart-export"]
    flags = set(argv[4:])
    for required in ("--gen2", "--runtime=python313", "--entry-point=worker_chart_export", "--retry",
                     "--trigger-event-filters=type=google.cloud.firestore.document.v1.written",
                     "--trigger-event-filters-path-pattern=document=flow_runs/{runId}",
                     "--ingress-settings=internal-only"):  # Eventarc counts as internal (README, Deploy)
        assert required in flags, required
    env_vars = next(a for a in argv if a.startswith("--set-env-vars="))
    assert "CHARTS_BUCKET=" in env_vars


@needs_gcloud
def test_installed_gcloud_accepts_every_flag(tmp_path):
    """gcloud parses all flags before it needs credentials: with none configured, a command whose
    flags are all valid fails on authentication, never on an argument."""
    argv = [GCLOUD, *(a.replace("--source=.", f"--source={REPO}") for a in readme_deploy_command()[1:])]
    proc = subprocess.run(argv, capture_output=True, text=True, env=_offline_gcloud_env(tmp_path), timeout=180,
                          stdin=subprocess.DEVNULL)
    output = proc.stdout + proc.stderr
    assert proc.returncode != 0
    assert "unrecognized arguments" not in output and "Invalid value" not in output, output
    assert re.search(r"credential|active account|gcloud auth login", output, re.I), output
    # and the check can fail: a misspelt flag is reported as such
    bad = subprocess.run([*argv, "--retyr"], capture_output=True, text=True, env=_offline_gcloud_env(tmp_path),
                         timeout=180, stdin=subprocess.DEVNULL)
    assert "unrecognized arguments" in bad.stderr
    # and a value gcloud does not know is refused as well (internal-only is one it knows)
    wrong = [a.replace("--ingress-settings=internal-only", "--ingress-settings=internal") for a in argv]
    bad_value = subprocess.run(wrong, capture_output=True, text=True, env=_offline_gcloud_env(tmp_path), timeout=180,
                               stdin=subprocess.DEVNULL)
    assert "ingress-settings" in bad_value.stderr and "internal-only" in bad_value.stderr, bad_value.stderr


def upload_files(tmp_path: Path) -> list[str]:
    proc = subprocess.run([GCLOUD, "meta", "list-files-for-upload", str(REPO)], capture_output=True, text=True,
                          env=_offline_gcloud_env(tmp_path), timeout=120, check=True)
    return sorted(line.strip() for line in proc.stdout.splitlines() if line.strip())


@needs_gcloud
def test_upload_is_the_function_and_nothing_else(tmp_path):
    files = upload_files(tmp_path)
    assert "main.py" in files and "requirements.txt" in files
    package = {f for f in files if f.startswith("chart_export/")}
    tracked = subprocess.run(["git", "ls-files", "chart_export"], capture_output=True, text=True, cwd=REPO,
                             check=True).stdout.split()
    assert set(tracked) <= package, set(tracked) - package
    for forbidden in ("tests/", "devtools/", "benchmarks/", "docs/", ".venv/", ".git/", ".ci/"):
        assert not [f for f in files if f.startswith(forbidden)], forbidden
    assert not {"Makefile", "README.md", "requirements-dev.txt", "pytest.ini"} & set(files)


def _python313() -> str:
    found = subprocess.run([str(REPO / "devtools" / "find-python.sh")], capture_output=True, text=True).stdout.strip()
    return found or sys.executable


@needs_gcloud
@pytest.mark.slow
def test_deploy_rehearsal_serves_an_event_to_succeeded(tmp_path, firestore_client, gcs_client, charts_bucket,
                                                       server_logs):
    from devtools.emulators import start_function
    from devtools.sample_data import flow_run, candle_file
    from tests._cloudevents import binary_protobuf

    upload = tmp_path / "upload"
    for name in upload_files(tmp_path):
        (upload / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(REPO / name, upload / name)
    venv = tmp_path / "venv"
    subprocess.run([_python313(), "-m", "venv", str(venv)], check=True, timeout=300)
    subprocess.run([str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet", "-r",
                    str(upload / "requirements.txt")], check=True, timeout=900, cwd=upload)

    run_id = f"20251215-102530_BTCUSDT_{uuid.uuid4().hex[:6]}"
    gcs_client.bucket("artifacts-test").blob(f"{run_id}.json").upload_from_string(candle_file(400))
    doc = flow_run(run_id, candle_uri=f"gs://artifacts-test/{run_id}.json")
    firestore_client.collection("flow_runs").document(run_id).set(doc)

    env = {k: os.environ[k] for k in ("FIRESTORE_EMULATOR_HOST", "STORAGE_EMULATOR_HOST", "GOOGLE_CLOUD_PROJECT")}
    server = start_function(server_logs, env={**env, "CHARTS_BUCKET": charts_bucket, "PYTHONPATH": ""},
                            source=upload / "main.py", python=str(venv / "bin" / "python"), cwd=upload)
    try:
        headers, body = binary_protobuf(run_id, doc)
        response = requests.post(server.url, headers=headers, data=body, timeout=120)
        assert response.status_code == 200, server.log_path.read_text()[-3000:]
    finally:
        server.stop()
    step = firestore_client.collection("flow_runs").document(run_id).get().to_dict()["steps"]["charts:1d:all_builtins_v1"]
    assert step["status"] == "SUCCEEDED", step.get("error")
    names = [b.name for b in gcs_client.list_blobs(charts_bucket, prefix=f"charts/{run_id}/")]
    assert len(names) == 6
