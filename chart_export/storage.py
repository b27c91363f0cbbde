"""Where bytes come from and go to: candle files in, PNGs and manifests out.

Two stores share one small interface: :class:`GcsStore` (Cloud Storage, or fake-gcs-server
through ``STORAGE_EMULATOR_HOST``) and :class:`LocalStore` (a folder standing for the
buckets, for ``run-local``). Object names are deterministic, built from the run, the step
and the claim that wrote them::

    charts/<runId>/<stepId>/<claimId>/<symbol>_<timeframe>_<templateId>.png
    charts/<runId>/<stepId>/<claimId>/manifest.json

Everything a claim writes lives under its own ``<claimId>`` (``a<attempt>-<token prefix>``)
and is written once; the step's document says which claim's manifest is the result (the
whole protocol: :mod:`chart_export.publish`). Every segment is checked before it is used: no
``/``, no ``.``/``..``, no control characters, GCS's 1,024-byte limit.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from .errors import ErrorCode, StepFailure, TransientError
from .retry import Backoff, retry_transient

CHARTS_PREFIX = "charts"
MANIFEST_NAME = "manifest.json"
MAX_OBJECT_NAME_BYTES = 1024
MAX_SEGMENT_BYTES = 400  # leaves room for the other segments within the 1,024-byte name limit
#: In-process retries for a transient storage error before the invocation gives up and raises.
STORAGE_BACKOFF = Backoff(attempts=5, initial=0.2, multiplier=2.0, maximum=2.0, deadline=20.0)
_TIMEOUT = (5.0, 60.0)  # (connect, read) seconds per storage request

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_SLUG_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def check_segment(value: Any, what: str) -> str:
    """Return ``value`` if it is safe as one object-name segment, else raise VALIDATION_FAILED."""
    if not isinstance(value, str) or not value:
        raise StepFailure(ErrorCode.VALIDATION_FAILED, f"{what} must be a non-empty string", {"field": what})
    problem = None
    if "/" in value:
        problem = "contains '/'"
    elif "#" in value or "?" in value:  # the workflow's consumer refuses a gs:// URI with a query/fragment
        problem = f"contains {'#' if '#' in value else '?'!r}, which a gs:// URI reader takes for a fragment or query"
    elif value in {".", ".."}:
        problem = f"is {value!r}"
    elif _CONTROL.search(value):
        problem = "contains control characters"
    elif any(unicodedata.category(ch) in {"Cs", "Co", "Cn"} for ch in value):
        problem = "contains unassigned or surrogate characters"
    elif len(value.encode("utf-8", "surrogatepass")) > MAX_SEGMENT_BYTES:
        problem = f"is longer than {MAX_SEGMENT_BYTES} bytes"
    if problem:
        raise StepFailure(
            ErrorCode.VALIDATION_FAILED,
            f"{what} {problem}, so it cannot be used in an object name",
            {"field": what, "value": value[:80]},
        )
    return value


def slug(value: str) -> str:
    """A filename-friendly form of a symbol or timeframe (``BTC/USDT`` -> ``BTC-USDT``)."""
    cleaned = _SLUG_UNSAFE.sub("-", value).strip("-.")
    return cleaned[:64] or "x"


@dataclass(frozen=True, slots=True)
class ArtifactNames:
    """The deterministic object names of one step's artifacts."""

    run_id: str
    step_id: str

    def __post_init__(self) -> None:
        check_segment(self.run_id, "runId")
        check_segment(self.step_id, "stepId")

    @property
    def prefix(self) -> str:
        return f"{CHARTS_PREFIX}/{self.run_id}/{self.step_id}/"

    def png(self, *, symbol: str, timeframe: str, template_id: str, claim: str) -> str:
        check_segment(template_id, "chartTemplateId")
        return self._checked(f"{self.claim_folder(claim)}{slug(symbol)}_{slug(timeframe)}_{template_id}.png")

    def claim_folder(self, claim: str) -> str:
        return f"{self.prefix}{check_segment(claim, 'claimId')}/"

    def manifest(self, claim: str) -> str:
        return self._checked(self.claim_folder(claim) + MANIFEST_NAME)

    def _checked(self, name: str) -> str:
        if len(name.encode("utf-8")) > MAX_OBJECT_NAME_BYTES:
            raise StepFailure(
                ErrorCode.VALIDATION_FAILED,
                f"object name would exceed {MAX_OBJECT_NAME_BYTES} bytes; shorten runId/stepId/chartTemplateId",
                {"nameBytes": len(name.encode("utf-8"))},
            )
        return name


def parse_gcs_uri(uri: Any, *, what: str = "ohlcv_gcs_uri") -> tuple[str, str]:
    """``gs://bucket/name`` or ``gcs://bucket/name`` -> (bucket, name); anything else is invalid."""
    if not isinstance(uri, str) or not uri:
        raise StepFailure(ErrorCode.VALIDATION_FAILED, f"{what} must be a gs:// URI string", {"field": what})
    scheme, sep, rest = uri.partition("://")
    if not sep or scheme not in {"gs", "gcs"}:
        raise StepFailure(
            ErrorCode.VALIDATION_FAILED,
            f"{what} must start with gs:// or gcs://, got {uri[:100]!r}",
            {"field": what},
        )
    bucket, _, name = rest.partition("/")
    if not bucket or not name or _CONTROL.search(uri):
        raise StepFailure(ErrorCode.VALIDATION_FAILED, f"{what} needs a bucket and an object name: {uri[:100]!r}",
                          {"field": what})
    return bucket, name


class PreconditionLost(Exception):
    """A conditional write or delete found another generation than the one it was given:
    someone else wrote the object since (for us: a newer claim of the step)."""


@dataclass(frozen=True, slots=True)
class StoredObject:
    uri: str
    generation: int


class ArtifactStore(Protocol):
    bucket: str  # where our objects go (their gs:// URIs name it)

    def read(self, uri: str, *, max_bytes: int) -> bytes: ...

    def write(self, name: str, data: bytes, content_type: str) -> str: ...

    def put(self, name: str, data: bytes, content_type: str, *, if_generation_match: int | None = None
            ) -> StoredObject:
        """Write; with ``if_generation_match`` (0 = must not exist) raise PreconditionLost on a mismatch."""

    def generation(self, name: str) -> int:
        """The object's current generation, 0 when it does not exist."""

    def list(self, prefix: str) -> dict[str, int]:
        """Object name -> generation for every object under ``prefix``."""

    def delete(self, name: str, *, if_generation_match: int | None = None) -> bool:
        """Delete; False when it is gone already or has another generation than the one given."""


def _md5(data: bytes) -> str:
    import base64
    import hashlib

    return base64.b64encode(hashlib.md5(data).digest()).decode()


class ObjectChanged(TransientError):
    """The object was rewritten between reading its metadata and downloading it (HTTP 412 on
    the generation-conditional download): read it again."""


def _write_failed(name: str, exc: BaseException) -> StepFailure:
    return StepFailure(ErrorCode.GCS_WRITE_FAILED, f"writing {name}: {type(exc).__name__}: {exc}", {"object": name})


def _too_big(uri: str, size: int, max_bytes: int) -> StepFailure:
    return StepFailure(
        ErrorCode.VALIDATION_FAILED,
        f"candle file {uri} is {size} bytes, over the {max_bytes}-byte limit",
        {"uri": uri, "size": size, "maxBytes": max_bytes},
    )


def _refused_for_good(call: Any, what: str, name: str) -> Any:
    """``call()``; a permanent refusal (403, ...) becomes GCS_WRITE_FAILED, transient ones stay."""
    try:
        return call()
    except (TransientError, StepFailure):
        raise
    except Exception as exc:
        raise StepFailure(ErrorCode.GCS_WRITE_FAILED, f"{what}: {type(exc).__name__}: {exc}", {"object": name}) from exc


class GcsStore:
    """Cloud Storage. Transient failures are retried here with bounded backoff and then
    surface as :class:`TransientError`; permanent ones as :class:`StepFailure`."""

    def __init__(self, client: Any, bucket: str) -> None:
        self._client = client
        self.bucket = bucket

    def uri(self, name: str) -> str:
        return f"gs://{self.bucket}/{name}"

    def read(self, uri: str, *, max_bytes: int) -> bytes:
        """The object's bytes, all of one generation: the download is conditional on the
        generation the metadata named. If the exporter rewrote the file in between (412), the
        read starts again with fresh metadata, within ``STORAGE_BACKOFF``; a file that keeps
        changing ends as :class:`TransientError` (redelivery reads it later)."""
        bucket_name, name = parse_gcs_uri(uri)

        def fetch() -> bytes:
            from google.api_core import exceptions as api

            blob = None
            try:
                blob = self._client.bucket(bucket_name).get_blob(name, timeout=_TIMEOUT, retry=None)
                if blob is None:
                    raise StepFailure(ErrorCode.OHLCV_NOT_FOUND, f"candle file {uri} does not exist", {"uri": uri})
                if blob.size is not None and blob.size > max_bytes:
                    raise _too_big(uri, blob.size, max_bytes)
                if blob.size == 0:
                    return b""
                # The size is known from the metadata; the range guards objects that grow.
                data = blob.download_as_bytes(
                    start=0, end=max_bytes, if_generation_match=blob.generation, timeout=_TIMEOUT, retry=None,
                    checksum=None,
                )
            except api.PreconditionFailed as exc:  # rewritten between the metadata and the download
                raise ObjectChanged(f"candle file {uri} changed while it was read (generation "
                                    f"{getattr(blob, 'generation', None)} was replaced)") from exc
            except (api.NotFound, api.Forbidden) as exc:
                code = ErrorCode.OHLCV_NOT_FOUND
                raise StepFailure(code, f"candle file {uri} cannot be read: {exc.message}", {"uri": uri}) from exc
            if len(data) > max_bytes:
                raise _too_big(uri, len(data), max_bytes)
            return data

        return retry_transient(fetch, what=f"read {uri}", service="Cloud Storage", backoff=STORAGE_BACKOFF)

    def write(self, name: str, data: bytes, content_type: str) -> str:
        return self.put(name, data, content_type).uri

    def put(self, name: str, data: bytes, content_type: str, *, if_generation_match: int | None = None
            ) -> StoredObject:
        unsure = False  # an earlier try may have landed although its response was lost

        def upload() -> StoredObject:
            nonlocal unsure
            from google.api_core import exceptions as api

            blob = self._client.bucket(self.bucket).blob(name)
            blob.cache_control = "no-cache" if content_type == "application/json" else "private, max-age=3600"
            try:
                blob.upload_from_string(data, content_type=content_type, timeout=_TIMEOUT, retry=None,
                                        if_generation_match=if_generation_match)
            except api.PreconditionFailed as exc:
                current = self._client.bucket(self.bucket).get_blob(name, timeout=_TIMEOUT, retry=None) if unsure \
                    else None
                if current is not None and current.md5_hash == _md5(data):
                    return StoredObject(self.uri(name), int(current.generation))  # our own lost response
                raise PreconditionLost(f"{self.uri(name)}: generation is no longer {if_generation_match}") from exc
            except Exception:
                unsure = True
                raise
            return StoredObject(self.uri(name), int(blob.generation or 0))

        try:
            return retry_transient(upload, what=f"write {self.uri(name)}", service="Cloud Storage",
                                   backoff=STORAGE_BACKOFF)
        except (TransientError, PreconditionLost):
            raise
        except Exception as exc:  # refused for good (403, missing bucket, ...)
            raise _write_failed(name, exc) from exc

    def generation(self, name: str) -> int:
        def stat() -> int:
            from google.api_core import exceptions as api

            try:
                blob = self._client.bucket(self.bucket).get_blob(name, timeout=_TIMEOUT, retry=None)
            except api.NotFound:  # no bucket: nothing there (the write will say why it fails)
                return 0
            return int(blob.generation) if blob is not None else 0

        return retry_transient(stat, what=f"stat {self.uri(name)}", service="Cloud Storage", backoff=STORAGE_BACKOFF)

    def list(self, prefix: str) -> dict[str, int]:
        def listing() -> dict[str, int]:
            from google.api_core import exceptions as api

            try:
                blobs = self._client.list_blobs(self.bucket, prefix=prefix, timeout=_TIMEOUT, retry=None)
                return {b.name: int(b.generation) for b in blobs}
            except api.NotFound:  # no bucket: no objects
                return {}

        return _refused_for_good(lambda: retry_transient(listing, what=f"list {self.uri(prefix)}",
                                                         service="Cloud Storage", backoff=STORAGE_BACKOFF),
                                 f"listing {prefix}", prefix)

    def delete(self, name: str, *, if_generation_match: int | None = None) -> bool:
        def remove() -> bool:
            from google.api_core import exceptions as api

            try:
                self._client.bucket(self.bucket).blob(name).delete(
                    timeout=_TIMEOUT, retry=None, if_generation_match=if_generation_match)
            except (api.NotFound, api.PreconditionFailed):
                return False
            return True

        return _refused_for_good(lambda: retry_transient(remove, what=f"delete {self.uri(name)}",
                                                         service="Cloud Storage", backoff=STORAGE_BACKOFF),
                                 f"deleting {name}", name)


class LocalStore:
    """A folder standing for the bucket (``run-local``): ``gs://<bucket>/<name>`` is written to
    ``<root>/<name>``; every candle URI reads the one local ``candles`` file."""

    def __init__(self, root: Path, bucket: str, candles: Path | None = None) -> None:
        self.root = Path(root)
        self.bucket = check_segment(bucket, "bucket")
        self.candles = candles

    def uri(self, name: str) -> str:
        return f"gs://{self.bucket}/{name}"

    def path_of(self, uri_or_name: str) -> Path:
        """The local file behind an object name (or one of our own ``gs://`` URIs)."""
        root = self.root.resolve()
        path = (root / uri_or_name.removeprefix(f"gs://{self.bucket}/")).resolve()
        if not path.is_relative_to(root):
            raise StepFailure(ErrorCode.VALIDATION_FAILED, f"object name escapes the bucket: {uri_or_name!r}")
        return path

    def read(self, uri: str, *, max_bytes: int) -> bytes:
        parse_gcs_uri(uri)
        if self.candles is None or not self.candles.is_file():
            raise StepFailure(ErrorCode.OHLCV_NOT_FOUND, f"candle file {uri} does not exist ({self.candles})",
                              {"uri": uri})
        size = self.candles.stat().st_size
        if size > max_bytes:
            raise _too_big(uri, size, max_bytes)
        return self.candles.read_bytes()

    def write(self, name: str, data: bytes, content_type: str) -> str:
        return self.put(name, data, content_type).uri

    def put(self, name: str, data: bytes, content_type: str, *, if_generation_match: int | None = None
            ) -> StoredObject:
        """Generations are the files' ``st_mtime_ns`` (one local worker: checked, not atomic)."""
        path = self.path_of(name)
        if if_generation_match is not None and self.generation(name) != if_generation_match:
            raise PreconditionLost(f"{self.uri(name)}: generation is no longer {if_generation_match}")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_name(path.name + ".tmp")
            tmp.write_bytes(data)
            tmp.replace(path)
        except OSError as exc:
            raise _write_failed(name, exc) from exc
        return StoredObject(self.uri(name), self.generation(name))

    def generation(self, name: str) -> int:
        path = self.path_of(name)
        return path.stat().st_mtime_ns if path.is_file() else 0

    def list(self, prefix: str) -> dict[str, int]:
        base = self.path_of(prefix.rstrip("/"))
        if not base.is_dir():
            return {}
        root = self.root.resolve()
        return {p.relative_to(root).as_posix(): p.stat().st_mtime_ns for p in base.rglob("*")
                if p.is_file() and not p.name.endswith(".tmp")}

    def delete(self, name: str, *, if_generation_match: int | None = None) -> bool:
        path = self.path_of(name)
        if not path.is_file() or (if_generation_match is not None and self.generation(name) != if_generation_match):
            return False
        path.unlink()
        for parent in path.parents:  # drop folders left empty, as a bucket has none
            if parent == self.root.resolve() or any(parent.iterdir()):
                break
            parent.rmdir()
        return True
