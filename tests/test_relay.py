"""devtools/relay.py: the Firestore emulator's own event delivery, relayed as Eventarc CloudEvents.

The emulator-marked tests run the whole chain on loopback: google-cloud-firestore writes to
Google's Firestore emulator (started with ``--functions_emulator`` = the relay), which POSTs
base64 protobuf to the relay, which forwards binary-mode CloudEvents to a functions-framework
process serving a throwaway function that appends what it received to a JSON-lines file.
The unmarked tests drive the relay with hand-made deliveries against a stub target.
"""

from __future__ import annotations

import base64
import json
import os
import sys
import threading
import time
import urllib.error
import urllib.request
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from devtools import emulators
from devtools.relay import (
    DEFAULT_EVENT_TYPE,
    Relay,
    RelayError,
    peek_document_event,
    register_trigger,
)

PROJECT = "demo-relay"
SOURCE = f"//firestore.googleapis.com/projects/{PROJECT}/databases/(default)"

TARGET_FUNCTION = '''
import json, os
import functions_framework
from google.events.cloud.firestore_v1.types import DocumentEventData


def _status(doc):
    return doc.fields["status"].string_value if "status" in doc.fields else None


@functions_framework.cloud_event
def on_event(cloud_event):
    data = DocumentEventData.deserialize(cloud_event.data)
    rec = {
        "id": cloud_event["id"],
        "type": cloud_event["type"],
        "source": cloud_event["source"],
        "subject": cloud_event["subject"],
        "document": cloud_event["document"],
        "datacontenttype": cloud_event.get("datacontenttype"),
        "project": cloud_event.get("project"),
        "database": cloud_event.get("database"),
        "namespace": cloud_event.get("namespace"),
        "location": cloud_event.get("location"),
        "time": cloud_event.get("time"),
        "value": _status(data.value) if "value" in data else None,
        "old_value": _status(data.old_value) if "old_value" in data else None,
        "value_name": data.value.name if "value" in data else None,
    }
    path = os.environ["RELAY_TEST_OUT"]
    seen = 0
    if os.path.exists(path):
        with open(path) as f:
            seen = sum(1 for line in f if json.loads(line)["id"] == rec["id"])
    with open(path, "a") as f:
        f.write(json.dumps(rec) + "\\n")
    if rec["value"] == "FAIL" or (rec["value"] == "FLAKY" and seen < 2):
        raise RuntimeError("asked to fail")
'''


# --------------------------------------------------------------------------- helpers


def _read_events(path: Path) -> list[dict]:
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def _wait_events(path: Path, document: str, count: int, timeout: float = 30.0) -> list[dict]:
    deadline = time.monotonic() + timeout
    while True:
        got = [e for e in _read_events(path) if e["document"] == document]
        if len(got) >= count or time.monotonic() > deadline:
            return got
        time.sleep(0.1)


class _Stub:
    """A stub target that records requests and answers a settable status."""

    def __init__(self) -> None:
        self.requests: list[tuple[str, dict, bytes]] = []
        self.status = 200
        self.delay = 0.0
        stub = self

        class H(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                stub.requests.append((self.path, dict(self.headers.items()), body))
                time.sleep(stub.delay)
                self.send_response(stub.status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *a: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), H)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def _deliver(relay: Relay, body: bytes, headers: dict[str, str], trigger: str = "t") -> tuple[int, str]:
    req = urllib.request.Request(
        f"http://{relay.host_port}/functions/projects/{PROJECT}/triggers/{trigger}",
        data=body, method="POST", headers=headers,
    )
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    try:
        with opener.open(req, timeout=10) as resp:
            return resp.status, resp.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode()


def _emulator_headers(document: str = "flow_runs/r1", **extra: str) -> dict[str, str]:
    """What the emulator sends (captured), including its doubled 'projects/' in ce-source."""
    h = {
        "Content-Type": "application/protobuf",
        "ce-specversion": "1.0",
        "ce-type": DEFAULT_EVENT_TYPE,
        "ce-source": f"//firestore.googleapis.com/projects/projects/{PROJECT}/databases/(default)",
        "ce-id": str(uuid.uuid4()),
        "ce-subject": f"documents/{document}",
        "ce-time": "2026-11-29T01:15:00Z",
        "ce-datacontenttype": "application/protobuf",
        "ce-location": "us-central1",
        "ce-project": PROJECT,
        "ce-database": "(default)",
        "ce-namespace": "(default)",
        "ce-document": document,
    }
    h.update(extra)
    return h


# A create event captured from the emulator: value = flow_runs/run-1 {n: 1, status: "NEW"}.
CAPTURED_CREATE = (
    "CnoKQXByb2plY3RzL2RlbW8tcmVsYXkvZGF0YWJhc2VzLyhkZWZhdWx0KS9kb2N1bWVudHMvZmxvd19ydW5zL3J1bi0x"
    "EgcKAW4SAhABEhAKBnN0YXR1cxIGigEDTkVXGgwIlPmt2AYQoPiQzwEiDAiU+a3YBhCg+JDPARoA"
)


# --------------------------------------------------------------------------- unit (no emulator)


def test_peek_reads_the_captured_create_event():
    peek = peek_document_event(base64.b64decode(CAPTURED_CREATE))
    assert (peek.has_value, peek.has_old_value) == (True, False)
    assert peek.name == "projects/demo-relay/databases/(default)/documents/flow_runs/run-1"
    empty = peek_document_event(base64.b64decode("GgA="))  # emulator: delete of a missing doc
    assert (empty.has_value, empty.has_old_value) == (False, False)
    with pytest.raises(ValueError):
        peek_document_event(b"\x0a\xff\x01garbage")


def test_register_trigger_refuses_what_would_poison_the_emulator():
    # These raise before any HTTP request: nothing listens on port 9.
    for kwargs in (
        {"event_type": "google.cloud.firestore.document.v1.wrote"},
        {"document_pattern": ""},
        {"document_pattern": "/flow_runs/{runId}"},
        {"database": ""},
    ):
        with pytest.raises(ValueError):
            register_trigger("127.0.0.1:9", PROJECT, "t", **kwargs)
    with pytest.raises(ValueError):
        register_trigger("127.0.0.1:9", PROJECT, "bad name")
    with pytest.raises(RelayError):
        register_trigger("127.0.0.1:9", PROJECT, "t", timeout=2)


def test_relay_rewrites_a_captured_delivery_into_an_eventarc_cloudevent():
    stub = _Stub()
    relay = Relay(stub.url).start()
    try:
        headers = _emulator_headers("flow_runs/run-1")
        status, _ = _deliver(relay, CAPTURED_CREATE.encode(), headers)
        assert status == 200
        (path, got, body), = stub.requests
        assert body == base64.b64decode(CAPTURED_CREATE)
        assert got["Content-Type"] == "application/protobuf"
        assert got["ce-source"] == SOURCE
        assert "ce-datacontenttype" not in {k.lower() for k in got}
        for key in ("ce-id", "ce-type", "ce-subject", "ce-time", "ce-document", "ce-database",
                    "ce-namespace", "ce-project", "ce-location", "ce-specversion"):
            assert got[key] == headers[key], key
        assert relay.stats() == {"delivered": 1, "forwarded": 1, "failed": 0, "dropped": 0, "retries": 0}
        assert relay.event_ids == [headers["ce-id"]]

        # Missing attributes are rebuilt from the body's document name.
        bare = {k: v for k, v in headers.items() if k not in ("ce-document", "ce-subject")}
        bare["ce-id"] = "second"
        assert _deliver(relay, CAPTURED_CREATE.encode(), bare)[0] == 200
        got = stub.requests[-1][1]
        assert (got["ce-document"], got["ce-subject"]) == ("flow_runs/run-1", "documents/flow_runs/run-1")

        # The target's status goes back to the emulator.
        stub.status = 503
        assert _deliver(relay, CAPTURED_CREATE.encode(), _emulator_headers())[0] == 503
        assert relay.failed == 1 and relay.records[-1].status == 503
    finally:
        relay.stop()
        stub.close()


def test_relay_drops_bad_and_empty_deliveries_without_forwarding():
    stub = _Stub()
    relay = Relay(stub.url).start()
    try:
        assert _deliver(relay, b"not base64!!", _emulator_headers())[0] == 400
        assert _deliver(relay, base64.b64encode(b"\x0a\xff\x01x"), _emulator_headers())[0] == 400
        assert _deliver(relay, b"x", _emulator_headers(**{"Content-Type": "text/plain"}))[0] == 415
        assert _deliver(relay, b"GgA=", _emulator_headers())[0] == 204  # empty event: dropped
        assert stub.requests == []
        assert relay.dropped == 4 and relay.delivered == 4
        assert [r.outcome for r in relay.records] == ["dropped"] * 4
    finally:
        relay.stop()
        stub.close()


def test_relay_retries_5xx_and_unreachable_with_the_same_event_id():
    stub = _Stub()
    relay = Relay(stub.url, max_attempts=3, backoff_s=0.05).start()
    try:
        stub.status = 500
        headers = _emulator_headers()
        assert _deliver(relay, CAPTURED_CREATE.encode(), headers)[0] == 500
        assert [r[1]["ce-id"] for r in stub.requests] == [headers["ce-id"]] * 3
        assert relay.retries == 2 and relay.records[-1].attempts == 3

        relay.target_url = "http://127.0.0.1:9/"  # nothing listens there
        assert _deliver(relay, CAPTURED_CREATE.encode(), _emulator_headers())[0] == 502
        assert relay.failed == 2 and "unreachable" in relay.records[-1].detail
    finally:
        relay.stop()
        stub.close()


def test_async_relay_acks_at_once_and_forwards_in_the_background():
    stub = _Stub()
    stub.delay = 1.0
    relay = Relay(stub.url, asynchronous=True, workers=4).start()
    try:
        t0 = time.monotonic()
        for _ in range(4):
            assert _deliver(relay, CAPTURED_CREATE.encode(), _emulator_headers())[0] == 204
        assert time.monotonic() - t0 < 1.0
        assert relay.wait_settled(4, timeout=10)
        assert relay.forwarded == 4 and len(stub.requests) == 4
    finally:
        relay.stop()
        stub.close()


def test_stop_waits_for_a_sync_forward_and_fails_queued_async_ones():
    stub = _Stub()
    stub.delay = 0.5
    relay = Relay(stub.url).start()
    sender = threading.Thread(target=_deliver, args=(relay, CAPTURED_CREATE.encode(), _emulator_headers()))
    sender.start()
    assert relay.wait_until(lambda r: r.delivered == 1, timeout=5)
    relay.stop()
    sender.join(5)
    assert relay.records[0].outcome == "forwarded"

    relay = Relay(stub.url, asynchronous=True, workers=1).start()
    try:
        for _ in range(3):
            assert _deliver(relay, CAPTURED_CREATE.encode(), _emulator_headers())[0] == 204
    finally:
        relay.stop()
        stub.close()
    assert [r.outcome for r in relay.records] == ["forwarded", "failed", "failed"]
    assert relay.records[-1].detail == "relay stopped before forwarding"


# --------------------------------------------------------------------------- end to end


@pytest.fixture(scope="module")
def chain(tmp_path_factory):
    """Relay (port bound first) -> Firestore emulator -> trigger -> functions-framework."""
    from google.cloud import firestore

    work = tmp_path_factory.mktemp("relay")
    out = work / "events.jsonl"
    (work / "target.py").write_text(TARGET_FUNCTION)
    started: list = []
    relay = Relay(None)  # binds its port now; the target comes later
    started.append(relay)
    mp = pytest.MonkeyPatch()
    try:
        relay.start()
        fs = emulators.start_firestore(work / "logs", functions_emulator=relay.host_port)
        started.append(fs)
        register_trigger(fs.host_port, PROJECT, "worker-test")

        port = emulators.free_port()
        ff_bin = Path(sys.executable).parent / "functions-framework"
        ff = emulators.ManagedServer(
            name="functions-framework",
            argv=[str(ff_bin), "--target=on_event", f"--source={work / 'target.py'}",
                  "--signature-type=cloudevent", f"--port={port}", "--host=127.0.0.1"],
            ready_url=f"http://127.0.0.1:{port}/",  # GET on a CloudEvent function: 405
            log_path=work / "logs" / f"functions-framework-{port}.log",
            env={**os.environ, "RELAY_TEST_OUT": str(out)},
        )
        ff.start()
        started.append(ff)
        relay.target_url = f"http://127.0.0.1:{port}/"

        mp.setenv("FIRESTORE_EMULATOR_HOST", fs.host_port)
        client = firestore.Client(project=PROJECT)
        yield {"relay": relay, "client": client, "out": out, "firestore": fs, "ff": ff}
    finally:
        mp.undo()
        for thing in reversed(started):
            thing.stop()


@pytest.mark.emulator
def test_create_update_delete_arrive_as_eventarc_cloudevents(chain):
    client, out, relay = chain["client"], chain["out"], chain["relay"]
    run_id = f"run-{uuid.uuid4().hex[:8]}"
    doc = f"flow_runs/{run_id}"
    ref = client.collection("flow_runs").document(run_id)

    ref.set({"status": "NEW", "steps": {}})
    (created,) = _wait_events(out, doc, 1)
    assert created["type"] == "google.cloud.firestore.document.v1.written"
    assert (created["value"], created["old_value"]) == ("NEW", None)
    assert created["source"] == SOURCE
    assert created["subject"] == f"documents/{doc}"
    assert created["datacontenttype"] == "application/protobuf"
    assert (created["project"], created["database"], created["namespace"]) == (PROJECT, "(default)", "(default)")
    assert created["location"] and created["time"]
    assert created["value_name"] == f"projects/{PROJECT}/databases/(default)/documents/{doc}"

    ref.update({"status": "RUNNING"})
    updated = _wait_events(out, doc, 2)[1]
    assert updated["type"] == "google.cloud.firestore.document.v1.written"
    assert (updated["value"], updated["old_value"]) == ("RUNNING", "NEW")
    assert updated["id"] != created["id"]

    ref.delete()
    deleted = _wait_events(out, doc, 3)[2]
    assert (deleted["value"], deleted["old_value"]) == (None, "RUNNING")

    ids = {created["id"], updated["id"], deleted["id"]}
    assert ids <= set(relay.event_ids)
    # The function writes its line before it answers: wait for the relay to see the answers.
    assert relay.wait_until(lambda r: sum(x.event_id in ids and x.outcome != "pending" for x in r.records) == 3)
    mine = [r for r in relay.records if r.document == doc]
    assert [r.outcome for r in mine] == ["forwarded"] * 3
    assert [r.status for r in mine] == [200] * 3


@pytest.mark.emulator
def test_subcollections_and_other_collections_are_not_delivered(chain):
    client, out = chain["client"], chain["out"]
    run_id = f"run-{uuid.uuid4().hex[:8]}"
    client.collection("other").document(run_id).set({"status": "X"})
    client.collection("flow_runs").document(run_id).collection("sub").document("s").set({"status": "X"})
    client.collection("flow_runs").document(run_id).set({"status": "MARK"})  # a sentinel after them
    assert [e["value"] for e in _wait_events(out, f"flow_runs/{run_id}", 1)] == ["MARK"]
    time.sleep(0.5)
    assert not [e for e in _read_events(out) if run_id in e["document"] and e["document"] != f"flow_runs/{run_id}"]


@pytest.mark.emulator
def test_odd_document_ids_pass_through_byte_for_byte(chain):
    client, out, relay = chain["client"], chain["out"], chain["relay"]
    run_id = f"a b.c:ü-{uuid.uuid4().hex[:6]}"
    client.collection("flow_runs").document(run_id).set({"status": "NEW"})
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        got = [e for e in _read_events(out) if e["value_name"] and e["value_name"].endswith(run_id)]
        if got:
            break
        time.sleep(0.1)
    (event,) = got
    # As in production, the header carries raw UTF-8, which the framework reads as Latin-1.
    assert event["document"].encode("latin-1").decode("utf-8") == f"flow_runs/{run_id}"
    assert any(r.document == f"flow_runs/{run_id}" for r in relay.records)


@pytest.mark.emulator
def test_function_failure_reaches_the_emulator_once_and_is_not_redelivered(chain):
    client, out, relay, fs = chain["client"], chain["out"], chain["relay"], chain["firestore"]
    run_id = f"run-{uuid.uuid4().hex[:8]}"
    client.collection("flow_runs").document(run_id).set({"status": "FAIL"})
    (event,) = _wait_events(out, f"flow_runs/{run_id}", 1)
    assert relay.wait_until(lambda r: any(x.event_id == event["id"] and x.outcome == "failed" for x in r.records))
    (record,) = [r for r in relay.records if r.event_id == event["id"]]
    assert record.status == 500
    time.sleep(3)  # the emulator does not retry: still one delivery
    assert len(_wait_events(out, f"flow_runs/{run_id}", 2, timeout=0)) == 1
    assert relay.event_ids.count(event["id"]) == 1
    assert "Unsuccessful HTTP response when publishing v2 event" in fs.log_path.read_text()


@pytest.mark.emulator
def test_relay_side_retries_redeliver_the_same_event(chain):
    client, out, relay = chain["client"], chain["out"], chain["relay"]
    relay.max_attempts, relay.backoff_s = 3, 0.1
    try:
        run_id = f"run-{uuid.uuid4().hex[:8]}"
        client.collection("flow_runs").document(run_id).set({"status": "FLAKY"})  # fails twice
        events = _wait_events(out, f"flow_runs/{run_id}", 3)
        assert len(events) == 3 and len({e["id"] for e in events}) == 1
        assert relay.wait_until(lambda r: any(x.event_id == events[0]["id"] and x.outcome == "forwarded"
                                              for x in r.records))
        (record,) = [r for r in relay.records if r.event_id == events[0]["id"]]
        assert (record.attempts, record.status) == (3, 200)
    finally:
        relay.max_attempts = 1


@pytest.mark.emulator
def test_deleting_a_missing_document_emits_nothing_downstream(chain):
    client, out, relay = chain["client"], chain["out"], chain["relay"]
    run_id = f"ghost-{uuid.uuid4().hex[:8]}"
    before = relay.dropped
    client.collection("flow_runs").document(run_id).delete()  # the emulator sends an empty event
    assert relay.wait_until(lambda r: r.dropped > before)
    assert relay.records[-1].document == f"flow_runs/{run_id}"
    client.collection("flow_runs").document(run_id).set({"status": "MARK"})
    assert [e["value"] for e in _wait_events(out, f"flow_runs/{run_id}", 1)] == ["MARK"]
