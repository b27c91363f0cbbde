"""The dev stand-ins leave nothing behind: fake-gcs-server's data folder goes with the server
that owns it, and a restart on the same data keeps it until the last owner stops."""

from __future__ import annotations

from pathlib import Path

import pytest

from devtools.emulators import start_fake_gcs
from tests._harness import storage_client_at

pytestmark = pytest.mark.emulator
BUCKET = "cleanup-test"


def _put(server, name: str) -> None:
    client = storage_client_at(server.url)
    if client.lookup_bucket(BUCKET) is None:
        client.create_bucket(BUCKET)
    client.bucket(BUCKET).blob(name).upload_from_string(b"x" * 1000)


def test_the_data_folder_is_removed_when_its_server_stops(tmp_path: Path) -> None:
    server = start_fake_gcs(tmp_path)
    try:
        data = server.data_dir
        _put(server, "o")
        assert any(data.rglob("*"))
    finally:
        server.stop()
    assert not data.exists()


def test_a_restart_on_the_same_data_keeps_it_until_its_owner_stops(tmp_path: Path) -> None:
    first = start_fake_gcs(tmp_path)
    second = None
    try:
        data, port = first.data_dir, first.port
        _put(first, "o")
        first.stop(keep_data=True)
        assert data.exists()
        second = start_fake_gcs(tmp_path, port=port, data_dir=data)
        assert storage_client_at(second.url).bucket(BUCKET).blob("o").download_as_bytes() == b"x" * 1000
        second.stop()
        assert data.exists()  # not the second's: it was given the folder
    finally:
        if second is not None:
            second.stop()
        first.stop()  # the owner, already stopped, removes it
    assert not data.exists()
