"""Error codes and the two kinds of failure the step runner distinguishes.

* :class:`StepFailure` — a *permanent* problem with a step's inputs or data (bad candles,
  unknown template, …). The step is finalized ``FAILED`` with its code; the invocation
  succeeds, so Eventarc does not redeliver.
* :class:`TransientError` — the world was unavailable (Firestore/GCS down, contention).
  Retried in-process with bounded backoff; if it still fails the invocation raises so
  Eventarc (``--retry``) redelivers.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from enum import StrEnum
from typing import Any


class ErrorCode(StrEnum):
    """Codes written to ``steps.<id>.error.code`` and ``manifest.failures[].error.code``."""

    VALIDATION_FAILED = "VALIDATION_FAILED"  # step inputs, template or candle file invalid
    OHLCV_NOT_FOUND = "OHLCV_NOT_FOUND"  # no candle URI, or the object does not exist
    TEMPLATE_NOT_FOUND = "TEMPLATE_NOT_FOUND"  # neither chart_templates/{id} nor a built-in
    UNKNOWN_STUDY = "UNKNOWN_STUDY"  # a template names a study this renderer does not draw
    STUDY_NEEDS_OTHER_DATA = "STUDY_NEEDS_OTHER_DATA"  # a TradingView study that needs more than one symbol's candles
    RENDER_FAILED = "RENDER_FAILED"  # matplotlib failed, or the PNG exceeds its byte budget
    GCS_WRITE_FAILED = "GCS_WRITE_FAILED"  # a PNG could not be written
    MANIFEST_WRITE_FAILED = "MANIFEST_WRITE_FAILED"  # the manifest could not be written
    MIN_IMAGES_NOT_MET = "MIN_IMAGES_NOT_MET"  # fewer PNGs than inputs.minImages
    ATTEMPTS_EXHAUSTED = "ATTEMPTS_EXHAUSTED"  # CHART_EXPORT_MAX_ATTEMPTS attempts failed transiently or died
    INTERNAL_ERROR = "INTERNAL_ERROR"  # a bug in this function (logged as ERROR with its stack trace)


@dataclass(frozen=True, slots=True)
class StepError:
    """The ``error`` object of a FAILED step (``details`` is always an object when written)."""

    code: str
    message: str
    details: dict[str, Any] | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"code": str(self.code), "message": self.message, "details": dict(self.details or {})}


class StepFailure(Exception):
    """A permanent, input-caused failure: finalize FAILED with this code, do not retry."""

    def __init__(self, code: str, message: str, details: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.code = str(code)
        self.message = message
        self.details: dict[str, Any] = dict(details or {})

    def to_step_error(self) -> StepError:
        return StepError(code=self.code, message=self.message, details=self.details)


class TransientError(Exception):
    """An infrastructure failure that outlived in-process retries; the invocation must raise."""


@dataclass(frozen=True, slots=True)
class ChartFailure:
    """One request that produced no PNG (recorded in the manifest and in FAILED details)."""

    chart_template_id: str
    code: str
    message: str
    details: dict[str, Any] = field(default_factory=dict)


def is_transient(exc: BaseException) -> bool:
    """True for failures of the infrastructure that a later attempt may not see.

    Asks the client libraries' own retry predicates (see :func:`_library_predicates` and the
    README's "Transient or permanent" table) instead of matching class names. They are
    imported on the first call, never at import time: the no-op fast path must not load
    google.api_core, google.auth or requests.
    """
    if isinstance(exc, TransientError):
        return True
    if isinstance(exc, (ConnectionError, TimeoutError)):  # builtins: ConnectionResetError, RemoteDisconnected, ...
        return True
    if isinstance(exc, StepFailure) or not isinstance(exc, Exception):  # ours, or KeyboardInterrupt/SystemExit
        return False
    return any(_asks(predicate, exc) for predicate in _library_predicates())


def _asks(predicate: Callable[[BaseException], bool], exc: BaseException) -> bool:
    try:
        return bool(predicate(exc))
    except Exception:  # e.g. storage's predicate indexes a TransportError's args[0]; an argless one raises
        return False


@cache
def _library_predicates() -> tuple[Callable[[BaseException], bool], ...]:
    """The retry predicates of the libraries that raise the errors we see, built once.

    * ``google.api_core.retry.if_transient_error`` — api-core's default: 500, 429, 503,
      ``requests`` ConnectionError/ChunkedEncodingError, ``google.auth`` TransportError.
    * ``google.cloud.storage.retry._should_retry`` — Cloud Storage's DEFAULT_RETRY predicate:
      408, 429, 500, 502, 503, 504 (by status code, so 408 RequestTimeout too), requests
      ConnectionError/ChunkedEncodingError/Timeout, urllib3 Pool/Protocol/SSL/Timeout errors,
      http.client BadStatusLine/IncompleteRead/ResponseNotReady, builtin ConnectionError.
    * Firestore's GAPIC default retry codes (``firestore_v1/services/firestore/transports/
      base.py``): DeadlineExceeded, InternalServerError, ResourceExhausted, ServiceUnavailable
      for reads, and Aborted (``batch_write``; ``Transaction`` retries Aborted commits — the
      "409 Too much contention" of production), as an ``if_exception_type`` predicate.
    * ``google.auth`` RefreshError: transient only when the library marked it ``retryable``,
      or when it wraps a TransportError (Compute Engine / metadata-server credentials — what
      Cloud Functions uses — re-raise an unreachable metadata server as a RefreshError whose
      cause is the TransportError, without setting ``retryable``). Bad credentials are permanent.
    * api-core's RetryError (a library's own retry ran out on a transient error).

    A library that is not installed simply contributes no predicate.
    """
    predicates: list[Callable[[BaseException], bool]] = []
    try:
        from google.api_core import exceptions as api
        from google.api_core.retry import if_exception_type, if_transient_error
    except ImportError:  # pragma: no cover - google-api-core is a hard dependency
        pass
    else:
        predicates.append(if_transient_error)
        predicates.append(if_exception_type(*_firestore_retry_types(api)))
        predicates.append(lambda exc: isinstance(exc, api.RetryError))
    try:
        from google.cloud.storage.retry import _should_retry as storage_should_retry
    except ImportError:  # pragma: no cover - google-cloud-storage is a hard dependency
        pass
    else:
        predicates.append(storage_should_retry)
    try:
        from google.auth.exceptions import RefreshError, TransportError
    except ImportError:  # pragma: no cover
        pass
    else:
        def refresh_retryable(exc: BaseException) -> bool:
            if not isinstance(exc, RefreshError):
                return False
            if getattr(exc, "retryable", False):
                return True
            return isinstance(exc.__cause__, TransportError) or any(isinstance(a, TransportError) for a in exc.args)

        predicates.append(refresh_retryable)
    return tuple(predicates)


def _firestore_retry_types(api: Any) -> tuple[type[BaseException], ...]:
    """Firestore's own default retry codes (union over its GAPIC methods, plus Aborted)."""
    return (api.Aborted, api.DeadlineExceeded, api.InternalServerError, api.ResourceExhausted,
            api.ServiceUnavailable)
