"""Hostile and broken input, table-driven, through functions-framework's own Flask app
(``main.py`` in process) on the Firestore emulator and fake-gcs-server.

Each case is one HTTP delivery. The outcome must be one of:

* a **clear step error**: the step is finalized ``FAILED`` with the right code and a message
  naming the problem (the step could be named and the run document exists);
* a **logged, acknowledged no-op** (HTTP 200 and a log line with the reason) when no step can
  be named, or the named step cannot exist in Firestore;
* for envelopes functions-framework itself refuses before our code runs, a 4xx/5xx from the
  framework and no line of ours.

After every case: no object was written or rewritten outside ``charts/<runId>/<stepId>/`` of
that case (the whole charts bucket is listed before and after), and every log line is
well-formed and carries no planted secret. After the table: the process still renders a valid
run, and memory grew by less than MEMORY_BUDGET_MB (150 MB; measured alone: peak RSS +105 MB,
current RSS +67 MB — README, Guarantees, says how).
"""

from __future__ import annotations

import copy
import json
import math
import os
import resource
import sys
import time
import uuid
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from chart_export.templates import BUILTIN_TEMPLATE_IDS
from devtools.sample_data import candle_rows, flow_run
from tests import _cloudevents as ce
from tests._harness import (
    CANDLES_BUCKET,
    candles_with_secret,
    figure,
    log_problems,
    object_generations,
    read_log,
    store_run,
    upload_candles,
    with_secret,
)

pytestmark = pytest.mark.emulator

STEP = "charts:1d:all_builtins_v1"
OHLCV = "ohlcv_export:1d"
T0 = BUILTIN_TEMPLATE_IDS[0]
BIG_BYTES = 70 * 1024 * 1024  # over the 64 MiB default CHART_EXPORT_MAX_CANDLE_BYTES
MEMORY_BUDGET_MB = 150  # measured +105 MB peak / +67 MB current RSS (4 runs alone); README Guarantees
MAX_LINES_PER_EVENT = 60


# ----------------------------------------------------------------------------------------
# Context and builders


@dataclass
class Ctx:
    firestore: Any
    gcs: Any
    run_id: str
    candles_uri: str
    big_uri: Callable[[], str]


@dataclass
class Delivery:
    run_id: str | None
    step_id: str | None
    request: tuple[dict[str, str], bytes]


def _doc(ctx: Ctx, run_id: str | None = None, *, uri: str | None = None, templates=(T0,), **kw) -> dict:
    run_id = run_id or ctx.run_id
    return with_secret(flow_run(run_id, candle_uri=uri or ctx.candles_uri, templates=templates, **kw))


def _send(ctx: Ctx, doc: dict, *, run_id: str | None = None, step_id: str | None = STEP, store: bool = True,
          mode: str = "protobuf", **attrs: Any) -> Delivery:
    run_id = run_id or ctx.run_id
    if store:
        store_run(ctx.firestore, run_id, doc)
    encode = {"protobuf": ce.binary_protobuf, "json": ce.binary_json, "structured": ce.structured_json}[mode]
    return Delivery(run_id, step_id, encode(run_id, doc, **attrs))


def step_mutation(mutate: Callable[[dict, dict], None]) -> Callable[[Ctx], Delivery]:
    """A valid run whose chart step (and/or document) ``mutate(step, doc)`` then breaks."""

    def build(ctx: Ctx) -> Delivery:
        doc = _doc(ctx)
        mutate(doc["steps"][STEP], doc)
        return _send(ctx, doc)

    return build


def with_requests(*template_ids: str, min_images: int = 1) -> Callable[[Ctx], Delivery]:
    def mutate(step: dict, doc: dict) -> None:
        step["inputs"]["requests"] = [{"chartTemplateId": t} for t in template_ids]
        step["inputs"]["minImages"] = min_images

    return step_mutation(mutate)


def with_step_id(step_id: str, *, storable: bool = True) -> Callable[[Ctx], Delivery]:
    def build(ctx: Ctx) -> Delivery:
        doc = _doc(ctx)
        doc["steps"][step_id] = doc["steps"].pop(STEP)
        doc["steps"]["llm_report:1d:prompt_v1"]["dependsOn"] = [OHLCV, step_id]
        if storable:
            return _send(ctx, doc, step_id=step_id)
        # Firestore refuses a document holding this key: the run exists without that step.
        stored = copy.deepcopy(doc)
        del stored["steps"][step_id]
        stored["steps"]["llm_report:1d:prompt_v1"]["dependsOn"] = [OHLCV]
        store_run(ctx.firestore, ctx.run_id, stored)
        return _send(ctx, doc, step_id=step_id, store=False)

    return build


def with_run_id(make: Callable[[str], str], mode: str = "protobuf") -> Callable[[Ctx], Delivery]:
    def build(ctx: Ctx) -> Delivery:
        run_id = make(ctx.run_id)
        return _send(ctx, _doc(ctx, run_id), run_id=run_id, mode=mode)

    return build


def with_candle_uri(uri: str | Callable[[Ctx], str]) -> Callable[[Ctx], Delivery]:
    def build(ctx: Ctx) -> Delivery:
        return _send(ctx, _doc(ctx, uri=uri(ctx) if callable(uri) else uri))

    return build


def with_candles(data: bytes | Callable[[], bytes]) -> Callable[[Ctx], Delivery]:
    def build(ctx: Ctx) -> Delivery:
        uri = upload_candles(ctx.gcs, f"runs/{ctx.run_id}/1d.json", data() if callable(data) else data)
        return _send(ctx, _doc(ctx, uri=uri))

    return build


def with_big_candles(ctx: Ctx) -> Delivery:
    return _send(ctx, _doc(ctx, uri=ctx.big_uri()))


def raw_request(headers: dict[str, str], body: bytes) -> Callable[[Ctx], Delivery]:
    return lambda ctx: Delivery(None, None, (dict(headers), body))


def event_variant(mode: str = "protobuf", *, store: bool = False, body: Any = None,
                  value: Callable[[dict], Any] | None = None, old: bool = False, **attrs: Any) -> Callable[[Ctx], Delivery]:
    """A run's event with its envelope or body broken (nothing stored unless ``store``)."""

    def build(ctx: Ctx) -> Delivery:
        doc = _doc(ctx)
        if store:
            store_run(ctx.firestore, ctx.run_id, doc)
        encode = {"protobuf": ce.binary_protobuf, "json": ce.binary_json, "structured": ce.structured_json}[mode]
        shown = value(doc) if value else doc
        previous = doc if old else None
        if callable(body):
            headers, request_body = encode(ctx.run_id, shown, previous, **attrs)
            return Delivery(ctx.run_id, None, (headers, body(request_body)))
        kwargs = {"body": body} if body is not None else {}
        return Delivery(ctx.run_id, None, encode(ctx.run_id, shown, previous, **kwargs, **attrs))

    return build


def many_steps(n: int, status: str) -> Callable[[Ctx], Delivery]:
    """An event for a run with ``n`` extra chart steps (the stored run keeps only the real ones:
    Firestore's 1 MiB document limit); ``status`` READY = all blocked on a missing dependency."""

    def build(ctx: Ctx) -> Delivery:
        doc = _doc(ctx)
        store_run(ctx.firestore, ctx.run_id, doc)
        big = copy.deepcopy(doc)
        for i in range(n):
            big["steps"][f"charts:1d:pad_{i:05d}"] = {
                "stepType": "CHART_EXPORT", "status": status, "timeframe": "1d", "dependsOn": ["ohlcv_export:missing"],
                "inputs": {"minImages": 1, "requests": [{"chartTemplateId": T0}]}, "outputs": {}}
        return Delivery(ctx.run_id, STEP, ce.binary_protobuf(ctx.run_id, big))

    return build


def candles_json(mutate: Callable[[list[dict[str, Any]]], Any], *, bare: bool = False) -> bytes:
    rows = candle_rows(30)
    result = mutate(rows)
    rows = rows if result is None else result
    doc = rows if bare else {"metadata": {"symbol": "BTCUSDT"}, "data": rows}
    return json.dumps(doc).encode()  # allow_nan=True: NaN / Infinity are written as JSON extensions


def _set(i: int, **values: Any) -> Callable[[list[dict]], None]:
    def mutate(rows: list[dict]) -> None:
        rows[i].update(values)

    return mutate


def _swap(rows: list[dict]) -> None:
    rows[10]["date"], rows[11]["date"] = rows[11]["date"], rows[10]["date"]


def _duplicate_date(rows: list[dict]) -> None:
    rows[11]["date"] = rows[10]["date"]


# ----------------------------------------------------------------------------------------
# The table


@dataclass(frozen=True)
class Case:
    id: str
    build: Callable[[Ctx], Delivery]
    outcome: str  # rejected | ignored | skipped | FAILED | SUCCEEDED | framework
    reason: str | None = None
    code: str | None = None
    fragments: tuple[str, ...] = ()
    statuses: tuple[int, ...] = (200,)


CASES = [
    # -- envelope and body: nothing can be named -> logged, acknowledged ----------------------
    Case("garbage_protobuf", event_variant(body=b"\xff\xfe\xfd garbage \x00\x01"), "rejected", "bad_protobuf"),
    Case("truncated_protobuf", event_variant(body=lambda b: b[: len(b) // 2]), "rejected", "bad_protobuf"),
    Case("protobuf_labelled_json", event_variant(body=lambda b: b, extra_headers={"Content-Type": "application/json"}),
         "rejected", "bad_json"),
    Case("json_not_json", event_variant("json", body=b"{not json"), "rejected", "bad_json"),
    Case("json_value_is_a_string", event_variant("json", body={"value": "flow_runs/x"}), "rejected", "bad_json"),
    Case("json_integer_value_not_a_number",
         event_variant("json", body={"value": {"fields": {"steps": {"integerValue": "12abc"}}}}), "rejected", "bad_json"),
    Case("json_two_value_kinds",
         event_variant("json", body={"value": {"fields": {"s": {"stringValue": "a", "integerValue": "1"}}}}),
         "rejected", "bad_json"),
    Case("json_array_values_not_a_list",
         event_variant("json", body={"value": {"fields": {"a": {"arrayValue": {"values": {"x": 1}}}}}}),
         "rejected", "bad_json"),
    # Python >= 3.12 parses 3,000 levels and our decoder refuses the depth; on 3.11 the
    # cloudevents SDK's json.loads hits the recursion limit first and functions-framework answers.
    Case("json_nested_2000_deep",
         event_variant("json", body=('{"value":{"fields":{"a":' + '{"mapValue":{"fields":{"a":' * 1000
                                     + '{"nullValue":null}' + "}}}" * 1000 + "}}}").encode()),
         *(("rejected", "bad_json") if sys.version_info >= (3, 12) else ("framework", None)),
         statuses=(200,) if sys.version_info >= (3, 12) else (400, 500)),
    Case("structured_body_not_an_object", event_variant("structured", body=[1, 2, 3]), "rejected", "bad_json"),
    Case("empty_body", event_variant(body=b""), "rejected", "missing_data"),
    Case("missing_document_and_subject", event_variant(drop=("document", "subject")), "rejected",
         "missing_document"),
    Case("subject_without_documents_prefix", event_variant(drop=("document",), subject="flow_runs/x"), "rejected",
         "bad_document_path"),
    Case("wrong_collection", event_variant(document="other_runs/x"), "rejected", "wrong_collection"),
    Case("subcollection_document", event_variant(document="flow_runs/x/attempts/1"), "rejected", "wrong_collection"),
    Case("run_id_with_slash", event_variant(document="flow_runs/a/b"), "rejected", "wrong_collection"),
    Case("run_id_dotdot", event_variant(document="flow_runs/.."), "rejected", "bad_document_path"),
    Case("run_id_dotdot_escape", event_variant(document="flow_runs/../../etc"), "rejected", "bad_document_path"),
    Case("wrong_event_type", event_variant(event_type="google.cloud.pubsub.topic.v1.messagePublished"), "rejected",
         "not_a_firestore_write"),
    Case("delete_event", event_variant(event_type=ce.DELETED, value=lambda doc: None, old=True), "ignored", "deleted"),
    Case("written_without_new_value", event_variant(value=lambda doc: None, old=True), "ignored", "deleted"),
    Case("written_with_empty_body", event_variant(value=lambda doc: None), "rejected", "missing_data"),
    Case("steps_is_a_list", event_variant(store=True, value=lambda doc: {**doc, "steps": list(doc["steps"].values())}),
         "ignored", "no_eligible_step"),
    Case("steps_entries_not_maps", event_variant(store=True, value=lambda doc: {**doc, "steps": {STEP: "READY"}}),
         "ignored", "no_eligible_step"),
    Case("document_is_empty", event_variant(value=lambda doc: {}), "ignored", "no_eligible_step"),
    Case("other_database", event_variant(store=True, database="analytics"), "ignored", "wrong_database"),
    # -- envelopes functions-framework refuses before our code runs ---------------------------
    Case("not_a_cloudevent_plain_json", raw_request({"Content-Type": "application/json"}, b"{}"), "framework",
         statuses=(400,)),
    Case("not_a_cloudevent_no_headers", raw_request({}, b"garbage"), "framework", statuses=(415,)),
    # -- sizes -------------------------------------------------------------------------------
    Case("ten_thousand_blocked_steps", many_steps(10_000, "READY"), "SUCCEEDED"),
    Case("ten_thousand_finished_steps", many_steps(10_000, "SUCCEEDED"), "SUCCEEDED"),
    Case("one_thousand_requests", with_requests(*[f"ctpl_{i}" for i in range(1000)]), "FAILED", code="VALIDATION_FAILED",
         fragments=("inputs.requests", "1000 entries", "at most 50")),
    # -- step inputs: wrong types and values -------------------------------------------------
    Case("duplicate_template_ids", with_requests(T0, BUILTIN_TEMPLATE_IDS[1], T0), "FAILED", code="VALIDATION_FAILED",
         fragments=("inputs.requests[2].chartTemplateId", "duplicates inputs.requests[0]")),
    Case("unknown_template", with_requests("ctpl_no_such_template_v9"), "FAILED", code="TEMPLATE_NOT_FOUND",
         fragments=("ctpl_no_such_template_v9",)),
    Case("template_id_with_slash", with_requests("ctpl/../../x"), "FAILED", code="VALIDATION_FAILED",
         fragments=("chartTemplateId", "'/'")),
    Case("template_id_dotdot", with_requests(".."), "FAILED", code="VALIDATION_FAILED",
         fragments=("chartTemplateId", "'..'")),
    Case("template_id_control_chars", with_requests("ctpl\r\nX-Injected: 1"), "FAILED", code="VALIDATION_FAILED",
         fragments=("chartTemplateId", "control characters")),
    Case("template_id_1500_bytes", with_requests("t" * 1500), "FAILED", code="VALIDATION_FAILED",
         fragments=("chartTemplateId", "longer than 400 bytes")),
    Case("template_id_not_a_string", step_mutation(lambda s, d: s["inputs"].update(requests=[{"chartTemplateId": 7}])),
         "FAILED", code="VALIDATION_FAILED", fragments=("inputs.requests[0].chartTemplateId", "non-empty string")),
    Case("requests_is_a_map", step_mutation(lambda s, d: s["inputs"].update(requests={"chartTemplateId": T0})),
         "FAILED", code="VALIDATION_FAILED", fragments=("inputs.requests",)),
    Case("requests_empty", step_mutation(lambda s, d: s["inputs"].update(requests=[])), "FAILED",
         code="VALIDATION_FAILED", fragments=("inputs.requests", "non-empty")),
    Case("min_images_is_a_string", step_mutation(lambda s, d: s["inputs"].update(minImages="1")), "FAILED",
         code="VALIDATION_FAILED", fragments=("inputs.minImages", "integer")),
    Case("min_images_is_a_bool", step_mutation(lambda s, d: s["inputs"].update(minImages=True)), "FAILED",
         code="VALIDATION_FAILED", fragments=("inputs.minImages", "integer")),
    Case("min_images_negative", step_mutation(lambda s, d: s["inputs"].update(minImages=-1)), "FAILED",
         code="VALIDATION_FAILED", fragments=("inputs.minImages", "between 0 and 1")),
    Case("min_images_nan", step_mutation(lambda s, d: s["inputs"].update(minImages=math.nan)), "FAILED",
         code="VALIDATION_FAILED", fragments=("inputs.minImages",)),
    Case("inputs_missing", step_mutation(lambda s, d: s.pop("inputs")), "FAILED", code="VALIDATION_FAILED",
         fragments=("inputs", "must be a map")),
    Case("timeframe_is_a_number", step_mutation(lambda s, d: s.update(timeframe=1440)), "FAILED",
         code="VALIDATION_FAILED", fragments=("timeframe",)),
    Case("timeframe_trailing_newline", step_mutation(lambda s, d: s.update(timeframe="1d\n")), "FAILED",
         code="VALIDATION_FAILED", fragments=("timeframe",)),
    Case("timeframe_path_traversal", step_mutation(lambda s, d: s.update(timeframe="../../1d")), "FAILED",
         code="VALIDATION_FAILED", fragments=("timeframe",)),
    Case("symbol_missing", step_mutation(lambda s, d: d.pop("scope")), "FAILED", code="VALIDATION_FAILED",
         fragments=("scope.symbol",)),
    Case("symbol_is_a_map", step_mutation(lambda s, d: d.update(scope={"symbol": {"x": 1}})), "FAILED",
         code="VALIDATION_FAILED", fragments=("scope.symbol",)),
    # -- ids ---------------------------------------------------------------------------------
    Case("step_id_with_slash", with_step_id("charts:1d:../../x"), "FAILED", code="VALIDATION_FAILED",
         fragments=("stepId", "'/'")),
    Case("step_id_dotdot", with_step_id(".."), "FAILED", code="VALIDATION_FAILED", fragments=("stepId", "'..'")),
    Case("step_id_control_chars", with_step_id("charts:1d:\x00\x1b[31m\n"), "FAILED", code="VALIDATION_FAILED",
         fragments=("stepId", "control characters")),
    Case("step_id_1400_bytes", with_step_id("charts:1d:" + "s" * 1390), "FAILED", code="VALIDATION_FAILED",
         fragments=("stepId", "longer than 400 bytes")),
    Case("step_id_1500_bytes_not_storable", with_step_id("charts:1d:" + "s" * 1490, storable=False), "skipped",
         "step_missing"),
    Case("run_id_control_chars", with_run_id(lambda r: f"{r}\x01\x7f\u0085", mode="structured"), "FAILED",
         code="VALIDATION_FAILED", fragments=("runId", "control characters")),
    Case("run_id_newline_structured", with_run_id(lambda r: f"{r}\nX", mode="structured"), "FAILED",
         code="VALIDATION_FAILED", fragments=("runId", "control characters")),
    Case("run_id_1500_bytes", with_run_id(lambda r: (r + "_" + "r" * 1500)[:1500]), "FAILED",
         code="VALIDATION_FAILED", fragments=("runId", "longer than 400 bytes")),
    Case("run_id_unicode_ok", with_run_id(lambda r: f"{r}_график ü 🚀"), "SUCCEEDED"),
    # -- candle URIs -------------------------------------------------------------------------
    Case("candles_gcs_scheme", with_candle_uri(lambda ctx: ctx.candles_uri.replace("gs://", "gcs://")), "SUCCEEDED"),
    Case("candles_http", with_candle_uri("http://169.254.169.254/computeMetadata/v1/"), "FAILED",
         code="VALIDATION_FAILED", fragments=("outputs.gcs_uri", "gs:// or gcs://")),
    Case("candles_file", with_candle_uri("file:///etc/passwd"), "FAILED", code="VALIDATION_FAILED",
         fragments=("outputs.gcs_uri", "gs:// or gcs://")),
    Case("candles_no_object_name", with_candle_uri("gs://bucket-only"), "FAILED", code="VALIDATION_FAILED",
         fragments=("bucket and an object name",)),
    Case("candles_missing_bucket", with_candle_uri("gs://no-such-bucket-xyz/x.json"), "FAILED", code="OHLCV_NOT_FOUND",
         fragments=("gs://no-such-bucket-xyz/x.json",)),
    Case("candles_missing_object", with_candle_uri(f"gs://{CANDLES_BUCKET}/runs/none/nothing.json"), "FAILED",
         code="OHLCV_NOT_FOUND", fragments=("does not exist",)),
    Case("candles_uri_not_a_string",
         step_mutation(lambda s, d: d["steps"][OHLCV]["outputs"].update(gcs_uri=["gs://a/b"])), "FAILED",
         code="VALIDATION_FAILED", fragments=("gcs_uri",)),
    Case("candles_inputs_uri_control_chars",
         step_mutation(lambda s, d: s["inputs"].update(ohlcv_gcs_uri=f"gs://{CANDLES_BUCKET}/a\nb.json")), "FAILED",
         code="VALIDATION_FAILED", fragments=("inputs.ohlcv_gcs_uri",)),
    Case("no_candle_source", step_mutation(lambda s, d: s.update(dependsOn=[])), "FAILED", code="OHLCV_NOT_FOUND",
         fragments=("no candle file",)),
    # -- candle files ------------------------------------------------------------------------
    Case("candles_empty_file", with_candles(b""), "FAILED", code="VALIDATION_FAILED", fragments=("empty",)),
    Case("candles_whitespace", with_candles(b"  \n\t "), "FAILED", code="VALIDATION_FAILED", fragments=("empty",)),
    Case("candles_not_json", with_candles(b"date,open,high\n2025-01-01,1,2\n"), "FAILED", code="VALIDATION_FAILED",
         fragments=("not valid JSON",)),
    Case("candles_not_utf8", with_candles(b"\xff\xfe[\x00]\x00"), "FAILED", code="VALIDATION_FAILED",
         fragments=("UTF-8",)),
    Case("candles_70MB", with_big_candles, "FAILED", code="VALIDATION_FAILED",
         fragments=(str(BIG_BYTES + 2), "limit")),
    Case("candles_empty_array", with_candles(b"[]"), "FAILED", code="VALIDATION_FAILED", fragments=("no candles",)),
    Case("candles_data_not_a_list", with_candles(b'{"data": {"0": {}}}'), "FAILED", code="VALIDATION_FAILED",
         fragments=("'data' must be an array",)),
    Case("candles_row_not_an_object", with_candles(candles_json(lambda rows: rows[:5] + [[1, 2, 3]])), "FAILED",
         code="VALIDATION_FAILED", fragments=("row 5", "expected an object")),
    Case("candles_missing_field", with_candles(candles_json(lambda rows: rows[3].pop("close") and None)), "FAILED",
         code="VALIDATION_FAILED", fragments=("row 3", "'close'")),
    Case("candles_nan", with_candles(candles_json(_set(7, close=math.nan))), "FAILED", code="VALIDATION_FAILED",
         fragments=("row 7", "'close'", "finite", "NaN")),
    Case("candles_infinity", with_candles(candles_json(_set(8, high=math.inf))), "FAILED", code="VALIDATION_FAILED",
         fragments=("row 8", "'high'", "finite")),
    Case("candles_strings", with_candles(candles_json(_set(4, open="42000.5"))), "FAILED", code="VALIDATION_FAILED",
         fragments=("row 4", "'open'", "must be a number")),
    Case("candles_bool_volume", with_candles(candles_json(_set(2, volume=True))), "FAILED", code="VALIDATION_FAILED",
         fragments=("row 2", "'volume'")),
    Case("candles_unsorted", with_candles(candles_json(_swap)), "FAILED", code="VALIDATION_FAILED",
         fragments=("rows 10 and 11", "unsorted")),
    Case("candles_duplicate_date", with_candles(candles_json(_duplicate_date)), "FAILED", code="VALIDATION_FAILED",
         fragments=("rows 10 and 11", "duplicate date")),
    Case("candles_negative_price", with_candles(candles_json(_set(5, low=-1.0))), "FAILED", code="VALIDATION_FAILED",
         fragments=("row 5", "'low'", "> 0")),
    Case("candles_high_below_low", with_candles(candles_json(_set(6, high=1.0, low=2.0, open=1.5, close=1.5))),
         "FAILED", code="VALIDATION_FAILED", fragments=("row 6", "high 1.0 < low 2.0")),
    Case("candles_date_without_zone", with_candles(candles_json(_set(0, date="2025-01-01T00:00:00"))), "FAILED",
         code="VALIDATION_FAILED", fragments=("row 0", "date")),
    Case("candles_huge_integer", with_candles(candles_json(_set(1, volume=10**400))), "FAILED",
         code="VALIDATION_FAILED", fragments=("row 1", "'volume'")),
    Case("candles_deeply_nested", with_candles(b"[" * 100_000 + b"]" * 100_000), "FAILED", code="VALIDATION_FAILED",
         fragments=("JSON",)),
]


# ----------------------------------------------------------------------------------------
# Fixtures


class TableState:
    def __init__(self) -> None:
        self.rss_start_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        self.current_start_mb = _current_rss_mb()
        self.cases_run = 0
        self.timings: dict[str, float] = {}
        self.big_uri: str | None = None


def _current_rss_mb() -> float:
    with open("/proc/self/statm") as fh:
        pages = int(fh.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


@pytest.fixture(scope="module")
def candles_uri(gcs_client, charts_bucket) -> str:
    return upload_candles(gcs_client, f"hostile/{uuid.uuid4().hex[:8]}/1d.json", candles_with_secret(200))


@pytest.fixture(scope="module")
def big_candles(gcs_client, charts_bucket, tmp_path_factory) -> Callable[[], str]:
    """A 70 MB candle object, uploaded once on first use, in 8 MiB chunks from a file (so
    the upload itself does not inflate this process's memory figures)."""
    made: dict[str, str] = {}

    def get() -> str:
        if "uri" not in made:
            path: Path = tmp_path_factory.mktemp("big") / "big.json"
            with open(path, "wb") as fh:
                fh.write(b"[")
                chunk = b" " * 2**20
                for _ in range(BIG_BYTES // 2**20):
                    fh.write(chunk)
                fh.write(b"]")
            name = f"hostile/big-{uuid.uuid4().hex[:8]}.json"
            blob = gcs_client.bucket(CANDLES_BUCKET).blob(name)
            blob.chunk_size = 8 * 2**20
            blob.upload_from_filename(str(path), content_type="application/json")
            path.unlink()
            made["uri"] = f"gs://{CANDLES_BUCKET}/{name}"
        return made["uri"]

    return get


@pytest.fixture(scope="module")
def table(app_client, candles_uri) -> TableState:
    return TableState()


# ----------------------------------------------------------------------------------------
# The tests


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_hostile_input(case: Case, table: TableState, app_client, firestore_client, gcs_client, charts_bucket,
                       candles_uri, big_candles, capsys):
    ctx = Ctx(firestore_client, gcs_client, f"20251215-102530_HOSTILE_{uuid.uuid4().hex[:6]}", candles_uri,
              big_candles)
    delivery = case.build(ctx)
    before = object_generations(gcs_client, charts_bucket)
    capsys.readouterr()

    headers, body = delivery.request
    t0 = time.perf_counter()
    response = app_client.post("/", headers=headers, data=body)
    table.timings[case.id] = round(time.perf_counter() - t0, 3)
    table.cases_run += 1
    out = capsys.readouterr().out
    lines = read_log(out)

    assert response.status_code in case.statuses, (response.status_code, response.data[:300], out[-2000:])

    if case.outcome == "framework":
        assert not [e for e in lines if str(e.get("logger", "")).startswith("chart_export")]
    elif case.outcome in {"rejected", "ignored", "skipped"}:
        name = {"rejected": "event_rejected", "ignored": "event_ignored", "skipped": "claim_skipped"}[case.outcome]
        decisions = [e for e in lines if e.get("event") == name]
        assert [e.get("reason") for e in decisions] == [case.reason], out[-3000:]
        assert not [e for e in lines if e.get("event") in {"step_claimed", "step_finalized"}]
        if delivery.run_id and case.outcome != "rejected" and case.reason != "deleted":  # a delete decodes to None
            assert all(e.get("runId") == delivery.run_id for e in decisions)
    else:
        snapshot = firestore_client.collection("flow_runs").document(delivery.run_id).get()
        step = snapshot.to_dict()["steps"][delivery.step_id]
        assert step["status"] == case.outcome, step.get("error")
        assert step["finishedAt"].endswith("Z")
        if case.outcome == "FAILED":
            error = step["error"]
            assert error["code"] == case.code, error
            for fragment in case.fragments:
                assert fragment in error["message"], (fragment, error["message"])
            assert isinstance(error["details"], dict)
            assert "gcs_uri" not in step.get("outputs", {})
        finalized = [e for e in lines if e.get("event") == "step_finalized"]
        assert len(finalized) == 1 and finalized[0]["runId"] == delivery.run_id
        assert finalized[0]["stepId"] == delivery.step_id

    after = object_generations(gcs_client, charts_bucket)
    changed = {name for name, generation in after.items() if before.get(name) != generation}
    assert set(before) <= set(after)  # nothing deleted
    if delivery.run_id and delivery.step_id and case.outcome in {"FAILED", "SUCCEEDED"}:
        allowed = f"charts/{delivery.run_id}/{delivery.step_id}/"
        assert all(name.startswith(allowed) for name in changed), sorted(changed)[:5]
        if case.outcome == "SUCCEEDED":
            assert changed
    else:
        assert not changed, sorted(changed)[:5]

    assert not log_problems(lines), log_problems(lines)[:5]
    if case.id.startswith("ten_thousand"):
        figure(f"hostile.{case.id}.seconds", table.timings[case.id])
        figure(f"hostile.{case.id}.log_lines", len(lines))
    # One delivery, however big its document, logs a bounded number of lines (an event the
    # function's own writes trigger must stay a cheap no-op, and log volume is billed).
    assert len(lines) <= MAX_LINES_PER_EVENT, (
        f"{len(lines)} log lines for one event; "
        f"by event: {dict(Counter(str(e.get('event')) for e in lines).most_common(3))}")


def test_after_the_table_process_alive_and_memory_bounded(table: TableState, app_client, firestore_client,
                                                          gcs_client, charts_bucket, candles_uri, capsys):
    """Runs after the table (same process, same function singletons): a valid event still
    renders and finalizes SUCCEEDED, and peak/current memory grew by < MEMORY_BUDGET_MB over the table."""
    run_id = f"20251215-102530_ALIVE_{uuid.uuid4().hex[:6]}"
    doc = store_run(firestore_client, run_id, with_secret(flow_run(run_id, candle_uri=candles_uri,
                                                                   templates=BUILTIN_TEMPLATE_IDS[:2])))
    headers, body = ce.binary_protobuf(run_id, doc)
    response = app_client.post("/", headers=headers, data=body)
    assert response.status_code == 200
    step = firestore_client.collection("flow_runs").document(run_id).get().to_dict()["steps"][STEP]
    assert step["status"] == "SUCCEEDED", step.get("error")
    assert not log_problems(read_log(capsys.readouterr().out))

    peak_growth = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 - table.rss_start_mb
    current_growth = _current_rss_mb() - table.current_start_mb
    figure("hostile.cases_run", table.cases_run)
    figure("hostile.peak_rss_growth_mb", round(peak_growth, 1))
    figure("hostile.current_rss_growth_mb", round(current_growth, 1))
    figure("hostile.slowest_cases", sorted(table.timings.items(), key=lambda kv: -kv[1])[:5])
    assert peak_growth < MEMORY_BUDGET_MB
    assert current_growth < MEMORY_BUDGET_MB
