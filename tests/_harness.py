"""Shared helpers for the reliability, hostile-input and property tests.

Everything here talks to the real emulators (Google's Firestore emulator, fake-gcs-server)
and to functions-framework processes serving ``main.py``; nothing is mocked. Helpers:

* function processes: :func:`start_function_server` (env wired to the given emulators),
  :func:`post` / :func:`post_many` (HTTP deliveries, concurrent with a thread pool);
* logs: :func:`read_log` (the JSON lines a process wrote), :func:`log_problems` (structure
  and hygiene rules every line must satisfy);
* data: :func:`upload_candles`, :func:`store_run`, :func:`step_of`, :func:`object_generations`,
  :func:`store_template_copies`;
* faults: :class:`TcpProxy`, a byte relay that can cut every connection and refuse new ones
  (an outage) and then heal, without losing the emulator's in-memory data.
"""

from __future__ import annotations

import copy
import json
import os
import socket
import threading
import time
from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import requests

from devtools.emulators import ManagedServer, start_function

PROJECT = "demo-chart-export"
CANDLES_BUCKET = "artifacts-test"
RUNS = "flow_runs"
#: A value planted in unrelated fields of run documents / candle files; it must never be logged.
SECRET_MARKER = "sk_live_SECRET-MARKER-7f3a9c1e-do-not-log"

#: Log lines that record a decision about an event or a step; each must name its event.
DECISION_EVENTS = frozenset({
    "event_rejected", "event_ignored", "run_malformed", "step_blocked", "claim_skipped", "step_claimed",
    "chart_written", "chart_failed", "manifest_written", "step_finalized", "finalize_refused",
    "step_interrupted", "lease_released", "lease_release_failed", "event_done",
})
#: Decisions made before a run id is known (the event could not be tied to a document).
NO_RUN_EVENTS = frozenset({"event_rejected"})
_CREDENTIAL_PATTERNS = ("private_key", "BEGIN PRIVATE KEY", "Bearer ", "access_token", "client_secret",
                        "refresh_token", "Authorization")
MAX_LOG_LINE_CHARS = 16_000


# ----------------------------------------------------------------------------------------
# Function processes


def start_function_server(
    log_dir: Path, *, firestore_host: str, storage_url: str, bucket: str, lease_seconds: float | None = None,
    extra_env: Mapping[str, str] | None = None,
) -> ManagedServer:
    """``main.py`` under functions-framework (gunicorn, 1 worker, threads), wired to emulators."""
    env = {
        "CHARTS_BUCKET": bucket,
        "FIRESTORE_EMULATOR_HOST": firestore_host,
        "STORAGE_EMULATOR_HOST": storage_url,
        "GOOGLE_CLOUD_PROJECT": PROJECT,
        "LOG_LEVEL": "INFO",
        **({"CHART_EXPORT_LEASE_SECONDS": str(lease_seconds)} if lease_seconds is not None else {}),
        **(extra_env or {}),
    }
    log_dir.mkdir(parents=True, exist_ok=True)
    return start_function(log_dir, env=env)


def post(url: str, request: tuple[Mapping[str, str], bytes], *, timeout: float = 180.0) -> int:
    """Deliver one CloudEvent request; the HTTP status (599 when the connection died)."""
    headers, body = request
    try:
        return requests.post(url, headers=dict(headers), data=body, timeout=timeout).status_code
    except requests.RequestException:
        return 599


def post_many(deliveries: list[tuple[str, tuple[Mapping[str, str], bytes]]], *, workers: int | None = None) -> list[int]:
    """Deliver all at once (one thread each, released together); statuses in input order."""
    if not deliveries:
        return []
    barrier = threading.Barrier(len(deliveries)) if len(deliveries) <= 64 else None

    def one(item: tuple[str, tuple[Mapping[str, str], bytes]]) -> int:
        if barrier is not None:
            try:
                barrier.wait(timeout=10)
            except threading.BrokenBarrierError:
                pass
        return post(*item)

    with ThreadPoolExecutor(max_workers=workers or len(deliveries)) as pool:
        return list(pool.map(one, deliveries))


# ----------------------------------------------------------------------------------------
# Logs


def read_log(path: Path) -> list[dict[str, Any]]:
    """The structured lines (JSON objects with ``severity``) of a process log or captured text."""
    text = path.read_text("utf-8", errors="replace") if isinstance(path, Path) else str(path)
    lines = []
    for raw in text.split("\n"):  # not splitlines(): U+0085/U+2028 inside a JSON string are not line ends
        raw = raw.strip()
        if not raw.startswith("{"):
            continue
        try:
            entry = json.loads(raw)
        except ValueError:
            continue
        if isinstance(entry, dict) and "severity" in entry:
            entry["_raw"] = raw
            lines.append(entry)
    return lines


def raw_text(path: Path) -> str:
    return path.read_text("utf-8", errors="replace")


def events(lines: Iterable[Mapping[str, Any]], name: str, **match: Any) -> list[Mapping[str, Any]]:
    return [e for e in lines if e.get("event") == name and all(e.get(k) == v for k, v in match.items())]


def log_problems(lines: Iterable[Mapping[str, Any]], *, secrets: Iterable[str] = (SECRET_MARKER,)) -> list[str]:
    """Rules every line of ours must keep (empty list = all good):

    * Cloud Logging shape: ``severity``, ``message`` and an ``event`` name;
    * a decision line names its event (``eventId``) and, once the run is known, its ``runId``,
      and says why (``reason``) or what came of it (``status``/``event``);
    * no secret marker, no credential-looking text, no line big enough to hold a document.
    """
    problems = []
    for e in lines:
        if not str(e.get("logger", "")).startswith("chart_export"):
            continue
        raw = e.get("_raw") or json.dumps(e)
        name = e.get("event")
        where = f"{name or '?'}: {raw[:200]}"
        if not e.get("message") or not e.get("severity"):
            problems.append(f"missing severity/message: {where}")
        if not name:
            problems.append(f"no event name: {where}")
        if name in DECISION_EVENTS:
            if "eventId" not in e:
                problems.append(f"decision without eventId: {where}")
            if name not in NO_RUN_EVENTS and not (name == "event_ignored" and e.get("reason") == "deleted"):
                if not e.get("runId"):
                    problems.append(f"decision without runId: {where}")
            if not (e.get("reason") or e.get("status") or name):
                problems.append(f"decision without reason: {where}")
        for secret in secrets:
            if secret and secret in raw:
                problems.append(f"secret marker logged: {where}")
        for pattern in _CREDENTIAL_PATTERNS:
            if pattern in raw:
                problems.append(f"credential-looking text {pattern!r} logged: {where}")
        if len(raw) > MAX_LOG_LINE_CHARS:
            problems.append(f"line of {len(raw)} chars (a whole document?): {where}")
    return problems


# ----------------------------------------------------------------------------------------
# Data


def upload_candles(gcs_client: Any, name: str, data: bytes, *, bucket: str = CANDLES_BUCKET) -> str:
    gcs_client.bucket(bucket).blob(name).upload_from_string(data, content_type="application/json")
    return f"gs://{bucket}/{name}"


def store_run(firestore_client: Any, run_id: str, doc: Mapping[str, Any]) -> Mapping[str, Any]:
    firestore_client.collection(RUNS).document(run_id).set(dict(doc))
    return doc


def run_snapshot(firestore_client: Any, run_id: str) -> Any:
    return firestore_client.collection(RUNS).document(run_id).get()


def step_of(firestore_client: Any, run_id: str, step_id: str) -> dict[str, Any]:
    return run_snapshot(firestore_client, run_id).to_dict()["steps"][step_id]


def object_generations(gcs_client: Any, bucket: str, prefix: str = "") -> dict[str, int]:
    return {b.name: int(b.generation) for b in gcs_client.list_blobs(bucket, prefix=prefix or None)}


def store_template_copies(firestore_client: Any, prefix: str, count: int) -> list[str]:
    """``count`` stored ``chart_templates`` documents (copies of the cheapest built-in)."""
    from chart_export.templates import builtin_template

    base = builtin_template("ctpl_price_ma1226_vol_v1")
    ids = []
    batch = firestore_client.batch()
    for i in range(count):
        template_id = f"{prefix}_{i:02d}_v1"
        doc = copy.deepcopy(base)
        doc["id"] = template_id
        doc["description"] = f"copy {i} of {base['id']}"
        batch.set(firestore_client.collection("chart_templates").document(template_id), doc)
        ids.append(template_id)
    batch.commit()
    return ids


def delete_templates(firestore_client: Any, ids: Iterable[str]) -> None:
    batch = firestore_client.batch()
    for template_id in ids:
        batch.delete(firestore_client.collection("chart_templates").document(template_id))
    batch.commit()


def storage_client_at(url: str) -> Any:
    from google.auth.credentials import AnonymousCredentials
    from google.cloud import storage

    return storage.Client(project=PROJECT, credentials=AnonymousCredentials(), client_options={"api_endpoint": url})


def firestore_client_at(host_port: str) -> Any:
    """A Firestore client bound to ``host_port`` (the env var is read once, at construction)."""
    from google.cloud import firestore

    old = os.environ.get("FIRESTORE_EMULATOR_HOST")
    os.environ["FIRESTORE_EMULATOR_HOST"] = host_port
    try:
        return firestore.Client(project=PROJECT)
    finally:
        if old is None:
            os.environ.pop("FIRESTORE_EMULATOR_HOST", None)
        else:
            os.environ["FIRESTORE_EMULATOR_HOST"] = old


def wait_until(predicate: Callable[[], Any], *, timeout: float, interval: float = 0.02, what: str = "condition") -> Any:
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:.1f}s waiting for {what}")
        time.sleep(interval)


# ----------------------------------------------------------------------------------------
# Faults


class TcpProxy:
    """A loopback TCP relay to ``target`` (``host:port``) that can simulate an outage.

    :meth:`block` cuts every relayed connection and then accepts-and-closes new ones (the
    client sees its peer vanish, like a dead server); :meth:`unblock` relays again. The
    server behind it keeps running, so its state survives the "outage".
    """

    def __init__(self, target: str) -> None:
        host, port = target.rsplit(":", 1)
        self.target = (host, int(port))
        self._listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._listener.bind(("127.0.0.1", 0))
        self._listener.listen(128)
        self.host_port = f"127.0.0.1:{self._listener.getsockname()[1]}"
        self._blocked = threading.Event()
        self._closed = False
        self._lock = threading.Lock()
        self._sockets: set[socket.socket] = set()
        self.refused = 0
        self._thread = threading.Thread(target=self._accept_loop, name="tcp-proxy", daemon=True)

    def start(self) -> "TcpProxy":
        self._thread.start()
        return self

    def _accept_loop(self) -> None:
        while not self._closed:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            if self._blocked.is_set():
                self.refused += 1
                _hard_close(client)
                continue
            try:
                upstream = socket.create_connection(self.target, timeout=5)
                upstream.settimeout(None)
            except OSError:
                _hard_close(client)
                continue
            with self._lock:
                self._sockets.update((client, upstream))
            for src, dst in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pump, args=(src, dst), daemon=True).start()

    def _pump(self, src: socket.socket, dst: socket.socket) -> None:
        try:
            while True:
                data = src.recv(65536)
                if not data:
                    break
                dst.sendall(data)
        except OSError:
            pass
        finally:
            for s in (src, dst):
                _hard_close(s)
                with self._lock:
                    self._sockets.discard(s)

    def block(self) -> None:
        self._blocked.set()
        with self._lock:
            live = list(self._sockets)
            self._sockets.clear()
        for s in live:
            _hard_close(s)

    def unblock(self) -> None:
        self._blocked.clear()

    def close(self) -> None:
        self._closed = True
        self.block()
        _hard_close(self._listener)


def _hard_close(s: socket.socket) -> None:
    try:
        s.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass
    try:
        s.close()
    except OSError:
        pass


# ----------------------------------------------------------------------------------------
# Measured figures (printed, and appended to $CHART_EXPORT_FIGURES when set)


def figure(name: str, value: Any) -> None:
    line = json.dumps({"figure": name, "value": value}, default=str)
    print(f"FIGURE {line}")
    path = os.environ.get("CHART_EXPORT_FIGURES")
    if path:
        with open(path, "a", encoding="utf-8") as fh:
            fh.write(line + "\n")


def candles_with_secret(n: int, *, timeframe: str = "1d") -> bytes:
    """A valid candle file whose metadata carries :data:`SECRET_MARKER` (must never be logged)."""
    from devtools.sample_data import candle_rows

    doc = {"metadata": {"symbol": "BTCUSDT", "timeframe": timeframe, "apiKey": SECRET_MARKER},
           "data": candle_rows(n, timeframe=timeframe)}
    return json.dumps(doc, separators=(",", ":")).encode()


def with_secret(doc: dict[str, Any]) -> dict[str, Any]:
    """Plant :data:`SECRET_MARKER` in an unrelated field of a run document."""
    doc = copy.deepcopy(doc)
    doc.setdefault("trigger", {})["apiKey"] = SECRET_MARKER
    doc["notes"] = {"operatorToken": SECRET_MARKER}
    return doc
