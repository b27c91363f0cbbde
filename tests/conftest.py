"""Session fixtures: Google's Firestore emulator and fake-gcs-server on free loopback ports.

They start only when a test asks for them (so `make test-fast` needs neither) and are
stopped, by PID and process group, when the session ends.
"""

from __future__ import annotations

import os
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from devtools.emulators import ManagedServer, start_fake_gcs, start_firestore  # noqa: E402

PROJECT = "demo-chart-export"
os.environ.setdefault("GOOGLE_CLOUD_PROJECT", PROJECT)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # Anything using the emulator fixtures is an emulator test, marked or not.
    for item in items:
        if {"firestore_emulator", "fake_gcs", "firestore_client", "gcs_client", "charts_bucket", "app_client"} & set(
            getattr(item, "fixturenames", ())
        ):
            item.add_marker(pytest.mark.emulator)


@pytest.fixture(scope="session")
def server_logs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("server-logs")


@pytest.fixture(scope="session")
def firestore_emulator(server_logs: Path) -> Iterator[ManagedServer]:
    server = start_firestore(server_logs)
    os.environ["FIRESTORE_EMULATOR_HOST"] = server.host_port  # type: ignore[attr-defined]
    try:
        yield server
    finally:
        server.stop()
        os.environ.pop("FIRESTORE_EMULATOR_HOST", None)


@pytest.fixture(scope="session")
def fake_gcs(server_logs: Path) -> Iterator[ManagedServer]:
    server = start_fake_gcs(server_logs)
    os.environ["STORAGE_EMULATOR_HOST"] = server.url  # type: ignore[attr-defined]
    try:
        yield server
    finally:
        server.stop()
        os.environ.pop("STORAGE_EMULATOR_HOST", None)


@pytest.fixture(scope="session")
def firestore_client(firestore_emulator: ManagedServer):
    from google.cloud import firestore

    return firestore.Client(project=PROJECT)


@pytest.fixture(scope="session")
def gcs_client(fake_gcs: ManagedServer):
    from google.auth.credentials import AnonymousCredentials
    from google.cloud import storage

    return storage.Client(project=PROJECT, credentials=AnonymousCredentials())


@pytest.fixture()
def run_id() -> str:
    """A fresh run id per test, shaped like the system's (so the manifest schema accepts it)."""
    return f"20251215-102530_BTCUSDT_{uuid.uuid4().hex[:6]}"


CHARTS_BUCKET = "chart-export-test"


@pytest.fixture(scope="session")
def charts_bucket(gcs_client, firestore_emulator) -> str:
    """The function's output bucket (and a bucket for candle files), created once."""
    for name in (CHARTS_BUCKET, "artifacts-test"):
        if gcs_client.lookup_bucket(name) is None:
            gcs_client.create_bucket(name)
    os.environ["CHARTS_BUCKET"] = CHARTS_BUCKET
    return CHARTS_BUCKET


@pytest.fixture(scope="session")
def app_client(charts_bucket):
    """``main.py`` served by functions-framework's own Flask app (in process)."""
    import functions_framework

    app = functions_framework.create_app(target="worker_chart_export", source=str(REPO / "main.py"),
                                         signature_type="cloudevent")
    return app.test_client()
