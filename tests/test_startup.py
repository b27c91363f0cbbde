"""A misconfigured instance fails at start with one JSON log line per problem."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def _import_main(**env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in {"CHARTS_BUCKET", "LOG_LEVEL"}}
    return subprocess.run([sys.executable, "-c", "import main"], capture_output=True, text=True, cwd=REPO,
                          env={**clean, **env}, timeout=60)


def test_bad_config_fails_fast_with_one_line_per_problem():
    proc = _import_main(LOG_LEVEL="LOUD", CHART_EXPORT_LEASE_SECONDS="soon")
    assert proc.returncode != 0 and "ConfigError" in proc.stderr
    lines = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [line["event"] for line in lines] == ["config_invalid"] * 3
    assert all(line["severity"] == "CRITICAL" for line in lines)
    reasons = " | ".join(line["reason"] for line in lines)
    assert "CHARTS_BUCKET is required" in reasons and "LOG_LEVEL" in reasons and "CHART_EXPORT_LEASE_SECONDS" in reasons


def test_good_config_starts_quietly():
    proc = _import_main(CHARTS_BUCKET="my-charts")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == ""
