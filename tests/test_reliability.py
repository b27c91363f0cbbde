"""Reliability on the real stand-ins: Google's Firestore emulator, fake-gcs-server and
functions-framework processes serving ``main.py`` (gunicorn, one worker, threads), driven over
HTTP with the binary-mode protobuf CloudEvents Eventarc sends.

What each test proves is in its docstring; every assertion is on outcomes (Firestore
documents, GCS objects and their generations, HTTP statuses, the JSON log lines the
processes wrote), never on calls.
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from chart_export.errors import TransientError
from chart_export.runner import FirestoreTemplates, StepRunner
from chart_export.publish import LeaseExpired
from chart_export.storage import ArtifactNames, GcsStore
from chart_export.templates import BUILTIN_TEMPLATE_IDS
from chart_export.timeutil import parse_rfc3339
from devtools.emulators import ManagedServer, start_fake_gcs
from devtools.sample_data import candle_file, flow_run
from tests import _cloudevents as ce
from tests._harness import (
    CANDLES_BUCKET,
    SECRET_MARKER,
    TcpProxy,
    candles_with_secret,
    delete_templates,
    events,
    figure,
    firestore_client_at,
    log_problems,
    object_generations,
    post,
    post_many,
    raw_text,
    read_log,
    run_snapshot,
    start_function_server,
    step_of,
    storage_client_at,
    store_run,
    store_template_copies,
    upload_candles,
    wait_until,
    with_secret,
)

pytestmark = pytest.mark.emulator

STEP = "charts:1d:all_builtins_v1"
SYMBOL, TIMEFRAME = "BTCUSDT", "1d"


def _expected_names(firestore_client: Any, run_id: str, step_id: str, templates) -> set[str]:
    """The final claim's PNGs (under its own folder) and the manifest: nothing else may remain."""
    lease = step_of(firestore_client, run_id, step_id)["outputs"]["execution"]["lease"]
    claim = f"a{lease['attempt']}-{lease['token'][:10]}"
    names = ArtifactNames(run_id, step_id)
    return ({names.png(symbol=SYMBOL, timeframe=TIMEFRAME, template_id=t, claim=claim) for t in templates}
            | {names.manifest(claim)})


def _epoch(value: Any) -> float:
    return parse_rfc3339(value).timestamp()


# ----------------------------------------------------------------------------------------
# Fixtures: function processes on the session emulators


@pytest.fixture(scope="module")
def reliability_logs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("reliability")


@pytest.fixture(scope="module")
def fn_pair(reliability_logs, firestore_emulator, fake_gcs, charts_bucket) -> Iterator[list[ManagedServer]]:
    """Two independent function processes (default 600 s lease) on the session emulators."""
    servers: list[ManagedServer] = []
    try:
        for i in range(2):
            servers.append(start_function_server(
                reliability_logs / f"pair-{i}", firestore_host=firestore_emulator.host_port,
                storage_url=fake_gcs.url, bucket=charts_bucket))
        yield servers
    finally:
        for server in servers:
            server.stop()


# ----------------------------------------------------------------------------------------
# 1. Duplicates


def test_duplicate_deliveries_run_the_step_once(fn_pair, firestore_client, gcs_client, charts_bucket, run_id):
    """The same protobuf event delivered 10 times at once to one process: the step is claimed,
    rendered and finalized once (one ``step_claimed``, one ``chart_written`` per chart, one
    generation per object); the other deliveries are acknowledged (200, step already final)
    or ask for redelivery (503, StepBusy while the winner holds the lease). Redelivering the
    503s afterwards gives 200 and writes nothing (same generations, same document)."""
    server = fn_pair[0]
    templates = BUILTIN_TEMPLATE_IDS[:2]
    uri = upload_candles(gcs_client, f"runs/{run_id}/1d.json", candles_with_secret(200))
    doc = store_run(firestore_client, run_id, with_secret(flow_run(run_id, candle_uri=uri, templates=templates)))
    request = ce.binary_protobuf(run_id, doc)  # one event: one ce-id, delivered 10 times

    t0 = time.monotonic()
    statuses = post_many([(server.url, request)] * 10)
    figure("duplicates.first_round_seconds", round(time.monotonic() - t0, 2))
    figure("duplicates.statuses", dict(Counter(statuses)))
    assert set(statuses) <= {200, 503}, statuses
    assert 200 in statuses

    snap = run_snapshot(firestore_client, run_id)
    step = snap.to_dict()["steps"][STEP]
    assert step["status"] == "SUCCEEDED", step.get("error")
    assert step["outputs"]["execution"]["lease"]["attempt"] == 1
    prefix = f"charts/{run_id}/{STEP}/"
    generations = object_generations(gcs_client, charts_bucket, prefix)
    assert set(generations) == _expected_names(firestore_client, run_id, STEP, templates)

    def decisions() -> list[dict]:
        return [e for e in read_log(server.log_path) if e.get("runId") == run_id]

    lines = decisions()
    assert len(events(lines, "step_claimed")) == 1
    for template_id in templates:
        assert len(events(lines, "chart_written", chartTemplateId=template_id)) == 1
    assert len(events(lines, "manifest_written")) == 1
    assert len(events(lines, "step_finalized")) == 1
    busy = len(events(lines, "claim_skipped", reason="lease_held"))
    assert busy >= statuses.count(503)  # every 503 is a StepBusy, not a crash
    assert not events(lines, "step_interrupted")

    retry = [(server.url, request)] * statuses.count(503)
    if not retry:  # the winner finished before any duplicate found it busy: redeliver one anyway
        retry = [(server.url, request)]
    again = post_many(retry)
    figure("duplicates.redelivered", len(again))
    assert all(s == 200 for s in again), again
    assert object_generations(gcs_client, charts_bucket, prefix) == generations
    assert run_snapshot(firestore_client, run_id).update_time == snap.update_time
    after = decisions()
    for name in ("step_claimed", "chart_written", "manifest_written", "step_finalized"):
        assert len(events(after, name)) == len(events(lines, name)), name
    assert not log_problems(after)


# ----------------------------------------------------------------------------------------
# 2. Concurrency: two processes, 20 runs x 3 chart steps


@pytest.mark.slow
def test_two_processes_twenty_runs_every_step_exactly_once(fn_pair, firestore_client, gcs_client, charts_bucket,
                                                            run_id):
    """20 runs with 3 READY chart steps each; every run's event goes to both processes at
    once, and each 503 is redelivered (as Eventarc would, after a short pause) until all are
    acknowledged. Every step ends SUCCEEDED at attempt 1 and is finalized exactly once across
    both processes (``step_finalized`` per (runId, stepId) == 1); no finalize is refused."""
    step_ids = ("charts:1d:a", "charts:1d:b", "charts:1d:c")
    uri = upload_candles(gcs_client, f"runs/{run_id}/shared-1d.json", candle_file(200))
    requests_by_run = {}
    for i in range(20):
        rid = f"{run_id}-{i:02d}"
        doc = flow_run(rid, candle_uri=uri, templates=(BUILTIN_TEMPLATE_IDS[0],), chart_step_ids=step_ids)
        doc["steps"]["charts:1d:c"]["inputs"]["requests"].append({"chartTemplateId": BUILTIN_TEMPLATE_IDS[2]})
        requests_by_run[rid] = ce.binary_protobuf(rid, store_run(firestore_client, rid, doc))

    started = time.monotonic()
    pending = [(server.url, request) for request in requests_by_run.values() for server in fn_pair]
    rounds: list[int] = []
    for round_no in range(25):
        if round_no:
            time.sleep(0.3)
        statuses = post_many(pending)
        assert set(statuses) <= {200, 503}, Counter(statuses)
        rounds.append(statuses.count(503))
        pending = [d for d, s in zip(pending, statuses) if s != 200]
        if not pending:
            break
    elapsed = time.monotonic() - started
    figure("concurrency.seconds", round(elapsed, 1))
    figure("concurrency.503s_per_round", rounds)
    assert not pending, f"still 503 after {len(rounds)} rounds: {rounds}"

    lines = [e for server in fn_pair for e in read_log(server.log_path) if str(e.get("runId", "")).startswith(run_id)]
    finalized = Counter((e["runId"], e["stepId"]) for e in events(lines, "step_finalized"))
    claimed = Counter((e["runId"], e["stepId"]) for e in events(lines, "step_claimed"))
    expected = {(rid, sid) for rid in requests_by_run for sid in step_ids}
    assert set(finalized) == expected and set(finalized.values()) == {1}
    assert set(claimed) == expected and set(claimed.values()) == {1}
    assert not events(lines, "finalize_refused")
    figure("concurrency.transient_interruptions", len(events(lines, "step_interrupted")))
    figure("concurrency.firestore_retries", sum(1 for server in fn_pair for e in read_log(server.log_path)
                                                if e.get("event") == "firestore_retry"
                                                and str(e.get("runId", "")).startswith(run_id)))
    figure("concurrency.steps_finalized_per_process",
           [len([e for e in events(read_log(server.log_path), "step_finalized")
                 if str(e.get("runId", "")).startswith(run_id)]) for server in fn_pair])

    for rid in requests_by_run:
        steps = run_snapshot(firestore_client, rid).to_dict()["steps"]
        for sid in step_ids:
            assert steps[sid]["status"] == "SUCCEEDED", (rid, sid, steps[sid].get("error"))
            assert steps[sid]["outputs"]["execution"]["lease"]["attempt"] == 1
        assert steps["llm_report:1d:prompt_v1"]["status"] == "PENDING"  # never touched
    assert not log_problems(lines)


# ----------------------------------------------------------------------------------------
# 3. Crash between claim and finalize


@pytest.mark.slow
def test_killed_worker_is_reclaimed_after_lease_expiry(tmp_path, firestore_emulator, fake_gcs, firestore_client,
                                                        gcs_client, charts_bucket, run_id):
    """A worker SIGKILLed mid-step (after claiming and writing some PNGs) leaves the step
    RUNNING under its lease. A fresh process given the same event before the lease expires
    answers 503 (StepBusy: the same event) and leaves the step alone; after expiry it reclaims
    it (``lease.attempt == 2``) and finishes SUCCEEDED, sweeping the dead claim's PNGs: exactly
    the expected object names exist under ``charts/<runId>/<stepId>/``. The doomed worker's
    lease is short (so the test does not wait long); the fresh one's is long enough for its
    30 charts (with a 3 s lease it would stop at its own deadline, as it should)."""
    lease = 3.0
    templates = store_template_copies(firestore_client, f"ctpl_crash_{run_id[-6:]}", 30)
    servers: list[ManagedServer] = []
    try:
        for name, seconds in (("doomed", lease), ("fresh", 120.0)):
            servers.append(start_function_server(tmp_path / name, firestore_host=firestore_emulator.host_port,
                                                 storage_url=fake_gcs.url, bucket=charts_bucket,
                                                 lease_seconds=seconds))
        doomed, fresh = servers
        uri = upload_candles(gcs_client, f"runs/{run_id}/1d.json", candle_file(5000))
        # Warm up: the doomed worker renders a small run (clients + matplotlib loaded); the
        # fresh one gets an event whose step is already final (clients loaded, a no-op claim).
        for server, status in ((doomed, "READY"), (fresh, "SUCCEEDED")):
            warm_id = f"{run_id}-warm-{server.port}"
            warm = flow_run(warm_id, candle_uri=uri, templates=BUILTIN_TEMPLATE_IDS[:1])
            store_run(firestore_client, warm_id, {**warm, "steps": {
                **warm["steps"], STEP: {**warm["steps"][STEP], "status": status}}})
            assert post(server.url, ce.binary_protobuf(warm_id, warm)) == 200

        doc = store_run(firestore_client, run_id, flow_run(run_id, candle_uri=uri, templates=tuple(templates)))
        request = ce.binary_protobuf(run_id, doc)
        result: dict[str, int] = {}
        worker = threading.Thread(target=lambda: result.setdefault("status", post(doomed.url, request)), daemon=True)
        worker.start()
        wait_until(lambda: events(read_log(doomed.log_path), "chart_written", runId=run_id), timeout=30,
                   interval=0.01, what="the doomed worker's first PNG")
        doomed.kill()
        killed_at = time.time()
        worker.join(10)
        assert result.get("status") == 599  # the connection died with the process

        step = step_of(firestore_client, run_id, STEP)
        assert step["status"] == "RUNNING" and step["outputs"]["execution"]["lease"]["attempt"] == 1
        dead_owner, expires_at = step["outputs"]["execution"]["lease"]["owner"], _epoch(step["outputs"]["execution"]["lease"]["expiresAt"])
        claimed_at = _epoch(step["outputs"]["execution"]["lease"]["claimedAt"])
        figure("crash.killed_after_claim_seconds", round(killed_at - claimed_at, 2))
        prefix = f"charts/{run_id}/{STEP}/"
        before = object_generations(gcs_client, charts_bucket, prefix)
        assert before and all(name.endswith(".png") for name in before)  # killed before the manifest
        figure("crash.pngs_written_before_kill", len(before))

        assert time.time() < expires_at - 0.2, "too slow to test the unexpired lease"
        assert post(fresh.url, request) == 503  # StepBusy: the lease is still held
        held = step_of(firestore_client, run_id, STEP)
        assert held["status"] == "RUNNING" and held["outputs"]["execution"]["lease"] == step["outputs"]["execution"]["lease"]

        time.sleep(max(0.0, expires_at - time.time()) + 0.3)
        t0 = time.monotonic()
        assert post(fresh.url, request) == 200
        figure("crash.reclaim_and_finish_seconds", round(time.monotonic() - t0, 2))
        figure("crash.kill_to_succeeded_seconds", round(time.time() - killed_at, 2))
        final = step_of(firestore_client, run_id, STEP)
        assert final["status"] == "SUCCEEDED", final.get("error")
        assert final["outputs"]["execution"]["lease"]["attempt"] == 2 and final["outputs"]["execution"]["lease"]["owner"] != dead_owner

        after = object_generations(gcs_client, charts_bucket, prefix)
        assert set(after) == _expected_names(firestore_client, run_id, STEP, templates)
        assert not set(before) & set(after)  # the dead claim's PNGs were swept, not left behind

        fresh_lines = [e for e in read_log(fresh.log_path) if e.get("runId") == run_id]
        assert [e["reason"] for e in events(fresh_lines, "claim_skipped")] == ["lease_held"]
        (reclaim,) = events(fresh_lines, "step_claimed")
        assert reclaim["reason"] == "reclaimed_expired_lease" and reclaim["attempt"] == 2
        assert not log_problems(fresh_lines + read_log(doomed.log_path))
    finally:
        for server in servers:
            server.stop()
        delete_templates(firestore_client, templates)


# ----------------------------------------------------------------------------------------
# 4. Storage and Firestore outages

FAULT_BUCKET = "chart-export-faults"


class GcsInstance:
    """A private fake-gcs-server that can be stopped and restarted with its data."""

    def __init__(self, log_dir: Path) -> None:
        self.log_dir = log_dir
        self.server = start_fake_gcs(log_dir)
        self.port, self.data_dir, self.url = self.server.port, self.server.data_dir, self.server.url
        self.client = storage_client_at(self.url)
        for bucket in (FAULT_BUCKET, CANDLES_BUCKET):
            self.client.create_bucket(bucket)

    def stop(self) -> None:
        """An outage: the server stops, its data stays for :meth:`restart`."""
        self.server.stop(keep_data=True)

    def close(self) -> None:
        self.server.stop()  # and its data folder

    def restart(self) -> None:
        self.server.stop(keep_data=True)
        self.server = start_fake_gcs(self.log_dir, port=self.port, data_dir=self.data_dir, own_data=True)


@pytest.fixture(scope="module")
def private_gcs(reliability_logs) -> Iterator[GcsInstance]:
    instance = GcsInstance(reliability_logs / "private-gcs")
    try:
        yield instance
    finally:
        instance.close()


@pytest.fixture(scope="module")
def fn_private_gcs(reliability_logs, private_gcs, firestore_emulator) -> Iterator[ManagedServer]:
    server = start_function_server(reliability_logs / "fn-private-gcs", firestore_host=firestore_emulator.host_port,
                                   storage_url=private_gcs.url, bucket=FAULT_BUCKET,
                                   extra_env={"CHART_EXPORT_RETRY_BASE_SECONDS": "0.5"})
    try:
        yield server
    finally:
        server.stop()


def _assert_released_and_recovers(firestore_client, private_gcs, server, run_id, request, templates):
    step = step_of(firestore_client, run_id, STEP)
    assert step["status"] == "RUNNING" and step["outputs"]["execution"]["lease"]["attempt"] == 1
    # released: it may be reclaimed after the attempt's short hold, not in 600 s
    assert _epoch(step["outputs"]["execution"]["lease"]["expiresAt"]) <= time.time() + 1.0
    assert step["outputs"]["execution"]["attempts"][-1]["outcome"] == "released"
    lines = [e for e in read_log(server.log_path) if e.get("runId") == run_id]
    assert events(lines, "step_interrupted", reason="transient")
    assert events(lines, "lease_released", reason="released")

    private_gcs.restart()
    time.sleep(1.0)  # the release's hold (CHART_EXPORT_RETRY_BASE_SECONDS in the fixture)
    assert post(server.url, request) == 200
    final = step_of(firestore_client, run_id, STEP)
    assert final["status"] == "SUCCEEDED", final.get("error")
    assert final["outputs"]["execution"]["lease"]["attempt"] == 2
    names = object_generations(private_gcs.client, FAULT_BUCKET, f"charts/{run_id}/{STEP}/")
    assert set(names) == _expected_names(firestore_client, run_id, STEP, templates)
    assert not log_problems([e for e in read_log(server.log_path) if e.get("runId") == run_id])


def test_gcs_down_before_delivery_retries_bounded_then_503_and_recovers(private_gcs, fn_private_gcs,
                                                                         firestore_client, run_id):
    """fake-gcs-server stopped before the event arrives: the invocation claims, retries the
    candle read in-process with bounded backoff, releases its lease (expiresAt <= now, status
    stays RUNNING — a worker never writes READY) and answers 503 so Eventarc redelivers. With
    storage back (same port, same data) the redelivery reclaims at once (attempt 2) and
    succeeds."""
    templates = BUILTIN_TEMPLATE_IDS[:1]
    uri = upload_candles(private_gcs.client, f"runs/{run_id}/1d.json", candle_file(200))
    doc = store_run(firestore_client, run_id, flow_run(run_id, candle_uri=uri, templates=templates))
    request = ce.binary_protobuf(run_id, doc)
    private_gcs.stop()
    t0 = time.monotonic()
    status = post(fn_private_gcs.url, request)
    took = time.monotonic() - t0
    figure("gcs_down_before.retry_then_raise_seconds", round(took, 2))
    assert status == 503
    assert took < 60
    _assert_released_and_recovers(firestore_client, private_gcs, fn_private_gcs, run_id, request, templates)


@pytest.mark.slow
def test_gcs_down_mid_step_retries_bounded_then_503_and_recovers(private_gcs, fn_private_gcs, firestore_client,
                                                                  run_id):
    """fake-gcs-server stopped while the step is writing its PNGs: the failing write is
    retried in-process (bounded), the lease is released, 503; after storage returns the
    redelivery reclaims (attempt 2), writes every PNG and the manifest in its own claim folder,
    publishes, and removes attempt 1's PNGs — no orphan, no extra object."""
    templates = store_template_copies(firestore_client, f"ctpl_gcsdown_{run_id[-6:]}", 20)
    try:
        uri = upload_candles(private_gcs.client, f"runs/{run_id}/1d.json", candle_file(5000))
        doc = store_run(firestore_client, run_id, flow_run(run_id, candle_uri=uri, templates=tuple(templates)))
        request = ce.binary_protobuf(run_id, doc)
        result: dict[str, Any] = {}

        def deliver() -> None:
            result["status"] = post(fn_private_gcs.url, request)
            result["done"] = time.monotonic()

        worker = threading.Thread(target=deliver, daemon=True)
        worker.start()
        wait_until(lambda: events(read_log(fn_private_gcs.log_path), "chart_written", runId=run_id), timeout=30,
                   interval=0.01, what="the first PNG")
        private_gcs.stop()
        stopped = time.monotonic()
        worker.join(90)
        assert "status" in result, "the invocation did not return within 90 s of the storage outage"
        figure("gcs_down_mid_step.stop_to_503_seconds", round(result["done"] - stopped, 2))
        assert result["status"] == 503
        assert result["done"] - stopped < 60
        lines = [e for e in read_log(fn_private_gcs.log_path) if e.get("runId") == run_id]
        assert not events(lines, "manifest_written")
        _assert_released_and_recovers(firestore_client, private_gcs, fn_private_gcs, run_id, request, templates)
    finally:
        if private_gcs.server.proc is None:
            private_gcs.restart()
        delete_templates(firestore_client, templates)


class _CutFirestoreAfterManifest(GcsStore):
    """Writes normally; once the manifest is written, Firestore becomes unreachable."""

    def __init__(self, client: Any, bucket: str, proxy: TcpProxy) -> None:
        super().__init__(client, bucket)
        self.proxy = proxy

    def put(self, name: str, data: bytes, content_type: str, **kwargs: Any) -> Any:
        stored = super().put(name, data, content_type, **kwargs)
        if name.endswith("/manifest.json"):
            self.proxy.block()
        return stored


FIRESTORE_OUTAGE_BOUND_S = 40.0


@pytest.mark.slow
def test_firestore_unreachable_at_finalize_raises_transient_within_bound(firestore_emulator, firestore_client,
                                                                          gcs_client, charts_bucket, run_id):
    """Firestore becomes unreachable between export and finalize (every connection cut,
    new ones refused, right after the manifest is written). ``StepRunner.process`` must raise
    TransientError within a bounded time (the invocation then answers 503 and Eventarc
    redelivers) and nothing may be finalized.

    How: the runner's Firestore client goes through a TCP proxy to the session emulator, and
    the proxy "fails" instead of the emulator being stopped: the emulator is in-memory, so a
    stopped-and-restarted one would have lost the run document. This keeps the data, so the
    test also proves recovery: after the outage the step is still RUNNING with attempt 1
    (the release could not be written either, so the lease simply runs out) and a second
    worker reclaims it (attempt 2) and finishes SUCCEEDED.
    """
    proxy = TcpProxy(firestore_emulator.host_port).start()
    try:
        documents = firestore_client_at(proxy.host_port)
        runner = StepRunner(documents=documents, store=_CutFirestoreAfterManifest(gcs_client, charts_bucket, proxy),
                            templates=FirestoreTemplates(documents), lease_seconds=2.0, owner="worker-cut-off")
        uri = upload_candles(gcs_client, f"runs/{run_id}/1d.json", candle_file(200))
        store_run(firestore_client, run_id, flow_run(run_id, candle_uri=uri, templates=BUILTIN_TEMPLATE_IDS[:1]))

        outcome: dict[str, Any] = {}

        def run() -> None:
            try:
                outcome["result"] = runner.process(run_id, STEP, event_id="evt-firestore-outage")
            except BaseException as exc:  # noqa: BLE001 - recorded for the assertions
                outcome["error"] = exc
            outcome["done"] = time.monotonic()

        started = time.monotonic()
        thread = threading.Thread(target=run, daemon=True)
        thread.start()
        thread.join(FIRESTORE_OUTAGE_BOUND_S)
        if thread.is_alive():
            pytest.fail(
                f"StepRunner.process still blocked {FIRESTORE_OUTAGE_BOUND_S:.0f} s after Firestore became unreachable "
                "at finalize: each Firestore call runs google-api-core's default retry (DocumentReference.get -> "
                "BatchGetDocuments: 300 s deadline; update -> Commit: 60 s) before the module's own bounded "
                "WRITE_BACKOFF even sees an error. Pass retry=None and a timeout to ref.get()/ref.update()/get_all().")
        took = outcome["done"] - started
        figure("firestore_down_at_finalize.raise_seconds", round(took, 2))
        assert isinstance(outcome.get("error"), TransientError), outcome
        assert proxy.refused > 0  # the outage was real: connections were refused
    finally:
        proxy.close()

    step = step_of(firestore_client, run_id, STEP)  # the emulator itself never went away
    assert step["status"] == "RUNNING" and step["outputs"]["execution"]["lease"]["owner"] == "worker-cut-off"
    assert "finishedAt" not in step and "gcs_uri" not in step.get("outputs", {})
    time.sleep(max(0.0, _epoch(step["outputs"]["execution"]["lease"]["expiresAt"]) - time.time()) + 0.2)
    second = StepRunner(documents=firestore_client, store=GcsStore(gcs_client, charts_bucket),
                        templates=FirestoreTemplates(firestore_client), lease_seconds=30.0, owner="worker-second")
    result = second.process(run_id, STEP, event_id="evt-redelivered")
    assert result.status == "SUCCEEDED" and result.reason == "finalized"
    final = step_of(firestore_client, run_id, STEP)
    assert final["status"] == "SUCCEEDED" and final["outputs"]["execution"]["lease"]["attempt"] == 2


# ----------------------------------------------------------------------------------------
# 5. A finalize that lost its lease never overwrites the newer owner's result


@pytest.mark.parametrize("new_owner", ["finished", "still_running"])
def test_finalize_after_lost_lease_is_refused_and_keeps_new_owners_result(firestore_client, gcs_client,
                                                                          charts_bucket, run_id, new_owner):
    """Worker A claims with a 1 s lease and stalls (its candle read blocks) past expiry;
    worker B reclaims (attempt 2). When A wakes up — after B finished (``finished``) or while
    B still holds the step (``still_running``) — its lease deadline has passed, so it stops
    (``LeaseExpired``) and writes nothing, to the run document (same update_time and step
    map) or to storage; the step ends SUCCEEDED with B's lease and manifest URI. (A finalize
    that gets as far as the document is refused by the token: test_orchestration_emulator.)"""
    uri = upload_candles(gcs_client, f"runs/{run_id}/1d.json", candle_file(200))
    store_run(firestore_client, run_id, flow_run(run_id, candle_uri=uri, templates=BUILTIN_TEMPLATE_IDS[:1]))
    gates = {"worker-A": (threading.Event(), threading.Event()), "worker-B": (threading.Event(), threading.Event())}

    class StalledStore(GcsStore):
        """Candle reads wait for the test's go-ahead (a worker stalled mid-step)."""

        def __init__(self, owner: str) -> None:
            super().__init__(gcs_client, charts_bucket)
            self.reading, self.go = gates[owner]

        def read(self, uri: str, *, max_bytes: int) -> bytes:
            self.reading.set()
            assert self.go.wait(30)
            return super().read(uri, max_bytes=max_bytes)

    outcomes: dict[str, Any] = {}

    def start(owner: str) -> threading.Thread:
        runner = StepRunner(documents=firestore_client, store=StalledStore(owner),
                            templates=FirestoreTemplates(firestore_client), lease_seconds=1.0, owner=owner)
        def run() -> None:
            try:
                outcomes[owner] = runner.process(run_id, STEP)
            except TransientError as exc:
                outcomes[owner] = exc

        thread = threading.Thread(target=run, daemon=True)
        thread.start()
        assert gates[owner][0].wait(30)  # claimed, now stalled in the read
        return thread

    thread_a = start("worker-A")
    lease_a = step_of(firestore_client, run_id, STEP)["outputs"]["execution"]["lease"]
    assert lease_a["owner"] == "worker-A" and lease_a["attempt"] == 1
    time.sleep(max(0.0, _epoch(lease_a["expiresAt"]) - time.time()) + 0.2)

    thread_b = start("worker-B")
    lease_b = step_of(firestore_client, run_id, STEP)["outputs"]["execution"]["lease"]
    assert lease_b["owner"] == "worker-B" and lease_b["attempt"] == 2
    if new_owner == "finished":
        gates["worker-B"][1].set()
        thread_b.join(60)
        assert outcomes["worker-B"].status == "SUCCEEDED"
    before_a = run_snapshot(firestore_client, run_id)
    gates["worker-A"][1].set()
    thread_a.join(60)
    outcome_a = outcomes["worker-A"]
    assert isinstance(outcome_a, LeaseExpired), outcome_a
    after_a = run_snapshot(firestore_client, run_id)
    assert after_a.update_time == before_a.update_time  # A wrote nothing
    assert after_a.to_dict()["steps"][STEP] == before_a.to_dict()["steps"][STEP]

    gates["worker-B"][1].set()
    thread_b.join(60)
    outcome_b = outcomes["worker-B"]
    assert outcome_b.status == "SUCCEEDED"
    step = step_of(firestore_client, run_id, STEP)
    assert step["status"] == "SUCCEEDED"
    assert step["outputs"]["execution"]["lease"]["owner"] == "worker-B" and step["outputs"]["execution"]["lease"]["attempt"] == 2
    assert step["outputs"]["gcs_uri"] == outcome_b.manifest_uri == step["outputs"]["outputsManifestGcsUri"]


# ----------------------------------------------------------------------------------------
# 8. Logs


def test_function_logs_are_structured_and_never_carry_documents(fn_pair, firestore_client, gcs_client, run_id):
    """Every line a function process wrote (this test's deliveries and whatever the earlier
    tests sent to the same processes) is a Cloud Logging JSON object with an ``event``; each
    decision names ``eventId`` and ``runId``; a marker planted in unrelated fields of the run
    document and of the candle file, and credential-looking text, never appear."""
    server = fn_pair[1]
    uri = upload_candles(gcs_client, f"runs/{run_id}/1d.json", candles_with_secret(200))
    templates = (BUILTIN_TEMPLATE_IDS[0], "ctpl_does_not_exist_v1")
    doc = store_run(firestore_client, run_id,
                    with_secret(flow_run(run_id, candle_uri=uri, templates=templates, min_images=1)))
    assert post(server.url, ce.binary_protobuf(run_id, doc)) == 200
    assert post(server.url, ce.binary_protobuf(run_id, doc, body=b"\xff\xfe garbage")) == 200
    assert post(server.url, ce.binary_protobuf(run_id, doc, document="other/x")) == 200
    final = step_of(firestore_client, run_id, STEP)
    assert final["status"] == "SUCCEEDED"

    lines = [e for s in fn_pair for e in read_log(s.log_path)]
    mine = [e for e in lines if e.get("runId") == run_id]
    for name in ("step_claimed", "chart_written", "chart_failed", "manifest_written", "step_finalized", "event_done"):
        assert events(mine, name), name
    assert {e.get("reason") for e in events(lines, "event_rejected")} >= {"bad_protobuf", "wrong_collection"}
    assert not log_problems(lines)
    for server_ in fn_pair:
        assert SECRET_MARKER not in raw_text(server_.log_path)
    figure("logs.lines_checked", len(lines))
    figure("logs.events_seen", sorted({str(e.get("event")) for e in lines}))
