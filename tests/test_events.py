"""chart_export.events: decoding Firestore-write CloudEvents (protobuf + JSON, every value type)."""

from __future__ import annotations

import base64
import copy
import dataclasses
import json
import math
import pickle
import sys
import textwrap
import uuid
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import functions_framework
import pytest
from cloudevents.http import CloudEvent
from google.events.cloud.firestore_v1.types import DocumentEventData
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chart_export.events import (
    ACCEPTED_TYPES,
    DELETE_TYPES,
    REJECTION_REASONS,
    DocumentWrite,
    EventRejected,
    GeoPoint,
    decode_event,
    decode_json_fields,
    decode_protobuf_fields,
)
from tests._cloudevents import (
    ALL_DELETE_TYPES,
    ALL_WRITE_TYPES,
    DEFAULT_TIME,
    WRITTEN,
    Reference,
    binary_json,
    binary_protobuf,
    document_event_data,
    event_attributes,
    json_body_dict,
    protobuf_body,
    run_document,
    structured_json,
    to_cloudevent,
    to_firestore_fields,
    to_protobuf_fields,
)

RUN = "20251215-102530_BTC-USDT_k3f7a"
ENCODERS = {"protobuf": binary_protobuf, "json-binary": binary_json, "json-structured": structured_json}

EVERY_TYPE: dict[str, Any] = {
    "null": None,
    "true": True,
    "false": False,
    "int_zero": 0,
    "int_neg": -42,
    "int_max": 2**63 - 1,
    "int_min": -(2**63),
    "double": 1.5,
    "double_zero": 0.0,
    "double_neg": -2.25e-300,
    "double_inf": math.inf,
    "double_ninf": -math.inf,
    "string": "BTC/USDT",
    "string_empty": "",
    "string_unicode": "график · ₿ \u0000 ctrl\n",
    "bytes": b"\x00\xffPNG\x89",
    "bytes_empty": b"",
    "timestamp": datetime(2025, 12, 15, 10, 28, 10, 123456, tzinfo=UTC),
    "timestamp_old": datetime(1969, 7, 20, 20, 17, 40, tzinfo=UTC),
    "reference": Reference("projects/P/databases/(default)/documents/chart_templates/ctpl_x"),
    "geo": GeoPoint(48.8566, 2.3522),
    "geo_zero": GeoPoint(0.0, -0.0),
    "map": {"a": 1, "b": {"c": [1, "two", None]}},
    "map_empty": {},
    "array": [1, 2.5, "x", True, None, {"k": "v"}, [b"\x01"]],
    "array_empty": [],
    "dotted.key:with`ticks`": "ok",
}


def expected_plain(x: Any) -> Any:
    """What decoding gives back for an encoded Python value (references become strings)."""
    if isinstance(x, Reference):
        return x.path
    if isinstance(x, dict):
        return {k: expected_plain(v) for k, v in x.items()}
    if isinstance(x, (list, tuple)):
        return [expected_plain(v) for v in x]
    return x


def decode(encoder, value=EVERY_TYPE, old_value=None, run_id=RUN, **kw) -> DocumentWrite | None:
    return decode_event(to_cloudevent(*encoder(run_id, value, old_value, **kw)))


def rejected(event: Any, **kw: Any) -> EventRejected:
    with pytest.raises(EventRejected) as info:
        decode_event(event, **kw)
    assert info.value.reason in REJECTION_REASONS
    assert info.value.message
    return info.value


# --------------------------------------------------------------------------------------------
# Round trips
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("form", ENCODERS)
def test_every_value_type_round_trips(form: str) -> None:
    old = {"status": "before", "when": datetime(2020, 1, 1, tzinfo=UTC)}
    w = decode(ENCODERS[form], EVERY_TYPE, old)
    assert isinstance(w, DocumentWrite)
    assert w.value == expected_plain(EVERY_TYPE)
    assert w.old_value == old
    # types, not just equality (True == 1, 1.0 == 1)
    assert type(w.value["true"]) is bool and type(w.value["int_max"]) is int
    assert type(w.value["double_zero"]) is float and type(w.value["bytes"]) is bytes
    assert type(w.value["reference"]) is str
    assert w.value["timestamp"].tzinfo is not None and w.value["timestamp"].utcoffset() == timedelta(0)
    assert isinstance(w.value["geo"], GeoPoint)
    assert w.update_time == DEFAULT_TIME


@pytest.mark.parametrize("form", ENCODERS)
def test_nan_round_trips(form: str) -> None:
    w = decode(ENCODERS[form], {"x": math.nan})
    assert math.isnan(w.value["x"])


@pytest.mark.parametrize("form", ENCODERS)
def test_realistic_run_document_round_trips(form: str) -> None:
    doc = run_document(20)
    w = decode(ENCODERS[form], doc, doc)
    assert w.value == doc and w.old_value == doc


def test_nanosecond_timestamps_truncate_to_microseconds() -> None:
    body = {
        "value": {
            "fields": {"t": {"timestampValue": "2025-12-15T10:28:10.123456789Z"}},
            "updateTime": "2025-12-15T10:28:10.999999999Z",
        }
    }
    w = decode_event(CloudEvent(event_attributes(RUN) | {"datacontenttype": "application/json"}, body))
    assert w.value["t"] == datetime(2025, 12, 15, 10, 28, 10, 123456, tzinfo=UTC)
    assert w.update_time == datetime(2025, 12, 15, 10, 28, 10, 999999, tzinfo=UTC)

    data = document_event_data({"t": DEFAULT_TIME})
    raw = DocumentEventData.pb(data)
    raw.value.fields["t"].timestamp_value.nanos = 123456789
    raw.value.update_time.nanos = 999999999
    w = decode_event(CloudEvent(event_attributes(RUN) | {"datacontenttype": "application/protobuf"}, raw.SerializeToString()))
    assert w.value["t"].microsecond == 123456
    assert w.update_time.microsecond == 999999


def test_json_value_encoding_variants() -> None:
    fields = {
        "int_as_number": {"integerValue": 7},
        "int_as_float": {"integerValue": 7.0},
        "double_as_string": {"doubleValue": "2.5"},
        "double_inf": {"doubleValue": "Infinity"},
        "double_from_int": {"doubleValue": 3},
        "null_enum": {"nullValue": "NULL_VALUE"},
        "null_zero": {"nullValue": 0},
        "unset": {},
        "snake": {"string_value": "s"},
        "snake_map": {"map_value": {"fields": {"a": {"integer_value": "1"}}}},
        "map_no_fields": {"mapValue": {}},
        "array_no_values": {"arrayValue": {}},
        "geo_zero_omitted": {"geoPointValue": {"latitude": 1.5}},
        "bytes_urlsafe_unpadded": {"bytesValue": base64.urlsafe_b64encode(b"\xfb\xff\xfe").decode().rstrip("=")},
        "ts_offset": {"timestampValue": "2025-12-15T12:28:10+02:00"},
        "ts_naive": {"timestampValue": "2025-12-15T10:28:10"},
        "ts_seconds_nanos": {"timestampValue": {"seconds": "1765794490", "nanos": 5000}},
    }
    assert decode_json_fields(fields) == {
        "int_as_number": 7,
        "int_as_float": 7,
        "double_as_string": 2.5,
        "double_inf": math.inf,
        "double_from_int": 3.0,
        "null_enum": None,
        "null_zero": None,
        "unset": None,
        "snake": "s",
        "snake_map": {"a": 1},
        "map_no_fields": {},
        "array_no_values": [],
        "geo_zero_omitted": GeoPoint(1.5, 0.0),
        "bytes_urlsafe_unpadded": b"\xfb\xff\xfe",
        "ts_offset": datetime(2025, 12, 15, 10, 28, 10, tzinfo=UTC),
        "ts_naive": datetime(2025, 12, 15, 10, 28, 10, tzinfo=UTC),
        "ts_seconds_nanos": datetime(2025, 12, 15, 10, 28, 10, 5, tzinfo=UTC),
    }


def test_snake_case_json_body() -> None:
    body = {
        "value": {"fields": to_firestore_fields({"a": 1}), "update_time": "2025-12-15T10:28:10Z"},
        "old_value": {"fields": to_firestore_fields({"a": 0})},
    }
    w = decode_event(CloudEvent(event_attributes(RUN) | {"datacontenttype": "application/json"}, body))
    assert (w.value, w.old_value, w.update_time) == ({"a": 1}, {"a": 0}, datetime(2025, 12, 15, 10, 28, 10, tzinfo=UTC))


def test_decode_protobuf_fields_accepts_proto_plus_and_raw() -> None:
    plus = to_protobuf_fields(EVERY_TYPE)
    assert decode_protobuf_fields(plus) == expected_plain(EVERY_TYPE)
    raw = DocumentEventData.pb(document_event_data(EVERY_TYPE)).value.fields
    assert decode_protobuf_fields(raw) == expected_plain(EVERY_TYPE)


# --------------------------------------------------------------------------------------------
# Body forms and event.data shapes
# --------------------------------------------------------------------------------------------


def _attrs(**kw: Any) -> dict[str, str]:
    return event_attributes(RUN, **kw)


DOC = {"steps": {"s": {"status": "READY"}}, "n": 1}


@pytest.mark.parametrize(
    ("content_type", "data"),
    [
        ("application/protobuf", protobuf_body(DOC)),
        ("application/x-protobuf", bytearray(protobuf_body(DOC))),
        (None, protobuf_body(DOC)),  # content type missing: bytes are protobuf
        ("application/octet-stream", memoryview(protobuf_body(DOC))),
        ("application/protobuf", document_event_data(DOC)),  # proto-plus object
        ("application/protobuf", DocumentEventData.pb(document_event_data(DOC))),  # raw message
        ("application/json", json_body_dict(DOC)),  # dict
        ("application/json", json.dumps(json_body_dict(DOC))),  # str
        ("application/json; charset=utf-8", json.dumps(json_body_dict(DOC)).encode()),  # bytes
        (None, json_body_dict(DOC)),
        ("application/protobuf", json_body_dict(DOC)),  # mislabelled, but already a dict
    ],
)
def test_event_data_shapes(content_type: str | None, data: Any) -> None:
    attrs = _attrs()
    if content_type:
        attrs["datacontenttype"] = content_type
    w = decode_event(CloudEvent(attrs, data))
    assert w is not None and w.value == DOC and w.run_id == RUN


def test_structured_mode_with_base64_protobuf_data() -> None:
    envelope = _attrs() | {
        "datacontenttype": "application/protobuf",
        "data_base64": base64.b64encode(protobuf_body(DOC)).decode(),
    }
    event = to_cloudevent({"Content-Type": "application/cloudevents+json"}, json.dumps(envelope).encode())
    assert isinstance(event.data, bytes)
    assert decode_event(event).value == DOC


def test_real_eventarc_headers_are_present() -> None:
    headers, body = binary_protobuf(RUN, DOC, event_type=WRITTEN + ".withAuthContext")
    for h in ("ce-id", "ce-source", "ce-type", "ce-specversion", "ce-subject", "ce-time", "ce-location",
              "ce-project", "ce-database", "ce-namespace", "ce-document", "ce-authtype", "ce-authid"):
        assert h in headers
    assert headers["Content-Type"] == "application/protobuf"
    assert headers["ce-source"] == "//firestore.googleapis.com/projects/P/databases/(default)"
    assert headers["ce-subject"] == f"documents/flow_runs/{RUN}"
    assert headers["ce-document"] == f"flow_runs/{RUN}"


# --------------------------------------------------------------------------------------------
# Event types, deletes, envelope fields
# --------------------------------------------------------------------------------------------


def test_accepted_type_sets() -> None:
    assert set(ALL_WRITE_TYPES) == ACCEPTED_TYPES and set(ALL_DELETE_TYPES) == DELETE_TYPES


@pytest.mark.parametrize("form", ENCODERS)
@pytest.mark.parametrize("event_type", ALL_WRITE_TYPES)
def test_each_write_type_decodes(form: str, event_type: str) -> None:
    w = decode(ENCODERS[form], DOC, None, event_type=event_type, event_id="ev-1", project="proj-9")
    assert w == DocumentWrite(
        event_id="ev-1",
        event_type=event_type,
        source="//firestore.googleapis.com/projects/proj-9/databases/(default)",
        document=f"flow_runs/{RUN}",
        collection="flow_runs",
        run_id=RUN,
        database="(default)",
        value=DOC,
        old_value=None,
        update_time=DEFAULT_TIME,
    )


@pytest.mark.parametrize("form", ENCODERS)
@pytest.mark.parametrize("event_type", ALL_DELETE_TYPES)
def test_delete_types_are_none(form: str, event_type: str) -> None:
    assert decode(ENCODERS[form], None, DOC, event_type=event_type) is None


@pytest.mark.parametrize("form", ENCODERS)
def test_written_delete_without_new_value_is_none(form: str) -> None:
    assert decode(ENCODERS[form], None, DOC) is None


def test_delete_type_ignores_even_a_garbage_body() -> None:
    headers, _ = binary_protobuf(RUN, None, event_type=ALL_DELETE_TYPES[0])
    assert decode_event(to_cloudevent(headers, b"\xff\xff\xff")) is None


def test_empty_document_is_an_empty_dict_not_a_delete() -> None:
    assert decode(binary_protobuf, {}).value == {}
    assert decode(binary_json, {}).value == {}


def test_old_value_is_lazy_but_an_ordinary_field() -> None:
    w = decode(binary_protobuf, DOC, {"n": 0})
    assert "old_value=" in repr(w) and w.old_value == {"n": 0}
    assert dataclasses.replace(w, value={}).old_value == {"n": 0}
    assert dataclasses.asdict(w)["old_value"] == {"n": 0}
    assert "old_value" in {f.name for f in dataclasses.fields(DocumentWrite)}
    with pytest.raises(dataclasses.FrozenInstanceError):
        w.old_value = {}  # type: ignore[misc]
    # lazy decode: two reads give the same object
    w2 = decode(binary_protobuf, DOC, {"n": 0})
    assert w2.old_value is w2.old_value
    # pickling / copying a not-yet-read write carries the decoded value, not the protobuf
    for fresh in (decode(binary_protobuf, DOC, {"n": 0}) for _ in range(2)):
        assert pickle.loads(pickle.dumps(fresh)).old_value == {"n": 0}
    assert copy.deepcopy(decode(binary_protobuf, DOC, {"n": 0})).old_value == {"n": 0}


@pytest.mark.parametrize(
    ("attrs", "database"),
    [
        ({}, "(default)"),
        ({"database": "charts-db"}, "charts-db"),
    ],
)
def test_database_from_attribute(attrs: dict, database: str) -> None:
    assert decode(binary_protobuf, DOC, **attrs).database == database


def test_database_from_source_then_default() -> None:
    headers, body = binary_protobuf(RUN, DOC, drop=("database",), database="db-from-source")
    assert decode_event(to_cloudevent(headers, body)).database == "db-from-source"
    headers, body = binary_protobuf(RUN, DOC, drop=("database",), extra_headers={"ce-source": "//elsewhere"})
    assert decode_event(to_cloudevent(headers, body)).database == "(default)"


@pytest.mark.parametrize("run_id", ["abc", "run:1", "run.v1", "a b", "ünïcødé-₿", "x" * 1500, "`tick`", "%2F"])
@pytest.mark.parametrize("drop", [(), ("document",)])
def test_run_id_from_document_or_subject(run_id: str, drop: tuple[str, ...]) -> None:
    headers, body = binary_protobuf(run_id, DOC, drop=drop)
    w = decode_event(to_cloudevent(headers, body))
    assert (w.run_id, w.document, w.collection) == (run_id, f"flow_runs/{run_id}", "flow_runs")


def test_document_attribute_wins_over_subject_and_body_name_is_ignored() -> None:
    headers, body = binary_protobuf(RUN, DOC, subject="documents/flow_runs/other")
    body = protobuf_body(DOC, name="projects/P/databases/(default)/documents/flow_runs/from-body")
    assert decode_event(to_cloudevent(headers, body)).run_id == RUN


def test_custom_collection() -> None:
    headers, body = binary_protobuf("t1", DOC, collection="chart_jobs")
    assert decode_event(to_cloudevent(headers, body), collection="chart_jobs").collection == "chart_jobs"
    assert rejected(to_cloudevent(headers, body)).reason == "wrong_collection"


# --------------------------------------------------------------------------------------------
# Rejections
# --------------------------------------------------------------------------------------------


def _ce(attrs: dict, data: Any, content_type: str | None = "application/protobuf") -> CloudEvent:
    if content_type:
        attrs = attrs | {"datacontenttype": content_type}
    return CloudEvent(attrs, data)


GOOD_PB = protobuf_body(DOC)


REJECTION_CASES = [
    (object(), "not_a_cloudevent"),
    (None, "not_a_cloudevent"),
    ({"type": WRITTEN}, "not_a_cloudevent"),  # a dict is not an event
    (_ce(_attrs(event_type="google.cloud.storage.object.v1.finalized"), GOOD_PB), "not_a_firestore_write"),
    (_ce(_attrs(event_type="google.cloud.firestore.document.v1.Written"), GOOD_PB), "not_a_firestore_write"),
    (_ce(_attrs(event_type=WRITTEN + ".withauthcontext"), GOOD_PB), "not_a_firestore_write"),
    (_ce({k: v for k, v in _attrs().items() if k not in ("document", "subject")}, GOOD_PB), "missing_document"),
    (_ce(_attrs(subject="flow_runs/x") | {"document": None}, GOOD_PB), "bad_document_path"),
    (_ce(_attrs(document="flow_runs/"), GOOD_PB), "bad_document_path"),
    (_ce(_attrs(document="flow_runs//x"), GOOD_PB), "bad_document_path"),
    (_ce(_attrs(document="flow_runs/.."), GOOD_PB), "bad_document_path"),
    (_ce(_attrs(document="/flow_runs/x"), GOOD_PB), "bad_document_path"),
    (_ce(_attrs(document=""), GOOD_PB), "bad_document_path"),
    (_ce(_attrs(document="other/x"), GOOD_PB), "wrong_collection"),
    (_ce(_attrs(document="flow_runs/x/sub/y"), GOOD_PB), "wrong_collection"),
    (_ce(_attrs(document="flow_runs"), GOOD_PB), "wrong_collection"),
    (_ce(_attrs(document="flow_runs_v2/x"), GOOD_PB), "wrong_collection"),
    (_ce(_attrs(), None), "missing_data"),
    (_ce(_attrs(), b""), "missing_data"),
    (_ce(_attrs(), b"\xff\xff\xff\xff"), "bad_protobuf"),
    (_ce(_attrs(), b"\x0a\x05abc"), "bad_protobuf"),  # truncated
    (_ce(_attrs(), GOOD_PB[:-3]), "bad_protobuf"),
    (_ce(_attrs(), 12345), "bad_protobuf"),
    (_ce(_attrs(), b"{not json", "application/json"), "bad_json"),
    (_ce(_attrs(), "{not json", "application/json"), "bad_json"),
    (_ce(_attrs(), [1, 2], "application/json"), "bad_json"),
    (_ce(_attrs(), {"value": "nope"}, "application/json"), "bad_json"),
    (_ce(_attrs(), {"value": {"fields": []}}, "application/json"), "bad_json"),
    (_ce(_attrs(), {"value": {"fields": {"a": "raw"}}}, "application/json"), "bad_json"),
    (_ce(_attrs(), {"value": {"fields": {"a": {"fooValue": 1}}}}, "application/json"), "bad_json"),
    (_ce(_attrs(), {"value": {"fields": {"a": {"stringValue": "x", "integerValue": "1"}}}}, "application/json"), "bad_json"),
    (_ce(_attrs(), {"value": {"fields": {"a": {"integerValue": "1.5"}}}}, "application/json"), "bad_json"),
    (_ce(_attrs(), {"value": {"fields": {"a": {"integerValue": True}}}}, "application/json"), "bad_json"),
    (_ce(_attrs(), {"value": {"fields": {"a": {"booleanValue": "true"}}}}, "application/json"), "bad_json"),
    (_ce(_attrs(), {"value": {"fields": {"a": {"bytesValue": "!!!"}}}}, "application/json"), "bad_json"),
    (_ce(_attrs(), {"value": {"fields": {"a": {"timestampValue": "yesterday"}}}}, "application/json"), "bad_json"),
    (_ce(_attrs(), {"value": {"fields": {"a": {"timestampValue": {"seconds": 10**15}}}}}, "application/json"), "bad_json"),
    (_ce(_attrs(), {"value": {"fields": {"a": {"arrayValue": {"values": {}}}}}}, "application/json"), "bad_json"),
    (_ce(_attrs(), {"value": {"fields": {}, "updateTime": 5}}, "application/json"), "bad_json"),
    (_ce(_attrs(), {"oldValue": 3}, "application/json"), "bad_json"),
]


@pytest.mark.parametrize(("event", "reason"), REJECTION_CASES)
def test_rejection_reasons(event: Any, reason: str) -> None:
    assert rejected(event).reason == reason


def test_every_rejection_reason_is_exercised() -> None:
    # keeps REJECTION_REASONS and the table above honest
    exercised = {reason for _, reason in REJECTION_CASES}
    assert exercised == REJECTION_REASONS


def test_deeply_nested_json_is_rejected_not_crashing() -> None:
    v: dict = {"stringValue": "leaf"}
    for _ in range(5000):
        v = {"mapValue": {"fields": {"a": v}}}
    assert rejected(_ce(_attrs(), {"value": {"fields": {"a": v}}}, "application/json")).reason == "bad_json"


def test_protobuf_timestamp_out_of_range_is_rejected() -> None:
    raw = DocumentEventData.pb(document_event_data({"t": DEFAULT_TIME}, {"t": DEFAULT_TIME}))
    raw.value.fields["t"].timestamp_value.seconds = 10**15
    assert rejected(_ce(_attrs(), raw.SerializeToString())).reason == "bad_protobuf"
    # in the lazily decoded old value, the first read raises EventRejected
    raw = DocumentEventData.pb(document_event_data({"t": DEFAULT_TIME}, {"t": DEFAULT_TIME}))
    raw.old_value.fields["t"].timestamp_value.seconds = -(10**15)
    w = decode_event(_ce(_attrs(), raw.SerializeToString()))
    with pytest.raises(EventRejected) as info:
        _ = w.old_value
    assert info.value.reason == "bad_protobuf"


class _Hostile:
    """Looks like an event but every accessor explodes."""

    data = b""

    def get(self, key: str, default: Any = None) -> Any:
        raise RuntimeError("boom")

    def get_data(self) -> Any:
        raise RuntimeError("boom")


def test_hostile_event_object_is_rejected() -> None:
    assert rejected(_Hostile()).reason == "not_a_cloudevent"


def test_non_string_attributes_are_treated_as_absent() -> None:
    ev = _ce(_attrs() | {"document": 5, "subject": None}, GOOD_PB)
    assert rejected(ev).reason == "missing_document"
    ev = _ce(_attrs() | {"type": 5}, GOOD_PB)
    assert rejected(ev).reason == "not_a_firestore_write"


# --------------------------------------------------------------------------------------------
# Property-based: never anything but EventRejected
# --------------------------------------------------------------------------------------------

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=20),
    lambda c: st.lists(c, max_size=5) | st.dictionaries(st.text(max_size=10), c, max_size=5),
    max_leaves=30,
)

_KINDS = [
    "nullValue", "booleanValue", "integerValue", "doubleValue", "timestampValue", "stringValue", "bytesValue",
    "referenceValue", "geoPointValue", "arrayValue", "mapValue", "string_value", "map_value", "bogusValue",
]
firestoreish_values = st.recursive(
    st.builds(lambda k, x: {k: x}, st.sampled_from(_KINDS), json_values),
    lambda c: st.builds(lambda f: {"mapValue": {"fields": f}}, st.dictionaries(st.text(max_size=8), c, max_size=4))
    | st.builds(lambda v: {"arrayValue": {"values": v}}, st.lists(c, max_size=4))
    | st.builds(lambda f: {"fields": f}, st.dictionaries(st.text(max_size=8), c, max_size=4)),
    max_leaves=20,
)
firestoreish_bodies = st.fixed_dictionaries(
    {},
    optional={
        "value": st.fixed_dictionaries({}, optional={"fields": st.dictionaries(st.text(max_size=8), firestoreish_values, max_size=4) | json_values, "updateTime": json_values}) | json_values,
        "oldValue": st.fixed_dictionaries({}, optional={"fields": st.dictionaries(st.text(max_size=8), firestoreish_values, max_size=4)}) | json_values,
    },
)


def _never_raises_but_rejected(event: Any) -> None:
    try:
        w = decode_event(event)
    except EventRejected as e:
        assert e.reason in REJECTION_REASONS
        return
    assert w is None or isinstance(w, DocumentWrite)
    if w is not None:
        assert isinstance(w.value, dict) and w.run_id
        try:
            w.old_value  # noqa: B018 - lazily decoded
        except EventRejected as e:
            assert e.reason == "bad_protobuf"


FAST = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(st.binary(max_size=400))
def test_random_bytes_as_protobuf_body(data: bytes) -> None:
    _never_raises_but_rejected(_ce(_attrs(), data))
    _never_raises_but_rejected(_ce(_attrs(), data, None))


@FAST
@given(st.binary(max_size=200), st.integers(min_value=0, max_value=len(GOOD_PB)))
def test_mutated_real_protobuf_body(noise: bytes, at: int) -> None:
    _never_raises_but_rejected(_ce(_attrs(), GOOD_PB[:at] + noise + GOOD_PB[at:]))


@FAST
@given(json_values)
def test_random_json_body(data: Any) -> None:
    _never_raises_but_rejected(_ce(_attrs(), data, "application/json"))
    _never_raises_but_rejected(_ce(_attrs(), json.dumps(data), "application/json"))
    _never_raises_but_rejected(_ce(_attrs(), json.dumps(data).encode(), "application/json"))


@FAST
@given(firestoreish_bodies)
def test_random_firestore_shaped_json_body(body: dict) -> None:
    _never_raises_but_rejected(_ce(_attrs(), body, "application/json"))


_attr_text = st.one_of(st.none(), st.text(max_size=40), st.sampled_from(
    [WRITTEN, ALL_DELETE_TYPES[0], f"flow_runs/{RUN}", f"documents/flow_runs/{RUN}", "application/json",
     "application/protobuf", "flow_runs/a/b/c", "documents/", "//firestore.googleapis.com/projects/P/databases/"]
), st.integers(), st.binary(max_size=5))


@FAST
@given(
    st.fixed_dictionaries(
        {"type": _attr_text, "source": _attr_text},
        optional={k: _attr_text for k in ("document", "subject", "database", "datacontenttype", "id")},
    ),
    st.one_of(st.none(), st.binary(max_size=50), st.just(GOOD_PB), json_values, st.just(json_body_dict(DOC))),
)
def test_random_attributes(attrs: dict, data: Any) -> None:
    attrs = {k: v for k, v in attrs.items() if v is not None or k not in ("type", "source")}
    attrs.setdefault("type", WRITTEN)
    attrs.setdefault("source", "s")
    _never_raises_but_rejected(CloudEvent(attrs, data))


# Round trip of arbitrary Firestore-representable Python values through both encodings.
firestore_python = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**63), max_value=2**63 - 1)
    | st.floats(allow_nan=False)
    | st.text(max_size=20)
    | st.binary(max_size=20)
    | st.datetimes(min_value=datetime(1, 1, 1), max_value=datetime(9999, 12, 31, 23, 59, 59), timezones=st.just(UTC))
    | st.builds(GeoPoint, st.floats(-90, 90), st.floats(-180, 180)),
    lambda c: st.lists(c, max_size=4) | st.dictionaries(st.text(min_size=1, max_size=10), c, max_size=4),
    max_leaves=25,
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(st.text(min_size=1, max_size=10), firestore_python, max_size=6))
def test_round_trip_property(doc: dict) -> None:
    for encoder in ENCODERS.values():
        w = decode(encoder, doc, doc)
        assert w.value == doc and w.old_value == doc


# --------------------------------------------------------------------------------------------
# Through functions-framework's HTTP path
# --------------------------------------------------------------------------------------------

PROBE_SOURCE = textwrap.dedent(
    """
    import functions_framework
    from chart_export.events import EventRejected, decode_event

    RESULTS = []

    @functions_framework.cloud_event
    def probe(event):
        try:
            RESULTS.append(decode_event(event))
        except EventRejected as e:  # logged and acknowledged, never retried
            RESULTS.append(e)
    """
)


@pytest.fixture(scope="module")
def probe(tmp_path_factory: pytest.TempPathFactory):
    name = f"ce_probe_{uuid.uuid4().hex[:8]}"
    directory = tmp_path_factory.mktemp("probe")
    source = directory / f"{name}.py"
    source.write_text(PROBE_SOURCE)
    path_before = list(sys.path)
    app = functions_framework.create_app(target="probe", source=str(source))
    results = sys.modules[name].RESULTS
    yield app.test_client(), results
    sys.path[:] = path_before
    sys.modules.pop(name, None)


def _post(probe, headers: dict, body: bytes):
    client, results = probe
    results.clear()
    response = client.post("/", headers=headers, data=body)
    assert response.status_code == 200, response.data
    assert len(results) == 1
    return results[0]


@pytest.mark.parametrize("form", ENCODERS)
def test_http_path_every_form(probe, form: str) -> None:
    doc = run_document(5)
    old = dict(doc, status="PENDING")
    headers, body = ENCODERS[form](RUN, doc, old, event_id="http-1")
    w = _post(probe, headers, body)
    assert isinstance(w, DocumentWrite)
    assert (w.event_id, w.run_id, w.document, w.database) == ("http-1", RUN, f"flow_runs/{RUN}", "(default)")
    assert w.value == doc and w.old_value == old and w.update_time == DEFAULT_TIME


@pytest.mark.parametrize("form", ENCODERS)
def test_http_path_every_value_type(probe, form: str) -> None:
    w = _post(probe, *ENCODERS[form](RUN, EVERY_TYPE))
    assert w.value == expected_plain(EVERY_TYPE)


@pytest.mark.parametrize("form", ENCODERS)
def test_http_path_delete(probe, form: str) -> None:
    assert _post(probe, *ENCODERS[form](RUN, None, DOC, event_type=ALL_DELETE_TYPES[1])) is None


@pytest.mark.parametrize(
    ("request_", "reason"),
    [
        (binary_protobuf(RUN, DOC, body=b"\xff\xfe garbage"), "bad_protobuf"),
        (binary_protobuf(RUN, DOC, document="flow_runs/x/steps/y"), "wrong_collection"),
        (binary_protobuf(RUN, DOC, drop=("document", "subject")), "missing_document"),
        (binary_protobuf(RUN, DOC, event_type="google.cloud.pubsub.topic.v1.messagePublished"), "not_a_firestore_write"),
        (binary_json(RUN, DOC, body=b'{"value": {"fields": {"a": 1}}}'), "bad_json"),
        (structured_json(RUN, DOC, body={"value": []}), "bad_json"),
        (binary_protobuf(RUN, DOC, body=b""), "missing_data"),
    ],
)
def test_http_path_malformed_events_are_acknowledged(probe, request_, reason: str) -> None:
    result = _post(probe, *request_)
    assert isinstance(result, EventRejected) and result.reason == reason


def test_noop_event_for_20_step_run_selects_nothing() -> None:
    """The no-op shape the benchmark times (the figure lives in benchmarks/, not here)."""
    from chart_export.selection import select_steps

    doc = run_document(20)
    write = decode_event(to_cloudevent(*binary_protobuf(RUN, doc, doc)))
    assert write is not None and not select_steps(write.value).has_work


def test_timezone_helpers_sanity() -> None:
    # a non-UTC datetime is encoded as the same instant
    w = decode(binary_json, {"t": datetime(2025, 1, 1, 3, 0, tzinfo=timezone(timedelta(hours=3)))})
    assert w.value["t"] == datetime(2025, 1, 1, tzinfo=UTC)
    w = decode(binary_protobuf, {"t": datetime(2025, 1, 1, 3, 0, tzinfo=timezone(timedelta(hours=3)))})
    assert w.value["t"] == datetime(2025, 1, 1, tzinfo=UTC)



@pytest.mark.parametrize("run_id", ["ünïcødé-₿", "a b.c:ü"])
@pytest.mark.parametrize("drop", [(), ("document",)])
def test_http_path_non_ascii_run_id_arrives_intact(probe, run_id: str, drop: tuple[str, ...]) -> None:
    """Eventarc sends ids as raw UTF-8 header bytes; the WSGI server reads them as Latin-1."""
    headers, body = binary_protobuf(run_id, DOC, drop=drop)
    wire = {k: (v.encode("utf-8").decode("latin-1") if k.startswith("ce-") else v) for k, v in headers.items()}
    write = _post(probe, wire, body)
    assert write.run_id == run_id and write.document == f"flow_runs/{run_id}"
