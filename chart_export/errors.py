"""Error codes and the two kinds of failure the step runner distinguishes.

* :class:`StepFailure` — a *permanent* problem with a step's inputs or data (bad candles,
  unknown template, …). The step is finalized ``FAILED`` with its code; the invocation
  succeeds, so Eventarc does not redeliver.
* :class:`TransientError` — the world was unavailable (Firestore/GCS down, contention).
  Retried in-process with bounded backoff; if it still fails the invocation raises so
  Eventarc (``--retry``) redelivers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class ErrorCode(StrEnum):
    """Codes written to ``steps.<id>.error.code`` and ``manifest.failures[].error.code``."""

    VALIDATION_FAILED = "VALIDATION_FAILED"  # step inputs, template or candle file invalid
    OHLCV_NOT_FOUND = "OHLCV_NOT_FOUND"  # no candle URI, or the object does not exist
    TEMPLATE_NOT_FOUND = "TEMPLATE_NOT_FOUND"  # neither chart_templates/{id} nor a built-in
    UNKNOWN_STUDY = "UNKNOWN_STUDY"  # a template names a study this renderer does not draw
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


_TRANSIENT_API_ERRORS = (
    "ServiceUnavailable",
    "DeadlineExceeded",
    "InternalServerError",
    "TooManyRequests",
    "ResourceExhausted",
    "Aborted",  # Firestore "409 Too much contention"
    "GatewayTimeout",
    "BadGateway",
    "RetryError",
    "TransportError",  # google.auth
    "ConnectionError",  # requests / builtins
    "ConnectTimeout",
    "ReadTimeout",
    "Timeout",
    "ChunkedEncodingError",
)


def is_transient(exc: BaseException) -> bool:
    """True for failures of the infrastructure that a later attempt may not see.

    Classified by class name along the MRO so this module never has to import
    google.api_core / requests (kept off the no-op fast path).
    """
    if isinstance(exc, TransientError):
        return True
    if isinstance(exc, (ConnectionError, TimeoutError)):
        return True
    return any(cls.__name__ in _TRANSIENT_API_ERRORS for cls in type(exc).__mro__)
