"""A misconfigured instance fails at start with one JSON log line per problem."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


CONFIG_VARS = {"CHARTS_BUCKET", "LOG_LEVEL", "FIRESTORE_DB", "CHART_EXPORT_LEASE_SECONDS",
               "CHART_EXPORT_MAX_CANDLE_BYTES", "CHART_EXPORT_MAX_ATTEMPTS"}


def _import_main(**env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in CONFIG_VARS}
    return subprocess.run([sys.executable, "-c", "import main"], capture_output=True, text=True, cwd=REPO,
                          env={**clean, **env}, timeout=60)


def test_bad_config_fails_fast_with_one_line_per_problem():
    proc = _import_main(LOG_LEVEL="LOUD", CHART_EXPORT_LEASE_SECONDS="soon")
    assert proc.returncode == 1 and proc.stderr == ""  # the JSON lines, then exit 1: no traceback
    lines = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [line["event"] for line in lines] == ["config_invalid"] * 3
    assert all(line["severity"] == "CRITICAL" for line in lines)
    reasons = " | ".join(line["reason"] for line in lines)
    assert "CHARTS_BUCKET is required" in reasons and "LOG_LEVEL" in reasons and "CHART_EXPORT_LEASE_SECONDS" in reasons


def test_startup_logs_exactly_one_config_invalid_line_per_problem():
    """The forms the workflow's deployments get wrong: a path in the bucket URI, nan/inf numbers,
    an attempt bound of 0 — each is one CRITICAL JSON line whose reason is that problem."""
    from chart_export.config import ConfigError, load_settings

    env = {"CHARTS_BUCKET": "gs://my-charts/exports", "CHART_EXPORT_LEASE_SECONDS": "nan",
           "CHART_EXPORT_MAX_CANDLE_BYTES": "inf", "CHART_EXPORT_MAX_ATTEMPTS": "0"}
    try:
        load_settings(env)
    except ConfigError as exc:
        expected = exc.problems
    assert len(expected) == 4
    proc = _import_main(**env)
    assert proc.returncode == 1 and proc.stderr == ""
    lines = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [(line["event"], line["severity"], line["reason"]) for line in lines] == [
        ("config_invalid", "CRITICAL", problem) for problem in expected]


def test_functions_framework_with_a_bad_config_prints_one_line_per_problem_and_exits():
    """What an instance does at start: functions-framework imports ``main.py``; the lines of
    ``config_invalid`` and exit status 1, no traceback (a lease too short to work included)."""
    env = {k: v for k, v in os.environ.items() if k not in CONFIG_VARS}
    ff = Path(sys.executable).with_name("functions-framework")
    proc = subprocess.run([str(ff), "--source=main.py", "--target=worker_chart_export", "--signature-type=cloudevent",
                           "--port=0"], capture_output=True, text=True, cwd=REPO, timeout=60,
                          env={**env, "CHART_EXPORT_LEASE_SECONDS": "1"})
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr and proc.stderr.strip() == "", proc.stderr
    lines = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [line["event"] for line in lines] == ["config_invalid"] * 2
    assert "CHART_EXPORT_LEASE_SECONDS='1' must be at least 3" in lines[1]["reason"]


def test_gs_uri_bucket_starts_quietly():
    proc = _import_main(CHARTS_BUCKET="gs://my-charts/", CHART_EXPORT_MAX_ATTEMPTS="3")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == ""


def test_good_config_starts_quietly():
    proc = _import_main(CHARTS_BUCKET="my-charts")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == ""


FAST_PATH = r"""
import socket, sys
def refuse(*a, **k):
    raise AssertionError("network call on the fast path")
socket.socket.connect = refuse
socket.create_connection = refuse
sys.path.insert(0, ".")
from tests._cloudevents import binary_protobuf, run_document, to_cloudevent
import main
from chart_export import function
doc = run_document(20)                      # every chart step SUCCEEDED: nothing to do
event = to_cloudevent(*binary_protobuf("20251215-102530_BTCUSDT_k3f7a", doc, doc))
main.handle_cloud_event(event)
heavy = [m for m in ("google.cloud.firestore", "google.cloud.storage", "matplotlib", "grpc", "google.api_core",
                   "google.auth", "requests", "numpy", "chart_export.orchestration", "chart_export.runner",
                   "chart_export.studies", "chart_export.sessions", "chart_export._render") if m in sys.modules]
print("runner", function._runner, "heavy", heavy)
"""


def test_no_op_event_creates_no_client_and_makes_no_network_call():
    proc = subprocess.run([sys.executable, "-c", FAST_PATH], capture_output=True, text=True, cwd=REPO, timeout=60,
                          env={**os.environ, "CHARTS_BUCKET": "my-charts"})
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip().splitlines()[-1] == "runner None heavy []"
    decision = json.loads(proc.stdout.strip().splitlines()[0])
    assert decision["event"] == "event_ignored" and decision["reason"] == "no_eligible_step"
