"""Structured logs: one JSON object per line on stdout, in Cloud Logging's shape.

``severity`` and ``message`` are what Cloud Logging reads; we add ``event`` (a stable name
for the decision), ``runId``, ``stepId``, ``eventId``, ``reason``, durations — whatever a call
passes in ``extra``. Never whole documents or credentials: callers pass ids and reasons.

Every line also carries ``logging.googleapis.com/sourceLocation`` (file, line, function: read
off the record, free) and, while :func:`event_context` is active, that event's fields — the
trace correlation fields (:mod:`chart_export.tracing`) and ``eventId`` — on every line logged
in its thread, whichever module logs it.
"""

from __future__ import annotations

import json
import logging
import sys
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import UTC, datetime
from typing import Any

_STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", (), None))) | {"message", "asctime", "taskName"}
_configured = False
_event_fields: ContextVar[dict[str, Any]] = ContextVar("chart_export_event_fields", default={})
SOURCE_LOCATION = "logging.googleapis.com/sourceLocation"


@contextmanager
def event_context(fields: dict[str, Any]) -> Iterator[None]:
    """Add ``fields`` (None values dropped) to every line logged in this context."""
    token = _event_fields.set({k: v for k, v in fields.items() if v is not None})
    try:
        yield
    finally:
        _event_fields.reset(token)


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "severity": record.levelname,
            "message": record.getMessage(),
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="microseconds").replace("+00:00", "Z"),
        }
        for key, value in record.__dict__.items():
            if key not in _STANDARD and not key.startswith("_"):
                entry[key] = value
        for key, value in _event_fields.get().items():
            entry.setdefault(key, value)
        entry.setdefault("logger", record.name)
        entry[SOURCE_LOCATION] = {"file": record.pathname, "line": record.lineno, "function": record.funcName}
        if record.exc_info:
            entry["stack_trace"] = "".join(traceback.format_exception(*record.exc_info))
        return json.dumps(entry, default=str, ensure_ascii=False)


class _StdoutHandler(logging.StreamHandler):
    """Writes to whatever ``sys.stdout`` is at emit time (so test capture works too)."""

    def __init__(self) -> None:
        super().__init__()

    @property  # type: ignore[override]
    def stream(self):
        return sys.stdout

    @stream.setter
    def stream(self, _value) -> None:
        pass


def configure(level: str = "INFO") -> None:
    """Route the ``chart_export`` loggers to stdout as JSON lines (idempotent)."""
    global _configured
    logger = logging.getLogger("chart_export")
    logger.setLevel(level)
    if _configured:
        return
    handler = _StdoutHandler()
    handler.setFormatter(JsonFormatter())
    logger.addHandler(handler)
    logger.propagate = False
    _configured = True
