"""The dev stand-ins leave nothing behind: fake-gcs-server's data folder goes with the server
that owns it, and a restart on the same data keeps it until the last owner stops."""

from __future__ import annotations

from pathlib import Path

import pytest

from devtools.emulators import start_fake_gcs

pytestmark = pytest.mark.emulator


def _put(server, name: str) -> None:
    from tests._harness import storage_client_at

    client = storage_client_at(server.url)
    if client.lookup_bucket("bucket-one") is None:
        client.create_bucket("bucket-one")
    client.bucket("bucket-one").blob(name).upload_from_string(b"x" * 1000)


def test_the_data_folder_is_removed_when_its_server_stops(tmp_path: Path) -> None:
    server = start_fake_gcs(tmp_path)
    data = server.data_dir
    _put(server, "o")
    assert any(data.rglob("*"))
    server.stop()
    assert not data.exists()


def test_a_restart_on_the_same_data_keeps_it_until_its_owner_stops(tmp_path: Path) -> None:
    first = start_fake_gcs(tmp_path)
    data, port = first.data_dir, first.port
    _put(first, "o")
    first.stop(keep_data=True)
    assert data.exists()
    second = start_fake_gcs(tmp_path, port=port, data_dir=data)
    from tests._harness import storage_client_at

    assert storage_client_at(second.url).bucket("bucket-one").blob("o").download_as_bytes() == b"x" * 1000
    second.stop()
    assert data.exists()  # not the second's: it was given the folder
    first.stop()  # the owner, already stopped, removes it
    assert not data.exists()
