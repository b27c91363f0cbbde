"""Cloud Logging's trace correlation fields for one event, from its trace headers.

A delivery carries the W3C ``traceparent`` as the CloudEvent's distributed-tracing extension
attribute (``ce-traceparent`` in binary mode) or as the HTTP header, or both; Cloud Run adds
``X-Cloud-Trace-Context: TRACE_ID/SPAN_ID;o=1`` (the span id in decimal). Every log line of
the event then carries::

    "logging.googleapis.com/trace": "projects/<project>/traces/<32 hex>",
    "logging.googleapis.com/spanId": "<16 hex>",
    "logging.googleapis.com/trace_sampled": true | false

so Cloud Logging groups the event's lines and links them to the trace. A dozen lines of
string parsing instead of google-cloud-logging's structured handler, which would add its
import (and grpc's) to every cold start for the same few fields (README, "Logs").
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

_TRACEPARENT = re.compile(r"^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$")
_CLOUD_TRACE = re.compile(r"^([0-9a-fA-F]{32})(?:/([0-9]{1,20}))?(?:;o=([01]))?$")

TRACE = "logging.googleapis.com/trace"
SPAN_ID = "logging.googleapis.com/spanId"
SAMPLED = "logging.googleapis.com/trace_sampled"


def parse_traceparent(value: Any) -> tuple[str, str, bool] | None:
    """``(trace id, span id, sampled)`` of a W3C ``traceparent``, None when malformed or
    all-zero (the spec's invalid ids) or version ``ff``."""
    if not isinstance(value, str):
        return None
    m = _TRACEPARENT.match(value.strip().lower())
    if not m or m.group(1) == "ff" or set(m.group(2)) == {"0"} or set(m.group(3)) == {"0"}:
        return None
    return m.group(2), m.group(3), bool(int(m.group(4), 16) & 1)


def parse_cloud_trace_context(value: Any) -> tuple[str, str | None, bool | None] | None:
    """``(trace id, span id as 16 hex or None, sampled or None)`` of ``X-Cloud-Trace-Context``."""
    if not isinstance(value, str):
        return None
    m = _CLOUD_TRACE.match(value.strip())
    if not m or set(m.group(1)) == {"0"}:
        return None
    span = int(m.group(2)) if m.group(2) else 0
    span_hex = f"{span:016x}" if 0 < span < 2**64 else None
    return m.group(1).lower(), span_hex, (m.group(3) == "1") if m.group(3) else None


def trace_fields(*, project: str | None, traceparent: Any = None, cloud_trace_context: Any = None) -> dict[str, Any]:
    """The log fields for this event's trace (``traceparent`` first), or ``{}`` when there is
    no usable header or no project to name the trace in."""
    if not project:
        return {}
    parsed = parse_traceparent(traceparent)
    if parsed is None:
        legacy = parse_cloud_trace_context(cloud_trace_context)
        if legacy is None:
            return {}
        trace_id, span_id, sampled = legacy
    else:
        trace_id, span_id, sampled = parsed
    fields: dict[str, Any] = {TRACE: f"projects/{project}/traces/{trace_id}"}
    if span_id:
        fields[SPAN_ID] = span_id
    if sampled is not None:
        fields[SAMPLED] = sampled
    return fields


def header(headers: Mapping[str, str] | None, name: str) -> str | None:
    """A header by name, case-insensitively (a plain dict, or werkzeug's ``Headers``)."""
    if not headers:
        return None
    value = headers.get(name)
    if value is None and isinstance(headers, dict):
        lowered = name.lower()
        value = next((v for k, v in headers.items() if k.lower() == lowered), None)
    return value


__all__ = ["SAMPLED", "SPAN_ID", "TRACE", "header", "parse_cloud_trace_context", "parse_traceparent", "trace_fields"]
