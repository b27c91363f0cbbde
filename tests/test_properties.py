"""Property-based tests (hypothesis): the three places hostile data enters.

* ``decode_event`` on arbitrary attributes and bodies (bytes, text, JSON, Firestore JSON,
  mutated real protobuf) raises nothing but ``EventRejected`` (with a documented reason),
  and what it accepts is a direct child of ``flow_runs`` with a usable run id;
* ``read_step_inputs`` on arbitrary run/step documents raises only ``StepFailure`` and what
  it accepts is valid (unique safe template ids, minImages in range, a gs:// URI);
* ``ArtifactNames`` on arbitrary ids either refuses (``StepFailure``) or names an object
  ``charts/<runId>/<stepId>/<file>``: 4 segments, no ``.``/``..`` segment, no control
  character, <= 1,024 UTF-8 bytes.
"""

from __future__ import annotations

import json
import unicodedata
from typing import Any

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from chart_export.errors import StepFailure
from chart_export.events import REJECTION_REASONS, DocumentWrite, EventRejected, decode_event
from chart_export.inputs import MAX_REQUESTS, StepInputs, read_step_inputs
from chart_export.storage import MAX_OBJECT_NAME_BYTES, ArtifactNames, parse_gcs_uri
from devtools.sample_data import flow_run
from tests import _cloudevents as ce

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# ----------------------------------------------------------------------------------------
# Strategies

SPECIALS = ["/", ".", "..", ":", " ", "\x00", "\n", "\r", "\x1b", "\x7f", "\x85", "\u2028", "\ufeff", "\ud800",
            "\udfff", "\U0010ffff", "é", "🚀", "`", "\\", "%2F", "*", "?", "#", "[", "]"]
chars = st.characters()  # single code points (surrogates excluded; SPECIALS adds some)
tokens = st.lists(st.one_of(st.characters(), st.sampled_from(SPECIALS)), max_size=12).map("".join)
any_text = st.one_of(
    tokens,
    st.text(chars, max_size=40),
    st.builds(lambda c, n: c * n, st.sampled_from(["a", "é", "🚀", ".", "/", "\x01"]), st.integers(0, 1100)),
)

json_scalars = st.one_of(st.none(), st.booleans(), st.integers(-(2**70), 2**70),
                         st.floats(allow_nan=True, allow_infinity=True), st.text(chars, max_size=20))
json_values = st.recursive(json_scalars, lambda children: st.one_of(
    st.lists(children, max_size=4), st.dictionaries(st.text(chars, max_size=10), children, max_size=4)),
    max_leaves=20)

KINDS = ["nullValue", "booleanValue", "integerValue", "doubleValue", "timestampValue", "stringValue", "bytesValue",
         "referenceValue", "geoPointValue", "arrayValue", "mapValue", "null_value", "map_value", "bogusValue"]
firestore_json_values = st.recursive(
    st.one_of(
        st.dictionaries(st.sampled_from(KINDS), json_scalars, min_size=0, max_size=2),
        st.builds(lambda s: {"timestampValue": s}, st.one_of(st.text(chars, max_size=30),
                                                              st.sampled_from(["9999-12-31T23:59:59Z",
                                                                               "0001-01-01T00:00:00+14:00"]))),
        st.builds(lambda s, n: {"timestampValue": {"seconds": s, "nanos": n}},
                  st.one_of(st.integers(), st.text(max_size=25)), st.integers()),
        json_values,
    ),
    lambda children: st.one_of(
        st.builds(lambda f: {"mapValue": {"fields": f}}, st.dictionaries(st.text(chars, max_size=8), children,
                                                                          max_size=4)),
        st.builds(lambda v: {"arrayValue": {"values": v}}, st.lists(children, max_size=4)),
    ),
    max_leaves=15,
)
json_bodies = st.one_of(
    json_values,
    st.builds(lambda f, o: {"value": {"fields": f, "updateTime": o}},
              st.dictionaries(st.text(chars, max_size=8), firestore_json_values, max_size=4), json_values),
    st.builds(lambda f: {"oldValue": {"fields": f}, "value": None},
              st.dictionaries(st.text(chars, max_size=8), firestore_json_values, max_size=3)),
)

VALID_BODY = ce.protobuf_body(flow_run("r1", candle_uri="gs://b/c.json"), flow_run("r1", candle_uri="gs://b/c.json"))


@st.composite
def mutated_protobuf(draw: st.DrawFn) -> bytes:
    body = bytearray(VALID_BODY)
    for _ in range(draw(st.integers(0, 6))):
        i = draw(st.integers(0, len(body) - 1))
        body[i] = draw(st.integers(0, 255))
    cut = draw(st.one_of(st.none(), st.integers(0, len(body))))
    return bytes(body[:cut] if cut is not None else body)


bodies = st.one_of(
    st.none(),
    st.binary(max_size=300),
    mutated_protobuf(),
    st.text(chars, max_size=100),
    json_bodies,
    json_bodies.map(lambda b: json.dumps(b, allow_nan=True).encode()),
)

attr_values = st.one_of(st.none(), any_text, st.integers(), st.binary(max_size=10), st.lists(st.text(max_size=3),
                                                                                             max_size=2))
TYPES = [*ce.ALL_WRITE_TYPES, *ce.ALL_DELETE_TYPES, "google.cloud.pubsub.topic.v1.messagePublished"]
documents = st.one_of(any_text, st.builds(lambda s: f"flow_runs/{s}", any_text),
                      st.builds(lambda a, b: f"flow_runs/{a}/{b}", any_text, any_text))
subjects = st.one_of(any_text, documents.map(lambda d: f"documents/{d}"))
content_types = st.one_of(st.none(), st.sampled_from(["application/protobuf", "application/json",
                                                      "application/cloudevents+json", "text/plain",
                                                      "application/x-protobuf; charset=utf-8", "APPLICATION/JSON"]),
                          any_text)


class FakeEvent:
    """Anything shaped like a CloudEvent: ``get`` for attributes, ``data`` for the body."""

    def __init__(self, attrs: dict[str, Any], data: Any) -> None:
        self._attrs = attrs
        self.data = data

    def get(self, name: str, default: Any = None) -> Any:
        return self._attrs.get(name, default)

    def __getitem__(self, name: str) -> Any:
        return self._attrs[name]


@st.composite
def events_(draw: st.DrawFn) -> FakeEvent:
    attrs: dict[str, Any] = {
        "type": draw(st.one_of(st.sampled_from(TYPES), attr_values)),
        "datacontenttype": draw(content_types),
        "id": draw(attr_values),
        "source": draw(st.one_of(attr_values, st.just("//firestore.googleapis.com/projects/p/databases/(default)"))),
    }
    if draw(st.booleans()):
        attrs["document"] = draw(st.one_of(documents, attr_values))
    if draw(st.booleans()):
        attrs["subject"] = draw(st.one_of(subjects, attr_values))
    if draw(st.booleans()):
        attrs["database"] = draw(attr_values)
    return FakeEvent(attrs, draw(bodies))


# ----------------------------------------------------------------------------------------
# decode_event


def _check_decoded(event: Any) -> None:
    try:
        write = decode_event(event)
    except EventRejected as exc:
        assert exc.reason in REJECTION_REASONS
        return
    if write is None:
        return
    assert isinstance(write, DocumentWrite)
    assert write.collection == "flow_runs" and write.document == f"flow_runs/{write.run_id}"
    assert write.run_id and "/" not in write.run_id and write.run_id not in {".", ".."}
    assert isinstance(write.value, dict)
    try:
        old = write.old_value  # decoded lazily: may only fail as EventRejected
    except EventRejected as exc:
        assert exc.reason in REJECTION_REASONS
    else:
        assert old is None or isinstance(old, dict)


@SETTINGS
@given(events_())
@example(FakeEvent({"type": ce.WRITTEN, "document": "flow_runs/x", "datacontenttype": "application/protobuf"},
                   VALID_BODY))
def test_decode_event_raises_only_event_rejected(event: FakeEvent) -> None:
    _check_decoded(event)


@SETTINGS
@given(st.one_of(json_scalars, st.binary(max_size=20), st.lists(st.integers(), max_size=2),
                 st.builds(object), st.dictionaries(st.text(max_size=5), st.text(max_size=5), max_size=3)))
def test_decode_event_on_things_that_are_not_events(thing: Any) -> None:
    _check_decoded(thing)


@SETTINGS
@given(st.sampled_from(ce.ALL_WRITE_TYPES), mutated_protobuf(), st.sampled_from(["application/protobuf", None]))
def test_decode_event_on_damaged_real_protobuf(event_type: str, body: bytes, content_type: str | None) -> None:
    headers, _ = ce.binary_protobuf("r1", None, event_type=event_type)
    if content_type is None:
        del headers["Content-Type"]
    attrs = {k.removeprefix("ce-"): v for k, v in headers.items() if k.startswith("ce-")}
    attrs["datacontenttype"] = content_type
    _check_decoded(FakeEvent(attrs, body))


class HostileEvent(FakeEvent):
    """Attribute access itself blows up."""

    def get(self, name: str, default: Any = None) -> Any:
        raise RuntimeError(f"boom on {name}")


def test_decode_event_survives_an_event_whose_accessors_raise() -> None:
    _check_decoded(HostileEvent({}, b""))


# ----------------------------------------------------------------------------------------
# read_step_inputs

STEP = "charts:1d:x"
BASE_RUN = flow_run("r1", candle_uri="gs://artifacts/runs/r1/1d.json", templates=("ctpl_a_v1", "ctpl_b_v1"),
                    chart_step_ids=(STEP,))

step_fields = st.sampled_from(["inputs", "timeframe", "dependsOn", "stepType", "status", "outputs"])
input_fields = st.sampled_from(["requests", "minImages", "ohlcv_gcs_uri", "timeframe"])
request_values = st.one_of(
    json_values,
    st.lists(st.one_of(st.builds(lambda t: {"chartTemplateId": t}, any_text), json_values), max_size=8),
    st.lists(st.builds(lambda i: {"chartTemplateId": f"ctpl_{i}"}, st.integers(0, 80)), min_size=40, max_size=70),
)
uri_values = st.one_of(json_values, any_text, st.builds(lambda s, b, n: f"{s}://{b}/{n}",
                                                        st.sampled_from(["gs", "gcs", "http", "file", "GS", ""]),
                                                        any_text, any_text))


@st.composite
def runs(draw: st.DrawFn) -> tuple[dict, str]:
    run = json.loads(json.dumps(BASE_RUN))
    step = run["steps"][STEP]
    for _ in range(draw(st.integers(0, 4))):
        choice = draw(st.integers(0, 7))
        if choice == 0:
            step[draw(step_fields)] = draw(json_values)
        elif choice == 1:
            step.setdefault("inputs", {}) if isinstance(step.get("inputs"), dict) else None
            if isinstance(step.get("inputs"), dict):
                step["inputs"][draw(input_fields)] = draw(json_values)
        elif choice == 2 and isinstance(step.get("inputs"), dict):
            step["inputs"]["requests"] = draw(request_values)
        elif choice == 3 and isinstance(step.get("inputs"), dict):
            step["inputs"]["minImages"] = draw(st.one_of(st.integers(-3, 80), json_scalars))
        elif choice == 4:
            run["steps"]["ohlcv_export:1d"]["outputs"] = {"gcs_uri": draw(uri_values)}
        elif choice == 5 and isinstance(step.get("inputs"), dict):
            step["inputs"]["ohlcv_gcs_uri"] = draw(uri_values)
        elif choice == 6:
            run["scope"] = draw(st.one_of(json_values, st.builds(lambda s: {"symbol": s}, st.one_of(any_text,
                                                                                               json_values))))
        else:
            step["timeframe"] = draw(st.one_of(any_text, json_values, st.sampled_from(["1d\n", "1M", "x" * 17])))
    step_id = draw(st.one_of(st.just(STEP), any_text))
    if draw(st.integers(0, 20)) == 0:
        run = draw(st.dictionaries(st.text(max_size=6), json_values, max_size=4))
    return run, step_id


_TRAILING_NEWLINE = json.loads(json.dumps(BASE_RUN))
_TRAILING_NEWLINE["steps"][STEP]["timeframe"] = "1d\n"  # re.match("^[A-Za-z0-9]{1,16}$") accepts it


@SETTINGS
@given(runs())
@example((_TRAILING_NEWLINE, STEP))
def test_read_step_inputs_raises_only_step_failure(case: tuple[dict, str]) -> None:
    run, step_id = case
    try:
        inputs = read_step_inputs(run, step_id)
    except StepFailure as failure:
        assert failure.code in {"VALIDATION_FAILED", "OHLCV_NOT_FOUND"}
        assert failure.message and isinstance(failure.details, dict)
        return
    assert isinstance(inputs, StepInputs)
    assert inputs.timeframe.isascii() and inputs.timeframe.isalnum() and len(inputs.timeframe) <= 16
    assert inputs.symbol and inputs.symbol == inputs.symbol.strip()
    assert 1 <= len(inputs.template_ids) <= MAX_REQUESTS
    assert len(set(inputs.template_ids)) == len(inputs.template_ids)
    assert 0 <= inputs.min_images <= len(inputs.template_ids)
    bucket, name = parse_gcs_uri(inputs.ohlcv_uri)
    assert bucket and name
    for template_id in inputs.template_ids:  # each is already a safe object-name segment
        ArtifactNames("r1", "s1").png(symbol=inputs.symbol, timeframe=inputs.timeframe, template_id=template_id,
                                      claim="a1-0123456789")


# ----------------------------------------------------------------------------------------
# ArtifactNames


def _check_name(name: str, run_id: str, step_id: str) -> None:
    assert name.startswith(f"charts/{run_id}/{step_id}/")
    segments = name.split("/")
    assert len(segments) == 5, segments  # charts / run / step / claim / file
    assert "#" not in name and "?" not in name  # the consumer's GcsUri refuses a query/fragment
    assert all(segment not in {"", ".", ".."} for segment in segments)
    assert not any(unicodedata.category(ch) == "Cc" for ch in name)
    assert len(name.encode("utf-8")) <= MAX_OBJECT_NAME_BYTES  # also proves: no lone surrogate


@SETTINGS
@given(any_text, any_text, any_text, any_text, any_text)
@example("..", "s", "t", "BTC/USDT", "1d")
@example("r" * 400, "s" * 400, "t" * 400, "BTCUSDT", "1d")
@example("r", "s", "t\n", "BTCUSDT", "1d")
def test_artifact_names_are_safe_or_refused(run_id: str, step_id: str, template_id: str, symbol: str,
                                            timeframe: str) -> None:
    try:
        names = ArtifactNames(run_id, step_id)
    except StepFailure as failure:
        assert failure.code == "VALIDATION_FAILED"
        return
    manifest = names.manifest("a1-0123456789")
    _check_name(manifest, run_id, step_id)
    try:
        png = names.png(symbol=symbol, timeframe=timeframe, template_id=template_id, claim="a1-0123456789")
    except StepFailure as failure:
        assert failure.code == "VALIDATION_FAILED"
        return
    _check_name(png, run_id, step_id)
    assert png.endswith(".png") and png != manifest
