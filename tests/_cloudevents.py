"""Fabricate Eventarc Firestore CloudEvents from plain Python run documents (test helper).

Encoders
    * :func:`to_firestore_fields` / :func:`to_firestore_value` — Firestore REST JSON encoding.
    * :func:`to_protobuf_fields` / :func:`to_protobuf_value` — ``google.events`` proto-plus
      ``Value`` messages; :func:`document_event_data` builds a whole ``DocumentEventData``.

  Python -> Firestore: ``None`` null, ``bool`` boolean, ``int`` integer, ``float`` double,
  ``str`` string, ``bytes`` bytes, ``datetime`` timestamp (naive = UTC), ``dict`` map,
  ``list``/``tuple`` array, :class:`Reference` reference, ``GeoPoint`` (from
  ``chart_export.events``, or anything with ``latitude``/``longitude``) geo point.

HTTP requests, each returning ``(headers, body)`` to POST to a functions-framework app
    * :func:`binary_protobuf` — what Eventarc really sends (``application/protobuf``).
    * :func:`binary_json` — binary mode, JSON body.
    * :func:`structured_json` — structured mode (``application/cloudevents+json``).

:func:`to_cloudevent` turns ``(headers, body)`` into the ``CloudEvent`` functions-framework
would pass to the function (same ``from_http`` call).
"""

from __future__ import annotations

import base64
import json
import math
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from cloudevents.http import CloudEvent, from_http
from google.events.cloud.firestore_v1.types import (
    ArrayValue,
    Document,
    DocumentEventData,
    MapValue,
    Value,
)
from google.protobuf import struct_pb2, timestamp_pb2
from google.type import latlng_pb2

WRITTEN = "google.cloud.firestore.document.v1.written"
CREATED = "google.cloud.firestore.document.v1.created"
UPDATED = "google.cloud.firestore.document.v1.updated"
DELETED = "google.cloud.firestore.document.v1.deleted"
AUTH = ".withAuthContext"
ALL_WRITE_TYPES = tuple(t + s for t in (WRITTEN, CREATED, UPDATED) for s in ("", AUTH))
ALL_DELETE_TYPES = (DELETED, DELETED + AUTH)

DEFAULT_TIME = datetime(2025, 12, 15, 10, 28, 10, 123456, tzinfo=UTC)


@dataclass(frozen=True)
class Reference:
    """Encode as a Firestore ``referenceValue`` (decodes back to the plain path string)."""

    path: str


def rfc3339(dt: datetime) -> str:
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=UTC)
    return dt.astimezone(UTC).isoformat().replace("+00:00", "Z")


# ------------------------------------------------------------------------------------------
# REST JSON encoding
# ------------------------------------------------------------------------------------------


def to_firestore_value(x: Any) -> dict[str, Any]:
    if x is None:
        return {"nullValue": None}
    if isinstance(x, bool):
        return {"booleanValue": x}
    if isinstance(x, int):
        return {"integerValue": str(x)}
    if isinstance(x, float):
        if math.isnan(x):
            return {"doubleValue": "NaN"}
        if math.isinf(x):
            return {"doubleValue": "Infinity" if x > 0 else "-Infinity"}
        return {"doubleValue": x}
    if isinstance(x, str):
        return {"stringValue": x}
    if isinstance(x, (bytes, bytearray)):
        return {"bytesValue": base64.b64encode(bytes(x)).decode("ascii")}
    if isinstance(x, datetime):
        return {"timestampValue": rfc3339(x)}
    if isinstance(x, Reference):
        return {"referenceValue": x.path}
    if hasattr(x, "latitude") and hasattr(x, "longitude"):
        return {"geoPointValue": {"latitude": x.latitude, "longitude": x.longitude}}
    if isinstance(x, Mapping):
        return {"mapValue": {"fields": to_firestore_fields(x)}}
    if isinstance(x, (list, tuple)):
        return {"arrayValue": {"values": [to_firestore_value(v) for v in x]}}
    raise TypeError(f"cannot encode {type(x).__name__} as a Firestore value")


def to_firestore_fields(doc: Mapping[str, Any]) -> dict[str, Any]:
    """A plain Python document -> Firestore REST ``fields`` (``{"k": {"stringValue": ..}}``)."""
    return {k: to_firestore_value(v) for k, v in doc.items()}


# ------------------------------------------------------------------------------------------
# Protobuf encoding
# ------------------------------------------------------------------------------------------


def _pb_ts(dt: datetime) -> timestamp_pb2.Timestamp:
    ts = timestamp_pb2.Timestamp()
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=UTC)
    ts.FromDatetime(dt.astimezone(UTC))
    return ts


def to_protobuf_value(x: Any) -> Value:
    if x is None:
        return Value(null_value=struct_pb2.NullValue.NULL_VALUE)
    if isinstance(x, bool):
        return Value(boolean_value=x)
    if isinstance(x, int):
        return Value(integer_value=x)
    if isinstance(x, float):
        return Value(double_value=x)
    if isinstance(x, str):
        return Value(string_value=x)
    if isinstance(x, (bytes, bytearray)):
        return Value(bytes_value=bytes(x))
    if isinstance(x, datetime):
        return Value(timestamp_value=_pb_ts(x))
    if isinstance(x, Reference):
        return Value(reference_value=x.path)
    if hasattr(x, "latitude") and hasattr(x, "longitude"):
        return Value(geo_point_value=latlng_pb2.LatLng(latitude=x.latitude, longitude=x.longitude))
    if isinstance(x, Mapping):
        return Value(map_value=MapValue(fields=to_protobuf_fields(x)))
    if isinstance(x, (list, tuple)):
        return Value(array_value=ArrayValue(values=[to_protobuf_value(v) for v in x]))
    raise TypeError(f"cannot encode {type(x).__name__} as a Firestore value")


def to_protobuf_fields(doc: Mapping[str, Any]) -> dict[str, Value]:
    return {k: to_protobuf_value(v) for k, v in doc.items()}


def document_name(run_id: str, *, project: str = "P", database: str = "(default)", collection: str = "flow_runs") -> str:
    return f"projects/{project}/databases/{database}/documents/{collection}/{run_id}"


def document_event_data(
    value: Mapping[str, Any] | None,
    old_value: Mapping[str, Any] | None = None,
    *,
    name: str = "",
    update_time: datetime = DEFAULT_TIME,
    create_time: datetime = datetime(2025, 12, 15, 10, 25, 30, tzinfo=UTC),
    update_mask: list[str] | None = None,
) -> DocumentEventData:
    kwargs: dict[str, Any] = {}
    if value is not None:
        kwargs["value"] = Document(
            name=name, fields=to_protobuf_fields(value), create_time=_pb_ts(create_time), update_time=_pb_ts(update_time)
        )
    if old_value is not None:
        kwargs["old_value"] = Document(
            name=name, fields=to_protobuf_fields(old_value), create_time=_pb_ts(create_time), update_time=_pb_ts(create_time)
        )
    if update_mask is not None:
        kwargs["update_mask"] = {"field_paths": update_mask}
    return DocumentEventData(**kwargs)


def protobuf_body(value: Mapping | None, old_value: Mapping | None = None, **kwargs: Any) -> bytes:
    return DocumentEventData.serialize(document_event_data(value, old_value, **kwargs))


def json_body_dict(
    value: Mapping[str, Any] | None,
    old_value: Mapping[str, Any] | None = None,
    *,
    name: str = "",
    update_time: datetime = DEFAULT_TIME,
    create_time: datetime = datetime(2025, 12, 15, 10, 25, 30, tzinfo=UTC),
) -> dict[str, Any]:
    body: dict[str, Any] = {}
    if value is not None:
        body["value"] = {
            "name": name,
            "fields": to_firestore_fields(value),
            "createTime": rfc3339(create_time),
            "updateTime": rfc3339(update_time),
        }
    if old_value is not None:
        body["oldValue"] = {
            "name": name,
            "fields": to_firestore_fields(old_value),
            "createTime": rfc3339(create_time),
            "updateTime": rfc3339(create_time),
        }
    return body


# ------------------------------------------------------------------------------------------
# CloudEvent attributes and HTTP requests
# ------------------------------------------------------------------------------------------


def event_attributes(
    run_id: str,
    *,
    event_type: str = WRITTEN,
    project: str = "P",
    database: str = "(default)",
    location: str = "nam5",
    collection: str = "flow_runs",
    event_id: str | None = None,
    time: datetime = DEFAULT_TIME,
    document: str | None = None,
    subject: str | None = None,
) -> dict[str, str]:
    """The context + extension attributes Eventarc puts on a Firestore event (no ``ce-``)."""
    doc = document if document is not None else f"{collection}/{run_id}"
    attrs = {
        "specversion": "1.0",
        "id": event_id or str(uuid.uuid4()),
        "source": f"//firestore.googleapis.com/projects/{project}/databases/{database}",
        "type": event_type,
        "subject": subject if subject is not None else f"documents/{doc}",
        "time": rfc3339(time),
        "location": location,
        "project": project,
        "database": database,
        "namespace": "(default)",
        "document": doc,
    }
    if event_type.endswith(AUTH):
        attrs["authtype"] = "service_account"
        attrs["authid"] = "orchestrator@P.iam.gserviceaccount.com"
    return attrs


def _binary_headers(attrs: Mapping[str, str], content_type: str, drop: tuple[str, ...], extra: Mapping[str, str] | None) -> dict[str, str]:
    headers = {f"ce-{k}": v for k, v in attrs.items() if k not in drop}
    headers["Content-Type"] = content_type
    headers.update(extra or {})
    return headers


def _name(run_id: str, attrs: Mapping[str, str]) -> str:
    """The document's full name, as in the body of an event with these attributes."""
    collection = attrs["document"].split("/")[0]
    return document_name(run_id, project=attrs["project"], database=attrs["database"], collection=collection)


def _json_body(run_id: str, value: Mapping | None, old_value: Mapping | None, attrs: Mapping[str, str],
               body: Any) -> Any:
    return json_body_dict(value, old_value, name=_name(run_id, attrs)) if body is None else body


def binary_protobuf(
    run_id: str,
    value: Mapping[str, Any] | None,
    old_value: Mapping[str, Any] | None = None,
    *,
    drop: tuple[str, ...] = (),
    extra_headers: Mapping[str, str] | None = None,
    body: bytes | None = None,
    **attr_kwargs: Any,
) -> tuple[dict[str, str], bytes]:
    """Binary-mode request with a serialized ``DocumentEventData`` body (what Eventarc sends).

    ``drop`` removes attributes (e.g. ``("document",)``); ``body`` overrides the payload.
    """
    attrs = event_attributes(run_id, **attr_kwargs)
    if body is None:
        body = protobuf_body(value, old_value, name=_name(run_id, attrs))
    return _binary_headers(attrs, "application/protobuf", drop, extra_headers), body


def binary_json(
    run_id: str,
    value: Mapping[str, Any] | None,
    old_value: Mapping[str, Any] | None = None,
    *,
    drop: tuple[str, ...] = (),
    extra_headers: Mapping[str, str] | None = None,
    body: Any = None,
    **attr_kwargs: Any,
) -> tuple[dict[str, str], bytes]:
    """Binary-mode request with a JSON ``{value, oldValue}`` body."""
    attrs = event_attributes(run_id, **attr_kwargs)
    body = _json_body(run_id, value, old_value, attrs, body)
    raw = body if isinstance(body, bytes) else json.dumps(body).encode()
    return _binary_headers(attrs, "application/json", drop, extra_headers), raw


def structured_json(
    run_id: str,
    value: Mapping[str, Any] | None,
    old_value: Mapping[str, Any] | None = None,
    *,
    drop: tuple[str, ...] = (),
    extra_headers: Mapping[str, str] | None = None,
    body: Any = None,
    **attr_kwargs: Any,
) -> tuple[dict[str, str], bytes]:
    """Structured-mode request: the whole event is one JSON object."""
    attrs = event_attributes(run_id, **attr_kwargs)
    body = _json_body(run_id, value, old_value, attrs, body)
    envelope: dict[str, Any] = {k: v for k, v in attrs.items() if k not in drop}
    envelope["datacontenttype"] = "application/json"
    envelope["data"] = body
    headers = {"Content-Type": "application/cloudevents+json"}
    headers.update(extra_headers or {})
    return headers, json.dumps(envelope).encode()


def to_cloudevent(headers: Mapping[str, str], body: bytes) -> CloudEvent:
    """The ``CloudEvent`` functions-framework would build from this request."""
    return from_http(dict(headers), body)


def run_document(n_steps: int = 20, *, chart_status: str = "SUCCEEDED", run_id: str = "20251215-102530_BTC-USDT_k3f7a") -> dict[str, Any]:
    """A realistic run document with ``n_steps`` steps (OHLCV + CHART + LLM triples)."""
    steps: dict[str, Any] = {}
    tfs = ["1M", "1w", "1d", "4h", "1h", "15m", "5m"]
    i = 0
    while len(steps) < n_steps:
        tf = tfs[i % len(tfs)] + ("" if i < len(tfs) else f"_{i}")
        oid, cid, lid = f"ohlcv_export:{tf}", f"charts:{tf}:ctpl_price_ma1226_vol_v1", f"llm_report:{tf}:prompt_v1"
        steps[oid] = {
            "stepType": "OHLCV_EXPORT",
            "status": "SUCCEEDED",
            "timeframe": tf,
            "createdAt": "2025-12-15T10:25:31Z",
            "finishedAt": "2025-12-15T10:25:45Z",
            "dependsOn": [],
            "inputs": {"source": "bigquery", "dataset": "raw_ohlcv", "symbol": "BTC/USDT", "timeframe": tf, "exportMode": "all"},
            "outputs": {"gcs_uri": f"gcs://artifacts-bucket/runs/{run_id}/ohlcv/{tf}.json"},
        }
        if len(steps) < n_steps:
            steps[cid] = {
                "stepType": "CHART_EXPORT",
                "status": chart_status,
                "timeframe": tf,
                "createdAt": "2025-12-15T10:25:46Z",
                "dependsOn": [oid],
                "inputs": {
                    "minImages": 2,
                    "requests": [
                        {"chartTemplateId": "ctpl_price_ma1226_vol_v1"},
                        {"chartTemplateId": "ctpl_price_rsi14_stochrsi_v1"},
                        {"chartTemplateId": "ctpl_price_vpvr_obv_v1"},
                    ],
                },
                "outputs": {
                    "gcs_uri": f"gs://charts-bucket/charts/{run_id}/{cid}/manifest.json",
                    "outputsManifestGcsUri": f"gs://charts-bucket/charts/{run_id}/{cid}/manifest.json",
                },
                "finishedAt": "2025-12-15T10:26:10Z",
            }
        if len(steps) < n_steps:
            steps[lid] = {
                "stepType": "LLM_REPORT",
                "status": "PENDING",
                "timeframe": tf,
                "createdAt": "2025-12-15T10:25:46Z",
                "dependsOn": [oid, cid],
                "inputs": {"llm": {"promptId": "prompt_v1", "modelId": "model_gpt_4o_mini"}},
                "outputs": {},
            }
        i += 1
    return {
        "schemaVersion": 1,
        "runId": run_id,
        "flowKey": "scheduled_month_week_report_v1",
        "status": "RUNNING",
        "createdAt": "2025-12-15T10:25:30Z",
        "updatedAt": "2025-12-15T10:28:10Z",
        "trigger": {"type": "SCHEDULER", "source": "flow1-every-4h"},
        "scope": {"symbol": "BTC/USDT"},
        "progress": {"stepCounts": {"total": n_steps, "pending": 0, "running": 0, "succeeded": n_steps, "failed": 0}},
        "steps": steps,
    }
