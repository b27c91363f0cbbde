"""The Cloud Function's logic: one Firestore-write CloudEvent in, eligible steps run.

``main.worker_chart_export`` is a thin wrapper around :func:`handle_cloud_event`. The fast
path — decode, select, return — creates no client and makes no network call, so the events
our own writes trigger cost well under a millisecond. Clients and the step runner are
created lazily, once per process, as Google advises for Cloud Functions.

Outcomes (what Eventarc sees):

* malformed or irrelevant event -> logged with a reason, acknowledged (returns);
* step finished (SUCCEEDED or FAILED) -> returns;
* transient failure -> raises, so Eventarc (``--retry``) redelivers; a redelivery after the
  step is final is a no-op;
* a step held by another live claim -> raises (a WARNING, never an ERROR) only when that
  claim came from this same event, whose redelivery chain is then the step's lifeline; for
  any other event the holder's own chain covers it, so it is acknowledged with a logged reason.
"""

from __future__ import annotations

import logging
import threading
import time
from typing import Any

from . import logs, tracing
from .config import ConfigError, Settings, load_settings
from werkzeug.exceptions import ServiceUnavailable

from .errors import TransientError
from .events import EventRejected, decode_event
from .selection import MISSING, select_steps

log = logging.getLogger(__name__)

_lock = threading.Lock()
_settings: Settings | None = None
_runner: Any = None


class RedeliveryRequested(TransientError, ServiceUnavailable):
    """Ask Eventarc to deliver this event again: functions-framework answers ``503`` for it
    without logging a stack trace (an HTTP error, not a crash), so Error Reporting counts
    only real bugs. The reason was already logged as a WARNING where it happened."""


class StepBusy(RedeliveryRequested):
    """A step this event made eligible is held by a claim that came from this same event.
    Redelivery later reclaims the step if that invocation died (its lease expires) and is a
    no-op if it finished."""


def startup(env: Any = None, *, exit_on_error: bool = False) -> Settings:
    """Validate configuration and set up logging; raise ConfigError (after one log line per
    problem) so a misconfigured deployment fails at start, not on its first event. With
    ``exit_on_error`` (``main.py``) the process exits with status 1 instead: the log lines
    say everything, and a traceback after them would only bury them."""
    global _settings
    try:
        settings = load_settings(env)
    except ConfigError as exc:
        logs.configure("INFO")
        for problem in exc.problems:
            log.critical("configuration error: %s", problem, extra={"event": "config_invalid", "reason": problem})
        if exit_on_error:
            raise SystemExit(1) from None
        raise
    logs.configure(settings.log_level)
    _settings = settings
    return settings


def _get_runner() -> Any:
    """The process-wide step runner (Firestore and Storage clients, renderer), made once."""
    global _runner
    if _runner is not None:
        return _runner
    with _lock:
        if _runner is None:
            settings = _settings or startup()
            from google.cloud import firestore, storage

            from .runner import FirestoreTemplates, StepRunner
            from .storage import GcsStore

            documents = firestore.Client(project=settings.project, database=settings.firestore_db)
            store = GcsStore(storage.Client(project=settings.project), settings.charts_bucket)
            _runner = StepRunner(
                documents=documents,
                store=store,
                templates=FirestoreTemplates(documents),
                max_candle_bytes=settings.max_candle_bytes,
                lease_seconds=settings.lease_seconds,
                max_attempts=settings.max_attempts,
                retry_base_seconds=settings.retry_base_seconds,
            )
    return _runner


def handle_cloud_event(event: Any, *, runner: Any = None, headers: Any = None) -> None:
    """Handle one event; ``headers`` (the HTTP request's) supply the trace headers when the
    event's own ``traceparent`` attribute is absent. Every line logged meanwhile carries the
    event's id and trace fields."""
    with logs.event_context({"eventId": _attr(event, "id"), **_trace_fields(event, headers)}):
        _handle_logged(event, runner)


def _trace_fields(event: Any, headers: Any) -> dict[str, Any]:
    """Cloud Logging's trace fields: the trace from the event's ``traceparent`` attribute, else
    the HTTP ``traceparent``, else Cloud Run's ``X-Cloud-Trace-Context``; the project from the
    configuration (``GOOGLE_CLOUD_PROJECT``/``GCP_PROJECT``), else the event's ``project``
    attribute (Firestore events carry it) — never the metadata server (no network call)."""
    settings = _settings
    project = (settings.project if settings else None) or _attr(event, "project")
    traceparent = _attr(event, "traceparent") or tracing.header(headers, "traceparent")
    return tracing.trace_fields(project=project if isinstance(project, str) else None, traceparent=traceparent,
                                cloud_trace_context=tracing.header(headers, "X-Cloud-Trace-Context"))


def _handle_logged(event: Any, runner: Any) -> None:
    try:
        _handle(event, runner)
    except RedeliveryRequested:
        raise
    except TransientError as exc:  # already logged (WARNING) where it happened; Eventarc redelivers
        raise RedeliveryRequested(str(exc)[:500]) from exc
    except Exception as exc:  # a bug: one JSON ERROR line with the stack trace, then a 500
        log.exception("unexpected error handling the event", extra={
            "event": "event_crashed", "eventId": _attr(event, "id"), "reason": type(exc).__name__})
        raise


def _handle(event: Any, runner: Any) -> None:
    started = time.perf_counter()
    event_id = _attr(event, "id")
    try:
        write = decode_event(event)
    except EventRejected as exc:
        log.warning("event rejected: %s", exc, extra={"event": "event_rejected", "eventId": event_id,
                                                      "reason": exc.reason})
        return
    if write is None:
        log.info("document deleted: nothing to do", extra={"event": "event_ignored", "eventId": event_id,
                                                           "reason": "deleted"})
        return
    ids = {"runId": write.run_id, "eventId": event_id}
    settings = _settings
    if settings is not None and write.database != settings.firestore_db:
        log.warning("event from another database ignored", extra={"event": "event_ignored", **ids,
                                                                  "reason": "wrong_database"})
        return

    selection = select_steps(write.value)
    for problem in selection.problems[:10]:
        log.warning("malformed run document: %s", problem, extra={"event": "run_malformed", **ids,
                                                                  "reason": problem})
    for blocked in selection.blocked[:10]:  # bounded: a run document may hold thousands of steps
        missing = [dep for dep, state in blocked.unmet_detail.items() if state == MISSING]
        if missing:  # it can never run: say so on every event, loudly (the orchestrator's bug)
            log.warning("READY step can never run: it depends on %s, which the run does not have",
                        ", ".join(repr(m) for m in missing),
                        extra={"event": "step_blocked", **ids, "stepId": blocked.step_id,
                               "reason": "missing_dependency", "missing": missing, "unmet": blocked.unmet_detail})
            continue
        log.info("step waits for its dependencies", extra={"event": "step_blocked", **ids,
                                                           "stepId": blocked.step_id, "reason": "dependencies",
                                                           "unmet": blocked.unmet_detail})
    if not selection.has_work:
        log.info("no eligible step", extra={"event": "event_ignored", **ids, "reason": "no_eligible_step",
                                            "decideMs": round((time.perf_counter() - started) * 1000, 3)})
        return

    runner = runner or _get_runner()
    step_ids = sorted({s.step_id for s in selection.eligible} | {s.step_id for s in selection.expired_leases})
    busy = []
    for step_id in step_ids:
        outcome = runner.process(write.run_id, step_id, event_id=event_id)
        if outcome.status == "SKIPPED" and outcome.reason == "lease_held":
            if _needs_redelivery(outcome.held_by_event, event_id):
                busy.append(step_id)
            else:
                log.info("step held by the claim of another event; that event's own redelivery covers it",
                         extra={"event": "step_busy", **ids, "stepId": step_id, "reason": "held_by_other_event"})
    log.info("event handled", extra={"event": "event_done", **ids, "steps": step_ids,
                                     "durationMs": round((time.perf_counter() - started) * 1000, 1)})
    if busy:
        log.warning("step held by this event's own earlier invocation; asking for redelivery", extra={
            "event": "step_busy", **ids, "steps": busy, "reason": "held_by_this_event"})
        raise StepBusy(f"steps held by another worker's unexpired lease: {busy}; redeliver later")


def _needs_redelivery(held_by_event: str | None, event_id: str | None) -> bool:
    """A held step needs this event redelivered only when the claim holding it came from this
    very event (its invocation may yet die, and this redelivery chain is the step's only way
    back) — or when we cannot tell (a claim recorded no event)."""
    return held_by_event is None or held_by_event == event_id


def _attr(event: Any, name: str) -> Any:
    try:
        return event[name]
    except Exception:
        return getattr(event, name, None)
