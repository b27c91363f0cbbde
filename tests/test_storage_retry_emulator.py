"""GcsStore on fake-gcs-server when the world misbehaves for a moment.

Failures are injected at the HTTP layer (a ``requests.Session`` handed to the storage
client), so the client library turns them into exceptions itself, exactly as it would for
Cloud Storage. The tests assert outcomes: the bytes read, the bytes in the bucket.

fake-gcs-server ignores ``ifGenerationMatch`` on media downloads (it serves the current
bytes whatever generation is asked for), so :func:`_enforce_generation` answers 412 the way
Cloud Storage does when the asked generation is no longer the live one.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

import pytest
import requests

from chart_export.errors import TransientError
from chart_export.storage import GcsStore
from tests._harness import CANDLES_BUCKET, upload_candles

pytestmark = pytest.mark.emulator


class HookedSession(requests.Session):
    """A plain session that runs ``hook(method, url)`` before each request; the hook may
    return a ``requests.Response`` to answer in the server's place."""

    def __init__(self, hook: Callable[[str, str], requests.Response | None]) -> None:
        super().__init__()
        self.hook = hook

    def request(self, method: str, url: str, *args: Any, **kwargs: Any) -> requests.Response:  # type: ignore[override]
        answer = self.hook(method, url)
        if answer is not None:
            return answer
        return super().request(method, url, *args, **kwargs)


def _response(status: int, method: str, url: str, reason: str) -> requests.Response:
    response = requests.Response()
    response.request = requests.Request(method, url).prepare()
    response.status_code = status
    response.reason = reason
    response.url = url
    response.headers["Content-Type"] = "application/json"
    response._content = f'{{"error": {{"code": {status}, "message": "{reason}"}}}}'.encode()
    return response


def _client(hook: Callable[[str, str], requests.Response | None]) -> Any:
    from google.auth.credentials import AnonymousCredentials
    from google.cloud import storage

    return storage.Client(project="demo-chart-export", credentials=AnonymousCredentials(),
                          _http=HookedSession(hook))


def _is_media_download(method: str, url: str, name: str) -> bool:
    return method == "GET" and "alt=media" in url and name.replace("/", "%2F") in url


def _enforce_generation(gcs_client: Any, name: str, method: str, url: str) -> requests.Response | None:
    """Cloud Storage's answer to a download whose ``ifGenerationMatch`` is stale: 412."""
    from urllib.parse import parse_qs, urlsplit

    wanted = parse_qs(urlsplit(url).query).get("ifGenerationMatch")
    if not wanted:
        return None
    live = gcs_client.bucket(CANDLES_BUCKET).get_blob(name)
    if live is None or str(live.generation) != wanted[0]:
        return _response(412, method, url, "At least one of the pre-conditions you specified did not hold.")
    return None


def test_candle_read_rereads_when_the_file_is_rewritten_between_metadata_and_download(gcs_client, charts_bucket):
    """The exporter rewrites the candle file after we read its metadata: the generation-
    conditional download gets 412, and the store reads again and returns the current bytes."""
    name = f"retry/{uuid.uuid4().hex[:8]}/1d.json"
    uri = upload_candles(gcs_client, name, b'{"version": 1}')
    rewrites = []

    def rewrite_once(method: str, url: str) -> requests.Response | None:
        if not _is_media_download(method, url, name):
            return None
        if not rewrites:
            rewrites.append(url)
            gcs_client.bucket(CANDLES_BUCKET).blob(name).upload_from_string(
                b'{"version": 2, "rewritten": true}', content_type="application/json")
        return _enforce_generation(gcs_client, name, method, url)

    store = GcsStore(_client(rewrite_once), charts_bucket)
    assert store.read(uri, max_bytes=1024) == b'{"version": 2, "rewritten": true}'
    assert rewrites, "the rewrite hook never ran"


def test_candle_read_that_never_settles_is_transient(gcs_client, charts_bucket, monkeypatch):
    """A file rewritten before every download: bounded re-reads, then TransientError
    (the invocation raises and Eventarc redelivers), never a step failure."""
    import chart_export.storage as storage_module
    from chart_export.retry import Backoff

    monkeypatch.setattr(storage_module, "STORAGE_BACKOFF", Backoff(attempts=3, initial=0.01, deadline=None))
    name = f"retry/{uuid.uuid4().hex[:8]}/1d.json"
    uri = upload_candles(gcs_client, name, b'{"version": 0}')
    versions = []

    def rewrite_always(method: str, url: str) -> requests.Response | None:
        if not _is_media_download(method, url, name):
            return None
        versions.append(len(versions) + 1)
        gcs_client.bucket(CANDLES_BUCKET).blob(name).upload_from_string(
            b'{"version": %d}' % versions[-1], content_type="application/json")
        return _enforce_generation(gcs_client, name, method, url)

    store = GcsStore(_client(rewrite_always), charts_bucket)
    with pytest.raises(TransientError, match="changed while it was read"):
        store.read(uri, max_bytes=1024)
    assert len(versions) == 3  # one download per attempt, bounded by the backoff


def test_upload_answered_408_once_is_retried_and_lands(gcs_client, charts_bucket):
    """A 408 Request Timeout on a PNG upload is transient: retried, and the object is written."""
    name = f"charts/retry-{uuid.uuid4().hex[:8]}/step/BTCUSDT_1d_x.png"
    timeouts = []

    def time_out_first_upload(method: str, url: str) -> requests.Response | None:
        if method == "POST" and "/upload/" in url and not timeouts:
            timeouts.append(url)
            return _response(408, method, url, "Request Timeout")
        return None

    store = GcsStore(_client(time_out_first_upload), charts_bucket)
    png = b"\x89PNG\r\n\x1a\n" + uuid.uuid4().bytes
    assert store.write(name, png, "image/png") == f"gs://{charts_bucket}/{name}"
    assert timeouts, "the 408 was never injected"
    blob = gcs_client.bucket(charts_bucket).get_blob(name)
    assert blob.download_as_bytes() == png
    assert blob.content_type == "image/png"


class _LoseUploadResponse(HookedSession):
    """Performs the first upload for real, then loses its response (a connection reset)."""

    def __init__(self) -> None:
        super().__init__(lambda method, url: None)
        self.lost = 0

    def request(self, method: str, url: str, *args: Any, **kwargs: Any) -> requests.Response:  # type: ignore[override]
        response = super().request(method, url, *args, **kwargs)
        if method == "POST" and "uploadType" in url and not self.lost:
            self.lost += 1
            raise requests.ConnectionError("connection reset after the upload was stored (test)")
        return response


def _lossy_store(bucket: str) -> tuple[GcsStore, _LoseUploadResponse]:
    from google.auth.credentials import AnonymousCredentials
    from google.cloud import storage

    session = _LoseUploadResponse()
    client = storage.Client(project="demo-chart-export", credentials=AnonymousCredentials(), _http=session)
    return GcsStore(client, bucket), session


def test_a_conditional_upload_whose_response_was_lost_is_recognised_as_ours(gcs_client, charts_bucket):
    """``put(if_generation_match=0)`` lands, its response is lost, the retry gets 412: the store
    sees its own bytes there (same MD5) and returns that object's generation."""
    name = f"fencing/{uuid.uuid4().hex}/manifest.json"
    store, session = _lossy_store(charts_bucket)
    stored = store.put(name, b'{"mine": true}', "application/json", if_generation_match=0)
    assert session.lost == 1
    live = gcs_client.bucket(charts_bucket).get_blob(name)
    assert stored.generation == live.generation and live.download_as_bytes() == b'{"mine": true}'


def test_a_conditional_upload_that_finds_someone_elses_object_is_refused(gcs_client, charts_bucket):
    from chart_export.storage import PreconditionLost

    name = f"fencing/{uuid.uuid4().hex}/manifest.json"
    gcs_client.bucket(charts_bucket).blob(name).upload_from_string(b'{"theirs": true}')
    before = gcs_client.bucket(charts_bucket).get_blob(name).generation
    with pytest.raises(PreconditionLost):
        GcsStore(gcs_client, charts_bucket).put(name, b'{"mine": true}', "application/json", if_generation_match=0)
    after = gcs_client.bucket(charts_bucket).get_blob(name)
    assert after.generation == before and after.download_as_bytes() == b'{"theirs": true}'
