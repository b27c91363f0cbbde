"""Dev relay: Firestore emulator write events -> Eventarc-style CloudEvents -> a local function.

Google's Firestore emulator (the jar under ``platform/cloud-firestore-emulator/``) delivers
document-write events itself when it is started with ``--functions_emulator=HOST:PORT`` — but
only for triggers registered with it, and in the wire format of the Firebase CLI's functions
emulator, not Eventarc's. This relay stands where the Firebase functions emulator would: it
accepts those deliveries and forwards each one to a functions-framework server (``main.py``)
as the binary-mode CloudEvent that Eventarc sends in production.

Usage::

    # 1. the relay binds its port first and prints it (``--port 0`` picks a free one)
    python -m devtools.relay --firestore 127.0.0.1:8080 --project demo-charts \\
        --target http://127.0.0.1:8081/ --port 9099
    # 2. the emulator must be told that port when it starts:
    #    cloud_firestore_emulator --host 127.0.0.1 --port 8080 --functions_emulator 127.0.0.1:9099
    # 3. functions-framework serves the function at --target:
    #    functions-framework --source main.py --target worker_chart_export \\
    #        --signature-type cloudevent --host 127.0.0.1 --port 8081

The CLI waits for the emulator (``--wait-firestore`` seconds), registers the trigger (event
type ``--event-type``, default ``google.cloud.firestore.document.v1.written``, on
``--document``, default ``flow_runs/{runId}``) and serves until SIGINT/SIGTERM. ``--async``
acknowledges the emulator at once and forwards from a worker pool; ``--max-attempts N`` retries
a 5xx/429/unreachable target like Eventarc's ``--retry`` (same ``ce-id`` on every attempt).
In Python: ``Relay(target_url).start()`` (the port is bound in the constructor, so
``relay.host_port`` can go to ``--functions_emulator`` before the emulator starts), then
``register_trigger(firestore_host_port, project, name)`` once the emulator is up.

The protocol, as observed with cloud-firestore-emulator 1.19.9 (gcloud SDK 528) and as firebase-tools'
``src/emulator/functionsEmulator.ts`` (``getV2FirestoreAttributes`` / ``addFirestoreTrigger``
and ``handleHttpsTrigger``) speaks it:

* Registration (v2/CloudEvent trigger): ``POST /emulator/v1/projects/{project}/eventarcTrigger
  ?eventarcTriggerId={name}`` with ``Content-Type: application/json`` (without it the emulator
  answers 404 "Unknown request URI") and the body ``{"eventType": ..., "database": "(default)",
  "namespace": "(default)", "document": {"value": "flow_runs/{runId}", "matchType":
  "PATH_PATTERN"}}`` (``"EXACT"`` for a literal path). 200 echoes the body. Registering the same
  name again replaces the trigger; there is no list or delete endpoint; triggers survive the
  ``DELETE .../databases/(default)/documents`` reset. The emulator does not validate the body:
  one without ``database``/``document`` is accepted with 200 and then makes EVERY later write
  in that project fail with ``500 Found corrupted Eventarc triggers`` until a valid body is
  registered under the same name — hence the client-side checks in :func:`register_trigger`.
* Delivery: ``POST /functions/projects/{project}/triggers/{name}``, ``Content-Type:
  application/protobuf``, body = base64 (standard alphabet, padded) of a serialized
  ``google.events.cloud.firestore.v1.DocumentEventData``; binary-mode headers ``ce-specversion:
  1.0``, ``ce-type`` (the registered type), ``ce-id`` (a UUID), ``ce-time`` (whole seconds,
  ``Z``), ``ce-subject: documents/flow_runs/{id}``, ``ce-document: flow_runs/{id}``,
  ``ce-database``, ``ce-namespace``, ``ce-project``, ``ce-location: us-central1``,
  ``ce-dataschema``, a redundant ``ce-datacontenttype`` and — a bug — ``ce-source:
  //firestore.googleapis.com/projects/projects/{project}/databases/(default)`` (``projects/``
  twice). ``.withAuthContext`` types add ``ce-authtype: unknown`` and ``ce-authid``. Document
  ids go out raw in headers (spaces, ``:``, ``.``; non-ASCII as raw UTF-8 bytes, which is also
  what production Eventarc does, so a receiver reading headers as Latin-1 must re-decode).
  Create: ``value`` only; update: ``value`` + ``old_value`` (``update_mask`` is always empty,
  unlike production); delete: ``old_value`` only. A write that changes nothing still emits an
  update; deleting a missing document emits a ``created``/``written`` event with neither value
  (body ``GgA=``), which this relay drops by default. Subcollection documents do not match
  ``flow_runs/{runId}``.
* Delivery semantics: one HTTP request at a time for the whole emulator (a slow target delays
  every later event; writes themselves never block), a 20 s read timeout, and NO retry: a 5xx,
  a refused connection or a timeout is logged as a WARNING in the emulator log and the event
  is gone. The status the relay returns therefore only shows up in that log; redelivery, if
  wanted, is the relay's job (``max_attempts``).

What the relay forwards: the decoded protobuf bytes with ``Content-Type: application/protobuf``
and every ``ce-*`` header the emulator sent except ``ce-datacontenttype`` (in binary mode the
content type is the ``Content-Type`` header) and ``ce-source``, which is rebuilt as
``//firestore.googleapis.com/projects/{project}/databases/{database}``. Missing attributes are
filled in (``ce-document``/``ce-subject`` from the document name in the body). In synchronous
mode (default) the target's status code is passed back to the emulator (502 when the target
cannot be reached, 504 on a timeout).
"""

from __future__ import annotations

import argparse
import base64
import binascii
import http.client
import json
import logging
import re
import signal
import socket
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Callable

log = logging.getLogger("devtools.relay")

EVENT_TYPE_PREFIX = "google.cloud.firestore.document.v1."
EVENT_TYPES = tuple(
    f"{EVENT_TYPE_PREFIX}{kind}{suffix}"
    for kind in ("written", "created", "updated", "deleted")
    for suffix in ("", ".withAuthContext")
)
DEFAULT_EVENT_TYPE = EVENT_TYPE_PREFIX + "written"
DEFAULT_LOCATION = "us-central1"
MAX_BODY_BYTES = 16 * 1024 * 1024  # a document is <= 1 MiB; old + new, base64'd, fits easily

_TRIGGER_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,62}$")
_DELIVERY_PATH = re.compile(r"^/functions/projects/([^/?]+)/triggers/([^?]*)(?:\?.*)?$")
_RETRY_STATUSES = frozenset({429}) | frozenset(range(500, 600))


class RelayError(RuntimeError):
    """The emulator refused a registration, or answered something unexpected."""


# --------------------------------------------------------------------------- registration


def register_trigger(
    firestore_host_port: str,
    project: str,
    trigger_name: str,
    *,
    event_type: str = DEFAULT_EVENT_TYPE,
    document_pattern: str = "flow_runs/{runId}",
    database: str = "(default)",
    namespace: str = "(default)",
    timeout: float = 10.0,
) -> dict:
    """Register a v2 (CloudEvent) Firestore trigger with the emulator; return its echo.

    Events for matching writes are then POSTed to the emulator's ``--functions_emulator`` host
    at ``/functions/projects/{project}/triggers/{trigger_name}``. Registering the same name
    again replaces the trigger. Arguments are checked here because the emulator accepts a
    malformed trigger and then fails every write of the project (see the module docstring).
    """
    if not project or "/" in project or project != project.strip():
        raise ValueError(f"bad project id {project!r}")
    if not _TRIGGER_NAME.match(trigger_name or ""):
        raise ValueError(f"trigger name must match {_TRIGGER_NAME.pattern}: {trigger_name!r}")
    if event_type not in EVENT_TYPES:
        raise ValueError(f"unsupported event type {event_type!r}; one of {', '.join(EVENT_TYPES)}")
    segments = (document_pattern or "").split("/")
    if not document_pattern or any(not s for s in segments):
        raise ValueError(f"bad document pattern {document_pattern!r} (no empty segments, no leading '/')")
    if not database or not namespace:
        raise ValueError("database and namespace must be non-empty")
    match_type = "PATH_PATTERN" if any(c in document_pattern for c in "{*") else "EXACT"
    body = {
        "eventType": event_type,
        "database": database,
        "namespace": namespace,
        "document": {"value": document_pattern, "matchType": match_type},
    }
    url = (
        f"http://{firestore_host_port}/emulator/v1/projects/{urllib.parse.quote(project, safe='')}"
        f"/eventarcTrigger?eventarcTriggerId={urllib.parse.quote(trigger_name, safe='')}"
    )
    req = urllib.request.Request(
        url,
        data=json.dumps(body).encode(),
        method="POST",
        headers={"Content-Type": "application/json"},
    )
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # loopback: never a proxy
    try:
        with opener.open(req, timeout=timeout) as resp:
            text = resp.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as exc:
        detail = exc.read().decode("utf-8", "replace")[:500]
        raise RelayError(f"registering trigger {trigger_name!r} at {url}: HTTP {exc.code}: {detail}") from exc
    except OSError as exc:
        raise RelayError(f"registering trigger {trigger_name!r} at {url}: {exc}") from exc
    try:
        echo = json.loads(text)
    except ValueError:
        raise RelayError(f"registering trigger {trigger_name!r}: unexpected answer {text[:500]!r}") from None
    if echo.get("eventType") != event_type:
        raise RelayError(f"registering trigger {trigger_name!r}: emulator echoed {echo!r}")
    log.info("registered trigger %s: %s on %s (%s)", trigger_name, event_type, document_pattern, match_type)
    return echo


def wait_for_firestore(firestore_host_port: str, timeout: float = 60.0) -> None:
    """Block until the emulator answers ``GET /`` (it says ``Ok``)."""
    deadline = time.monotonic() + timeout
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    last: Exception | None = None
    while time.monotonic() < deadline:
        try:
            with opener.open(f"http://{firestore_host_port}/", timeout=2) as resp:
                if resp.status == 200:
                    return
        except OSError as exc:
            last = exc
        time.sleep(0.2)
    raise RelayError(f"Firestore emulator at {firestore_host_port} not up after {timeout:.0f}s: {last}")


# --------------------------------------------------------------------------- protobuf peek


def _varint(buf: bytes, i: int) -> tuple[int, int]:
    result = shift = 0
    while True:
        if i >= len(buf):
            raise ValueError("truncated varint")
        b = buf[i]
        i += 1
        result |= (b & 0x7F) << shift
        if not b & 0x80:
            return result, i
        shift += 7
        if shift > 63:
            raise ValueError("varint too long")


def _fields(buf: bytes):
    """Yield ``(field_number, payload_or_None)`` for each top-level field of a message."""
    i = 0
    while i < len(buf):
        key, i = _varint(buf, i)
        number, wire = key >> 3, key & 7
        if number == 0:
            raise ValueError("field number 0")
        if wire == 0:
            _, i = _varint(buf, i)
            yield number, None
        elif wire == 1 or wire == 5:
            i += 8 if wire == 1 else 4
            if i > len(buf):
                raise ValueError("truncated fixed-width field")
            yield number, None
        elif wire == 2:
            n, i = _varint(buf, i)
            if i + n > len(buf):
                raise ValueError("truncated length-delimited field")
            yield number, buf[i : i + n]
            i += n
        else:
            raise ValueError(f"unsupported wire type {wire}")


@dataclass
class EventPeek:
    """What the relay needs from a ``DocumentEventData`` without depending on google-events."""

    has_value: bool = False
    has_old_value: bool = False
    name: str | None = None  # full document name, from value or else old_value


def peek_document_event(data: bytes) -> EventPeek:
    """Check the top-level shape of a serialized ``DocumentEventData`` (raises ValueError)."""
    peek = EventPeek()
    names: dict[int, str] = {}
    for number, payload in _fields(data):
        if number in (1, 2, 3) and payload is None:
            raise ValueError(f"field {number} is not a message")
        if number in (1, 2):
            if number == 1:
                peek.has_value = True
            else:
                peek.has_old_value = True
            for sub, sub_payload in _fields(payload):  # Document: 1 name, 2 fields, 3/4 times
                if sub == 1 and sub_payload is not None:
                    names[number] = sub_payload.decode("utf-8")
    peek.name = names.get(1) or names.get(2)
    return peek


# --------------------------------------------------------------------------- the relay


@dataclass
class DeliveryRecord:
    """One event the emulator delivered, and what became of it."""

    event_id: str
    event_type: str
    document: str  # decoded as UTF-8, e.g. "flow_runs/abc"
    trigger: str
    received_at: float
    outcome: str = "pending"  # forwarded | failed | dropped | pending
    status: int | None = None  # final HTTP status from the target (None: never answered)
    attempts: int = 0
    duration_s: float = 0.0
    detail: str = ""


class _Reject(Exception):
    def __init__(self, status: int, reason: str) -> None:
        super().__init__(reason)
        self.status, self.reason = status, reason


@dataclass
class _Forward:
    record: DeliveryRecord
    headers: dict[str, str]
    body: bytes


def _utf8(header_value: str) -> str:
    """http.server reads header bytes as Latin-1; the emulator sends UTF-8."""
    try:
        return header_value.encode("latin-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return header_value


def _as_header(text: str) -> str:
    """A str for http.client (which encodes Latin-1) carrying ``text``'s UTF-8 bytes."""
    return text.encode("utf-8").decode("latin-1")


class _QuietServer(ThreadingHTTPServer):
    """Drops the traceback socketserver prints when the emulator hangs up mid-request
    (it is stopped while a keep-alive connection is open)."""

    def handle_error(self, request, client_address) -> None:  # noqa: ANN001
        import sys

        if isinstance(sys.exc_info()[1], (ConnectionResetError, BrokenPipeError)):
            return
        super().handle_error(request, client_address)


class Relay:
    """Receive the Firestore emulator's deliveries and forward them as Eventarc CloudEvents.

    The listening socket is bound in the constructor (``port=0``: a free port), so
    :attr:`host_port` can be handed to the emulator's ``--functions_emulator`` before either
    is started. :attr:`target_url` may be set or changed any time before events arrive.

    ``asynchronous=False`` (default): each delivery is forwarded in the request's thread and
    the target's status goes back to the emulator (keep the target under the emulator's 20 s
    read timeout; the emulator never retries). ``asynchronous=True``: the emulator gets 204 at
    once and ``workers`` threads forward concurrently, as Eventarc does. ``max_attempts > 1``
    retries 5xx/429/unreachable with exponential backoff from ``backoff_s``, keeping ``ce-id``.

    Counters (read them under no lock; they only grow): ``delivered`` (event requests from the
    emulator), ``forwarded`` (target finally answered 2xx), ``failed`` (final non-2xx or no
    answer), ``dropped`` (not forwarded: undecodable, or empty and ``drop_empty``),
    ``retries`` (extra attempts). ``event_ids`` lists delivered ids in arrival order,
    ``records`` the :class:`DeliveryRecord` of each.
    """

    def __init__(
        self,
        target_url: str | None = None,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        location: str | None = None,
        timeout_s: float = 300.0,
        asynchronous: bool = False,
        workers: int = 8,
        max_attempts: int = 1,
        backoff_s: float = 0.5,
        drop_empty: bool = True,
    ) -> None:
        self.target_url = target_url
        self.location = location
        self.timeout_s = timeout_s
        self.asynchronous = asynchronous
        self.max_attempts = max(1, int(max_attempts))
        self.backoff_s = backoff_s
        self.drop_empty = drop_empty
        self.delivered = self.forwarded = self.failed = self.dropped = self.retries = 0
        self.event_ids: list[str] = []
        self.records: list[DeliveryRecord] = []
        self._cond = threading.Condition()
        self._inflight = 0  # deliveries being handled (sync mode forwards inside them)
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None
        self._pool: ThreadPoolExecutor | None = (
            ThreadPoolExecutor(max_workers=max(1, workers), thread_name_prefix="relay-forward")
            if asynchronous
            else None
        )
        self._server = _QuietServer((host, port), self._handler_class())
        self._server.daemon_threads = True
        self.host = host
        self.port: int = self._server.server_address[1]

    # -- lifecycle -----------------------------------------------------------------------

    @property
    def host_port(self) -> str:
        """``HOST:PORT`` for the emulator's ``--functions_emulator`` flag."""
        return f"{self.host}:{self.port}"

    def start(self) -> "Relay":
        if self._thread is None:
            self._thread = threading.Thread(
                target=self._server.serve_forever, kwargs={"poll_interval": 0.2},
                name=f"relay-{self.port}", daemon=True,
            )
            self._thread.start()
            log.info("relay listening on %s -> %s", self.host_port, self.target_url)
        return self

    def stop(self, timeout: float = 10.0) -> None:
        """Stop accepting and close the socket; pending retries are abandoned.

        Waits up to ``timeout`` s for deliveries being handled; with ``asynchronous``, waits for
        the forwards already running and marks the queued ones ``failed`` ("relay stopped").
        """
        self._stopping.set()
        if self._thread is not None:
            self._server.shutdown()
            self._thread.join(timeout)
            self._thread = None
        self.wait_until(lambda r: r._inflight == 0, timeout)
        self._server.server_close()
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            for record in [r for r in self.records if r.outcome == "pending"]:
                self._finish(record, "failed", None, "relay stopped before forwarding")
        with self._cond:
            self._cond.notify_all()

    def __enter__(self) -> "Relay":
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- observation ---------------------------------------------------------------------

    def stats(self) -> dict[str, int]:
        return {
            "delivered": self.delivered, "forwarded": self.forwarded, "failed": self.failed,
            "dropped": self.dropped, "retries": self.retries,
        }

    def wait_until(self, predicate: Callable[["Relay"], bool], timeout: float = 30.0) -> bool:
        """Wait until ``predicate(relay)`` holds (re-checked after every outcome)."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while not predicate(self):
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return False
                self._cond.wait(min(remaining, 0.5))
            return True

    def wait_settled(self, count: int, timeout: float = 30.0) -> bool:
        """Wait until ``count`` deliveries have an outcome (forwarded, failed or dropped)."""
        return self.wait_until(lambda r: r.forwarded + r.failed + r.dropped >= count, timeout)

    # -- the work ------------------------------------------------------------------------

    def _finish(self, record: DeliveryRecord, outcome: str, status: int | None, detail: str = "") -> None:
        with self._cond:
            record.outcome, record.status, record.detail = outcome, status, detail
            record.duration_s = time.monotonic() - record.received_at
            if outcome == "forwarded":
                self.forwarded += 1
            elif outcome == "failed":
                self.failed += 1
            else:
                self.dropped += 1
            self._cond.notify_all()
        level = logging.INFO if outcome == "forwarded" else logging.WARNING
        log.log(
            level, "event %s %s %s -> %s %s%s (%d attempt(s), %.0f ms)",
            record.event_id, record.event_type.removeprefix(EVENT_TYPE_PREFIX), record.document,
            outcome, status if status is not None else "-", f": {detail}" if detail else "",
            record.attempts, record.duration_s * 1000,
        )

    def _post_once(self, headers: dict[str, str], body: bytes) -> tuple[int | None, str]:
        if not self.target_url:
            return None, "no target_url set"
        url = urllib.parse.urlsplit(self.target_url)
        path = (url.path or "/") + (f"?{url.query}" if url.query else "")
        conn_cls = http.client.HTTPSConnection if url.scheme == "https" else http.client.HTTPConnection
        conn = conn_cls(url.hostname, url.port, timeout=self.timeout_s)
        try:
            conn.request("POST", path, body=body, headers=headers)
            resp = conn.getresponse()
            text = resp.read(2000).decode("utf-8", "replace")
            return resp.status, text.strip()
        except socket.timeout:
            return 504, f"target timed out after {self.timeout_s:.0f}s"
        except OSError as exc:
            return None, f"target unreachable: {exc}"
        finally:
            conn.close()

    def _forward(self, job: _Forward) -> int:
        """Send one event (with retries); return the status for the emulator."""
        record = job.record
        status: int | None = None
        detail = ""
        for attempt in range(1, self.max_attempts + 1):
            record.attempts = attempt
            status, detail = self._post_once(job.headers, job.body)
            if status is not None and status not in _RETRY_STATUSES:
                break
            if attempt < self.max_attempts and not self._stopping.is_set():
                with self._cond:
                    self.retries += 1
                delay = min(self.backoff_s * 2 ** (attempt - 1), 30.0)
                log.info("event %s: attempt %d got %s; retrying in %.1fs", record.event_id, attempt,
                         status if status is not None else detail, delay)
                if self._stopping.wait(delay):
                    break
            else:
                break
        if status is not None and 200 <= status < 300:
            self._finish(record, "forwarded", status)
            return status
        self._finish(record, "failed", status, detail[:300])
        return status if status is not None else 502

    def _build(self, project: str, trigger: str, in_headers, body: bytes) -> tuple[_Forward, EventPeek | None]:
        """Turn one delivery into a forward job (raises _Reject with the status for the emulator)."""
        ctype = (in_headers.get("Content-Type") or "").split(";")[0].strip().lower()
        ce = {k.lower(): v for k, v in in_headers.items() if k.lower().startswith("ce-")}
        if ctype == "application/protobuf":
            try:
                data = base64.b64decode(b"".join(body.split()), validate=True)
            except (binascii.Error, ValueError) as exc:
                raise _Reject(400, f"body is not base64: {exc}") from None
            try:
                peek = peek_document_event(data)
            except (ValueError, UnicodeDecodeError) as exc:
                raise _Reject(400, f"body is not a DocumentEventData: {exc}") from None
        elif ctype == "application/json":  # not sent for v2 triggers; passed on unchanged if ever
            data, peek = body, None
        else:
            raise _Reject(415, f"unsupported Content-Type {ctype!r}")

        project = _utf8(ce.get("ce-project") or project)
        database = _utf8(ce.get("ce-database") or "(default)")
        headers: dict[str, str] = {k: v for k, v in ce.items() if k not in ("ce-source", "ce-datacontenttype")}
        headers["Content-Type"] = "application/protobuf" if peek is not None else "application/json"
        headers["ce-specversion"] = "1.0"
        headers["ce-source"] = _as_header(f"//firestore.googleapis.com/projects/{project}/databases/{database}")
        headers.setdefault("ce-id", str(uuid.uuid4()))
        headers.setdefault("ce-time", datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ"))
        headers.setdefault("ce-type", DEFAULT_EVENT_TYPE)
        headers.setdefault("ce-project", _as_header(project))
        headers.setdefault("ce-database", _as_header(database))
        headers.setdefault("ce-namespace", "(default)")
        headers.setdefault("ce-location", DEFAULT_LOCATION)
        if self.location:
            headers["ce-location"] = self.location
        if "ce-document" not in headers and peek is not None and peek.name and "/documents/" in peek.name:
            headers["ce-document"] = _as_header(peek.name.split("/documents/", 1)[1])
        if "ce-subject" not in headers and "ce-document" in headers:
            headers["ce-subject"] = "documents/" + headers["ce-document"]
        headers["Content-Length"] = str(len(data))

        record = DeliveryRecord(
            event_id=_utf8(headers["ce-id"]), event_type=_utf8(headers["ce-type"]),
            document=_utf8(headers.get("ce-document", "")), trigger=trigger,
            received_at=time.monotonic(),
        )
        return _Forward(record, headers, data), peek

    def _handle_delivery(self, req: BaseHTTPRequestHandler) -> tuple[int, str]:
        m = _DELIVERY_PATH.match(req.path)
        if not m:
            return 404, "not a functions-emulator delivery path"
        project, trigger = urllib.parse.unquote(m.group(1)), urllib.parse.unquote(m.group(2))
        try:
            length = int(req.headers.get("Content-Length") or 0)
        except ValueError:
            req.close_connection = True  # the body was not read: the connection is unusable
            return 400, "bad Content-Length"
        if length < 0 or length > MAX_BODY_BYTES:
            req.close_connection = True
            return 413, f"body of {length} bytes refused"
        body = req.rfile.read(length)

        with self._cond:
            self.delivered += 1
            event_id = _utf8(req.headers.get("ce-id") or "")
            if event_id:
                self.event_ids.append(event_id)
        try:
            job, peek = self._build(project, trigger, req.headers, body)
        except _Reject as rej:
            status, reason = rej.status, rej.reason
            record = DeliveryRecord(
                event_id=event_id or "-", event_type=_utf8(req.headers.get("ce-type") or ""),
                document=_utf8(req.headers.get("ce-document") or ""), trigger=trigger,
                received_at=time.monotonic(),
            )
            with self._cond:
                self.records.append(record)
            self._finish(record, "dropped", status, reason)
            return status, reason
        with self._cond:
            self.records.append(job.record)
        if peek is not None and self.drop_empty and not (peek.has_value or peek.has_old_value):
            # The emulator emits this when a missing document is "deleted"; Eventarc does not.
            self._finish(job.record, "dropped", 204, "event has neither value nor old_value")
            return 204, "dropped: empty event"
        if self._pool is not None:
            try:
                self._pool.submit(self._forward, job)
            except RuntimeError:  # pool shut down: we are stopping
                self._finish(job.record, "failed", None, "relay stopping")
                return 503, "relay stopping"
            return 204, "accepted"
        status = self._forward(job)
        return status, job.record.detail or "ok"

    def _handler_class(self):
        relay = self

        class Handler(BaseHTTPRequestHandler):
            server_version = "chart-export-relay/1"
            protocol_version = "HTTP/1.1"

            def _reply(self, status: int, text: str) -> None:
                payload = (text + "\n").encode("utf-8", "replace")
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "text/plain; charset=utf-8")
                    self.send_header("Content-Length", str(len(payload)))
                    self.end_headers()
                    self.wfile.write(payload)
                except OSError:  # the emulator gave up (20 s read timeout) and hung up
                    self.close_connection = True

            def do_POST(self) -> None:  # noqa: N802
                with relay._cond:
                    relay._inflight += 1
                try:
                    try:
                        status, text = relay._handle_delivery(self)
                    except Exception as exc:  # never let one delivery kill the server thread
                        log.exception("relay: unexpected error on %s", self.path)
                        status, text = 500, f"relay error: {exc!r}"
                    self._reply(status, text)
                finally:
                    with relay._cond:
                        relay._inflight -= 1
                        relay._cond.notify_all()

            def do_GET(self) -> None:  # noqa: N802
                if self.path in ("/", "/healthz"):
                    self._reply(200, json.dumps(relay.stats()))
                else:
                    self._reply(404, "not found")

            def log_message(self, fmt: str, *args: object) -> None:
                log.debug("%s %s", self.address_string(), fmt % args)

        return Handler


# --------------------------------------------------------------------------- CLI


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(
        prog="python -m devtools.relay",
        description="Relay Firestore emulator events to a local function as Eventarc CloudEvents.",
    )
    p.add_argument("--firestore", required=True, metavar="HOST:PORT", help="the Firestore emulator")
    p.add_argument("--target", required=True, metavar="URL", help="functions-framework URL, e.g. http://127.0.0.1:8081/")
    p.add_argument("--project", required=True, help="project id the emulator's clients use")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=0, help="port to listen on; give the emulator the same in "
                   "--functions_emulator (default: a free port, printed)")
    p.add_argument("--trigger-name", default="worker-chart-export")
    p.add_argument("--event-type", default=DEFAULT_EVENT_TYPE, choices=EVENT_TYPES)
    p.add_argument("--document", default="flow_runs/{runId}", help="document path pattern")
    p.add_argument("--database", default="(default)")
    p.add_argument("--location", default=None, help="override ce-location (emulator sends us-central1)")
    p.add_argument("--async", dest="asynchronous", action="store_true",
                   help="ack the emulator at once and forward concurrently")
    p.add_argument("--workers", type=int, default=8, help="forwarding threads with --async")
    p.add_argument("--max-attempts", type=int, default=1, help="attempts per event on 5xx/429/unreachable")
    p.add_argument("--timeout", type=float, default=300.0, help="seconds to wait for the target per attempt")
    p.add_argument("--wait-firestore", type=float, default=60.0, help="seconds to wait for the emulator")
    p.add_argument("--log-level", default="INFO")
    args = p.parse_args(argv)
    logging.basicConfig(level=args.log_level.upper(), stream=sys.stderr,
                        format="%(asctime)s relay %(levelname)s %(message)s")

    relay = Relay(
        args.target, host=args.host, port=args.port, location=args.location, timeout_s=args.timeout,
        asynchronous=args.asynchronous, workers=args.workers, max_attempts=args.max_attempts,
    )
    print(f"relay listening on {relay.host_port}; start the emulator with "
          f"--functions_emulator={relay.host_port}", file=sys.stderr, flush=True)
    stop = threading.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: stop.set())
    relay.start()
    try:
        wait_for_firestore(args.firestore, args.wait_firestore)
        register_trigger(args.firestore, args.project, args.trigger_name, event_type=args.event_type,
                         document_pattern=args.document, database=args.database)
        print(f"relay ready: trigger {args.trigger_name} registered; events of {args.document} go to {args.target}",
              file=sys.stderr, flush=True)
        stop.wait()
    except (RelayError, ValueError) as exc:
        print(f"relay: {exc}", file=sys.stderr, flush=True)
        return 1
    finally:
        relay.stop()
        print(f"relay stopped: {json.dumps(relay.stats())}", file=sys.stderr, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
