"""``make demo`` when the run does not succeed: the logs it points at are still there."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.emulator


def test_a_failed_demo_keeps_the_function_log_it_names(tmp_path: Path) -> None:
    # --timeout 0: the demo stops waiting at once, so the step is not SUCCEEDED -> a failed run
    proc = subprocess.run([sys.executable, "devtools/demo.py", "--timeout", "0", "--candles", "100",
                           "--out", str(tmp_path / "out")], cwd=REPO, capture_output=True, text=True, timeout=180)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    log = Path(re.search(r"function log: (\S+)", proc.stdout).group(1))
    kept = Path(re.search(r"logs kept in (\S+)", proc.stdout).group(1))
    try:
        assert log.is_file() and log.parent == kept
        assert '"severity"' in log.read_text()  # the function's JSON lines
        assert not list(kept.glob("fake-gcs-*/")), "fake-gcs-server data belongs to the server, not the logs"
    finally:
        shutil.rmtree(kept, ignore_errors=True)
