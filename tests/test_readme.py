"""The README's commands, run as written (not paraphrased): the local ones in a scratch folder
that sees the checkout's ``.venv``, ``chart_export`` and ``examples``; the functions-framework
block with its four terminals (1-3 in the background) from the checkout."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
README = (REPO / "README.md").read_text("utf-8")


def _blocks(marker: str) -> list[str]:
    """The ```bash blocks that follow ``<!-- <marker>`` comments."""
    return re.findall(rf"<!-- {re.escape(marker)}[^\n]*-->\n```bash\n(.*?)```", README, re.S)


def _commands(block: str) -> list[str]:
    """One command per line, backslash continuations joined; comment lines dropped."""
    joined = block.replace("\\\n", " ")
    return [line.strip() for line in joined.splitlines() if line.strip() and not line.lstrip().startswith("#")]


LOCAL = [cmd for block in _blocks("readme-run:") for cmd in _commands(block)]


def test_the_readme_shows_the_local_commands() -> None:
    assert len(_blocks("readme-run:")) == 2 and len(LOCAL) == 6
    assert all(cmd.startswith(".venv/bin/python -m chart_export ") for cmd in LOCAL)
    assert all((REPO / p).is_file() for cmd in LOCAL for p in re.findall(r"examples/\S+\.json", cmd))


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("readme")
    for name in (".venv", "chart_export", "examples"):
        (folder / name).symlink_to(REPO / name)
    return folder


@pytest.mark.parametrize("command", LOCAL)
def test_a_local_readme_command_runs_as_written(command: str, scratch: Path) -> None:
    proc = subprocess.run(["bash", "-c", command], cwd=scratch, capture_output=True, text=True, timeout=180)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Traceback" not in proc.stderr
    out = re.search(r"--out (\S+)", command)
    if out:
        assert (scratch / out.group(1)).exists()
    if "run-local" in command:
        assert ": SUCCEEDED (2 charts, 0 failed)" in proc.stdout


def _port_free(port: int) -> bool:
    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) != 0


def _terminals(block: str) -> list[str]:
    parts = re.split(r"^# terminal \d+:[^\n]*\n", block, flags=re.M)
    return [" ".join(_commands(part)) for part in parts if part.strip()]


@pytest.mark.emulator
def test_the_functions_framework_section_runs_as_written(tmp_path: Path) -> None:
    (block,) = _blocks("readme-run-servers:")
    terminals = _terminals(block)
    assert len(terminals) == 4
    busy = [p for p in (8085, 4443, 8081, 9099) if not _port_free(p)]
    if busy:
        pytest.skip(f"the README's ports {busy} are in use on this machine")
    servers: list[tuple[subprocess.Popen, Path]] = []
    try:
        for i, command in enumerate(terminals[:3], 1):
            log = tmp_path / f"terminal{i}.log"
            proc = subprocess.Popen(["bash", "-c", command], cwd=REPO, stdout=log.open("wb"),
                                    stderr=subprocess.STDOUT, start_new_session=True,
                                    env={**os.environ, "PYTHONUNBUFFERED": "1"})
            servers.append((proc, log))
        relay_log = servers[2][1]
        deadline = time.monotonic() + 120
        while "relay ready" not in relay_log.read_text() or _port_free(8081):
            assert time.monotonic() < deadline, "\n".join(log.read_text()[-2000:] for _, log in servers)
            assert all(p.poll() is None for p, _ in servers), "\n".join(log.read_text()[-2000:] for _, log in servers)
            time.sleep(0.2)
        env = {k: v for k, v in os.environ.items() if not k.endswith("_EMULATOR_HOST")}
        done = subprocess.run(["bash", "-c", terminals[3]], cwd=REPO, capture_output=True, text=True, timeout=240,
                              env=env)
        assert done.returncode == 0, done.stdout + done.stderr + servers[1][1].read_text()[-3000:]
        assert re.search(r"charts:1d:ctpl_default_set_v1: SUCCEEDED gs://demo-charts/charts/\S+/manifest\.json",
                         done.stdout), done.stdout
    finally:
        for proc, _ in reversed(servers):
            try:
                os.killpg(proc.pid, signal.SIGTERM)
            except ProcessLookupError:
                continue
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(timeout=10)
