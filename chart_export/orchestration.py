"""Claim and finalize a step of ``flow_runs/{runId}`` — safely under at-least-once delivery.

How a write is made safe (SPEC §3): read the run document, decide from that snapshot, then
``update`` a minimal patch of ``steps.<stepId>.…`` field paths with a precondition on the
snapshot's ``update_time``. If anyone wrote the document in between (another claimer, the
orchestrator, a sibling step's worker) the update fails, and we re-read and decide again,
with bounded jittered backoff. This replaced Firestore transactions on the run document,
which aborted with ``409 Too much contention`` in production even with a single writer.

Leases (:mod:`chart_export.lease`): a claim writes ``outputs.execution.lease`` with a token of
its own. A ``RUNNING`` step whose lease has expired (its worker died, or gave up and released
it with a back-off) may be claimed again with ``attempt + 1``; after
``CHART_EXPORT_MAX_ATTEMPTS`` attempts the step ends ``FAILED`` with ``ATTEMPTS_EXHAUSTED``
instead. A finalize or release that names its lease is refused once the stored token is not
its own, so a slow worker can never overwrite the newer owner's result. When a write's
response is lost (the commit may or may not have happened), the re-read recognises "the
lease or outcome I just wrote" by the token and reports success.

A claim from ``READY`` starts clean: it removes what the previous run of the step left
(``error``, ``finishedAt``, the manifest URIs, the old execution record, the previous
version's step-level ``lease``/``startedAt``); other ``outputs`` keys survive.

The functions accept a ``google.cloud.firestore.Client`` and also the small hand-made
stand-ins of the seed's acceptance scripts (no ``write_option``, no ``update_time``): those
get a plain ``update``. Data problems never raise: they come back as ``claimed/updated =
False`` with a ``reason``. Infrastructure failures that outlive the retries raise
:class:`~chart_export.errors.TransientError`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import Any

from .config import LEASE_ENV, MAX_ATTEMPTS_ENV, RETRY_BASE_ENV, setting
from .errors import StepError, TransientError
from .lease import EXECUTION, Lease, attempts_of
from .patches import (
    as_timestamp,
    build_claim_update,
    build_finalize_failure_update,
    build_finalize_success_update,
    close_last,
    closing_patch,
    default_owner,
    exhausted_patch,
    fresh_claim_patch,
    legacy_cleanup,
    new_lease,
    new_token,
    reclaim_patch,
    step_field,
    step_paths_fit,
)
from .retry import Backoff, retry_transient
from .selection import unmet_dependencies
from .status import FAILED, READY, RUNNING, SUCCEEDED
from .timeutil import parse_rfc3339, utc_now

__all__ = [
    "ClaimResult",
    "FinalizeResult",
    "Lease",
    "StepError",
    "build_claim_update",
    "build_finalize_failure_update",
    "build_finalize_success_update",
    "claim_step_transaction",
    "finalize_step",
    "read_step",
    "release_lease",
    "step_field",
]

log = logging.getLogger(__name__)

RUNS_COLLECTION = "flow_runs"

#: Re-read-and-retry schedule when the document changed under us or Firestore hiccuped.
WRITE_BACKOFF = Backoff(attempts=8, initial=0.05, multiplier=2.0, maximum=1.0, deadline=30.0)



def lease_seconds_from_env() -> float:
    return float(setting(LEASE_ENV))


def max_attempts_from_env() -> int:
    return int(setting(MAX_ATTEMPTS_ENV))


def retry_base_seconds_from_env() -> float:
    return float(setting(RETRY_BASE_ENV))


def release_hold_seconds(attempt: int, *, base: float, lease_seconds: float) -> float:
    """How long a released step rests before it may be reclaimed: ``base * 2**(attempt-1)``,
    at most one lease. Growing, so an outage (or an error misjudged as transient) costs a
    bounded number of run-document writes, and the attempt budget ends it."""
    return min(lease_seconds, base * 2 ** max(0, attempt - 1))


# ---------------------------------------------------------------------------------------
# Results


@dataclass(frozen=True, slots=True)
class ClaimResult:
    claimed: bool
    status: str | None
    reason: str
    lease: Lease | None = None
    #: The run document as read for the decision (what the claim's precondition guarded).
    run: Mapping[str, Any] | None = field(default=None, repr=False, compare=False)
    #: When the claim ended the step instead (``attempts_exhausted``): the error it wrote.
    error: StepError | None = None
    #: ``dependencies_unmet``: each dependency that has not SUCCEEDED, with its status.
    unmet: Mapping[str, str] | None = None


@dataclass(frozen=True, slots=True)
class FinalizeResult:
    updated: bool
    status: str | None
    reason: str
    #: The decision's read found the step's stored lease to be the caller's own claim (its
    #: token). A worker whose write was refused may delete its objects only when this is
    #: False: while the token is ours, a commit of ours may still be what the step points to.
    ours: bool = False


# ---------------------------------------------------------------------------------------
# Read, decide, conditionally write


@dataclass(frozen=True, slots=True)
class _Decision:
    update: dict[str, Any] | None  # None: nothing to write
    result: Any  # returned when update is None, or after the update is written


def _is_conflict(exc: BaseException) -> bool:
    """The precondition failed (the document changed since we read it), or Firestore aborted
    the write for contention (409, which ``Aborted`` is)."""
    from google.api_core import exceptions as api

    return isinstance(exc, (api.FailedPrecondition, api.Conflict))


#: Per-call bound for Firestore RPCs. google-api-core's own default retry would keep a call
#: going for minutes against an unreachable Firestore; we retry ourselves (``WRITE_BACKOFF``).
RPC_TIMEOUT = 10.0


def _rpc_options(ref: Any) -> dict[str, Any]:
    """``retry=None, timeout=…`` for real document references; the seed's stand-ins take none."""
    from google.cloud.firestore_v1.base_document import BaseDocumentReference

    return {"retry": None, "timeout": RPC_TIMEOUT} if isinstance(ref, BaseDocumentReference) else {}


def _read(ref: Any) -> tuple[Any, Mapping[str, Any] | None]:
    snapshot = ref.get(**_rpc_options(ref))
    if not getattr(snapshot, "exists", True):
        return snapshot, None
    data = snapshot.to_dict()
    return snapshot, data if isinstance(data, Mapping) else None


def _write(client: Any, ref: Any, snapshot: Any, update: dict[str, Any]) -> None:
    update_time = getattr(snapshot, "update_time", None)
    write_option = getattr(client, "write_option", None)
    if update_time is not None and callable(write_option):
        ref.update(update, option=write_option(last_update_time=update_time), **_rpc_options(ref))
    else:  # the seed's stand-ins: no update_time to guard on
        ref.update(update)


class _Changed(TransientError):
    """The conditional write lost a race: re-read and decide again (transient, so retried;
    if the document never stops changing, the invocation fails and is redelivered)."""


class _OutcomeUnknown(TransientError):
    """The write failed in a way that does not say whether it committed (a lost response,
    ``Unknown``, ``Cancelled``: "Stream removed" on commit): re-read and decide again with
    ``unsure=True``, which recognises our own commit by its token."""


def _rejected(exc: BaseException) -> bool:
    """Errors Firestore returns before a write can commit (the request itself was refused):
    their outcome is known — nothing was written — and retrying cannot help."""
    from google.api_core import exceptions as api

    return isinstance(exc, (api.InvalidArgument, api.PermissionDenied, api.NotFound, api.Unauthenticated,
                            api.OutOfRange, api.MethodNotImplemented))


def _outcome_unknown(exc: BaseException) -> bool:
    from google.api_core import exceptions as api

    from .errors import is_transient

    return isinstance(exc, api.GoogleAPIError) or is_transient(exc)


def _read_decide_write(
    client: Any, run_id: str, decide: Callable[[Mapping[str, Any] | None, bool], _Decision], what: str
) -> Any:
    """``decide(data, unsure)``: ``unsure`` is True once a write of this call failed in a way
    that leaves its outcome unknown (any error but a precondition conflict or a refused
    request): the re-read may show it committed, so we read before acting, never assume."""
    ref = client.collection(RUNS_COLLECTION).document(run_id)
    unsure = False

    def attempt() -> Any:
        nonlocal unsure
        snapshot, data = _read(ref)
        decision = decide(data, unsure)
        if decision.update is None:
            return decision.result
        try:
            _write(client, ref, snapshot, decision.update)
        except Exception as exc:
            if _is_conflict(exc):
                raise _Changed(f"{what}: run {run_id!r} kept changing under us ({exc})") from exc
            if _rejected(exc) or not _outcome_unknown(exc):
                raise
            unsure = True
            raise _OutcomeUnknown(f"{what}: outcome unknown ({type(exc).__name__}: {exc})") from exc
        return decision.result

    def on_retry(n: int, exc: BaseException, wait: float) -> None:
        log.info(
            "retrying %s",
            what,
            extra={"event": "firestore_retry", "runId": run_id, "attempt": n, "reason": type(exc).__name__,
                   "waitMs": round(wait * 1000, 1)},
        )

    return retry_transient(attempt, what=what, service="Firestore", backoff=WRITE_BACKOFF, on_retry=on_retry)


def _locate_step(data: Mapping[str, Any] | None, step_id: str) -> tuple[Mapping[str, Any] | None, str | None, str]:
    """(step, status, problem) — problem is '' when the step is readable."""
    if data is None:
        return None, None, "document_missing"
    steps = data.get("steps")
    if not isinstance(steps, Mapping):
        return None, None, "steps_not_a_map"
    if step_id not in steps:
        return None, None, "step_missing"
    step = steps[step_id]
    if not isinstance(step, Mapping):
        return None, None, "step_not_a_map"
    status = step.get("status")
    if not isinstance(status, str) or not status:
        return step, None, "status_missing"
    return step, status, ""


@dataclass(frozen=True, slots=True)
class StepState:
    """One step as a fresh read shows it: what the cleanup rules decide on."""

    status: str | None
    lease: Lease | None
    #: The manifest the step publishes: ``outputs.gcs_uri`` when SUCCEEDED,
    #: ``error.details.manifestGcsUri`` when FAILED with one; else None.
    published: str | None


def read_step(client: Any, run_id: str, step_id: str) -> StepState:
    """Read ``steps.<stepId>`` now (retried like every Firestore call here)."""
    ref = client.collection(RUNS_COLLECTION).document(run_id)

    def attempt() -> StepState:
        _, data = _read(ref)
        step, status, _problem = _locate_step(data, step_id)
        if step is None:
            return StepState(status, None, None)
        published = None
        if status == SUCCEEDED:
            outputs = step.get("outputs")
            published = outputs.get("gcs_uri") if isinstance(outputs, Mapping) else None
        elif status == FAILED:
            error = step.get("error")
            details = error.get("details") if isinstance(error, Mapping) else None
            published = details.get("manifestGcsUri") if isinstance(details, Mapping) else None
        return StepState(status, Lease.from_step(step), published if isinstance(published, str) else None)

    return retry_transient(attempt, what=f"read {step_id!r}", service="Firestore", backoff=WRITE_BACKOFF)


def claim_step_transaction(
    *,
    client: Any,
    run_id: str,
    step_id: str,
    owner: str | None = None,
    lease_seconds: float | None = None,
    now: Callable[[], datetime] = utc_now,
    event_id: str | None = None,
    max_attempts: int | None = None,
) -> ClaimResult:
    """Claim ``READY -> RUNNING`` (or take over a ``RUNNING`` step whose lease expired).

    Exactly one of any number of concurrent claimers gets ``claimed=True``. A step whose
    expired lease was its last allowed attempt is finalized ``FAILED`` (``ATTEMPTS_EXHAUSTED``)
    instead: ``claimed=False, status='FAILED', reason='attempts_exhausted'``. The name is the
    seed's; the mechanism is a preconditioned update, not a transaction (see module doc).
    """
    owner = owner or default_owner()
    token = new_token()
    limit = max_attempts or max_attempts_from_env()

    def decide(data: Mapping[str, Any] | None, unsure: bool) -> _Decision:
        step, status, problem = _locate_step(data, step_id)
        if problem:
            return _Decision(None, ClaimResult(False, status, problem, run=data))
        assert step is not None
        if not step_paths_fit(step_id):
            return _Decision(None, ClaimResult(False, status, "step_id_too_long", run=data))
        moment = now()
        previous = Lease.from_step(step)
        if status == RUNNING and previous is not None and previous.token == token:
            # Our own claim committed, but its response was lost: it is ours.
            return _Decision(None, ClaimResult(True, RUNNING, "claimed", lease=previous, run=data))
        # The event that brought us here may be old: the dependencies count as the document says now.
        unmet = unmet_dependencies(data.get("steps") or {}, step.get("dependsOn")) if data else {}
        blocked = ClaimResult(False, status, "dependencies_unmet", lease=previous, run=data, unmet=unmet)
        if status == READY:
            if unmet:
                return _Decision(None, blocked)
            lease = new_lease(owner, 1, moment, lease_seconds, token, event_id)
            return _Decision(fresh_claim_patch(step_id, lease),
                             ClaimResult(True, RUNNING, "claimed", lease=lease, run=data))
        if status != RUNNING:  # final (or a status we do not handle): who holds it says who published
            return _Decision(None, ClaimResult(False, status, "not_ready", lease=previous, run=data))
        if previous is None:
            return _Decision(None, ClaimResult(False, status, "running_without_lease", run=data))
        if not previous.expired(moment):
            return _Decision(None, ClaimResult(False, status, "lease_held", lease=previous, run=data))
        if previous.attempt is not None and previous.attempt >= limit:
            patch, error = exhausted_patch(step_id, step, previous, moment, limit, "lease_expired")
            return _Decision({**patch, **legacy_cleanup(step_id)},
                             ClaimResult(False, FAILED, "attempts_exhausted", lease=previous, run=data, error=error))
        if unmet:
            return _Decision(None, blocked)
        lease = new_lease(owner, previous.next_attempt, moment, lease_seconds, token, event_id)
        patch = reclaim_patch(step_id, lease, attempts_of(step), moment)
        return _Decision(patch, ClaimResult(True, RUNNING, "reclaimed_expired_lease", lease=lease, run=data))

    return _read_decide_write(client, run_id, decide, f"claim {step_id!r}")


def finalize_step(
    *,
    client: Any,
    run_id: str,
    step_id: str,
    status: str,
    finished_at: str | datetime,
    outputs_manifest_gcs_uri: str | None = None,
    error: StepError | None = None,
    lease: Lease | None = None,
) -> FinalizeResult:
    """``RUNNING -> SUCCEEDED|FAILED``; anything else (including a repeat) is a no-op.

    With ``lease``, the step must still be held by that claim (its token): a worker whose
    lease was taken over gets ``updated=False, reason='lease_lost'`` and writes nothing. The
    finalize then also closes the execution record (``timing``, the attempt's outcome).
    """
    if status == SUCCEEDED:
        if not outputs_manifest_gcs_uri:
            raise ValueError("finalize SUCCEEDED needs outputs_manifest_gcs_uri")
        update = build_finalize_success_update(
            step_id=step_id, finished_at=finished_at, outputs_manifest_gcs_uri=outputs_manifest_gcs_uri
        )
    elif status == FAILED:
        if error is None:
            raise ValueError("finalize FAILED needs an error")
        update = build_finalize_failure_update(step_id=step_id, finished_at=finished_at, error=error)
    else:
        raise ValueError(f"finalize status must be SUCCEEDED or FAILED, not {status!r}")
    finished = parse_rfc3339(as_timestamp(finished_at))
    code = error.code if error is not None else None

    def decide(data: Mapping[str, Any] | None, unsure: bool) -> _Decision:
        step, current, problem = _locate_step(data, step_id)
        if problem:
            return _Decision(None, FinalizeResult(False, current, problem))
        assert step is not None
        held = Lease.from_step(step) if lease is not None else None
        ours = held is not None and lease is not None and held.same_claim(lease)
        if current != RUNNING:
            if unsure and current == status and ours:
                return _Decision(None, FinalizeResult(True, status, "finalized", ours))  # our lost response
            return _Decision(None, FinalizeResult(False, current, "not_running", ours))
        if lease is None:
            return _Decision(update, FinalizeResult(True, status, "finalized"))
        if not ours:
            return _Decision(None, FinalizeResult(False, current, "lease_lost"))
        return _Decision({**update, **closing_patch(step_id, step, lease, finished, status, code)},
                         FinalizeResult(True, status, "finalized", True))

    return _read_decide_write(client, run_id, decide, f"finalize {step_id!r}")


def release_lease(
    *,
    client: Any,
    run_id: str,
    step_id: str,
    lease: Lease,
    now: Callable[[], datetime] = utc_now,
    hold_seconds: float = 0.0,
    reason: str | None = None,
) -> FinalizeResult:
    """Give our claim up after a transient failure; the step may be reclaimed after
    ``hold_seconds`` (status stays ``RUNNING``: a worker never writes ``READY``).

    The lease's expiry becomes ``now + hold_seconds`` and the attempt is recorded as
    ``released`` with ``reason``. The hold grows with the attempt (see
    :func:`release_hold_seconds`), so the write this makes — which triggers the function
    again — is a cheap no-op rather than the start of an immediate reclaim loop.
    """

    def decide(data: Mapping[str, Any] | None, unsure: bool) -> _Decision:
        step, current, problem = _locate_step(data, step_id)
        if problem:
            return _Decision(None, FinalizeResult(False, current, problem))
        assert step is not None
        held = Lease.from_step(step)
        ours = held is not None and held.same_claim(lease)
        if current != RUNNING or not ours:
            return _Decision(None, FinalizeResult(False, current, "lease_lost" if current == RUNNING else "not_running",
                                                  ours))
        moment = now()
        rest = replace(held, expires_at=moment + timedelta(seconds=hold_seconds))
        patch = {step_field(step_id, "outputs", EXECUTION, "lease"): rest.to_firestore()}
        history = attempts_of(step)
        if close_last(history, moment, "released", reason=reason):
            patch[step_field(step_id, "outputs", EXECUTION, "attempts")] = history
        return _Decision(patch, FinalizeResult(True, RUNNING, "released", True))

    return _read_decide_write(client, run_id, decide, f"release lease of {step_id!r}")


def fail_exhausted(
    *, client: Any, run_id: str, step_id: str, lease: Lease, max_attempts: int, reason: str,
    now: Callable[[], datetime] = utc_now,
) -> FinalizeResult:
    """The last allowed attempt failed for a transient reason: end the step ``FAILED`` with
    ``ATTEMPTS_EXHAUSTED`` (``error.details.attempts`` lists every attempt) instead of releasing."""

    def decide(data: Mapping[str, Any] | None, unsure: bool) -> _Decision:
        step, current, problem = _locate_step(data, step_id)
        if problem:
            return _Decision(None, FinalizeResult(False, current, problem))
        assert step is not None
        held = Lease.from_step(step)
        if held is None or not held.same_claim(lease):
            return _Decision(None, FinalizeResult(False, current, "lease_lost"))
        if current != RUNNING:
            landed = unsure and current == FAILED
            return _Decision(None, FinalizeResult(landed, current, "finalized" if landed else "not_running", True))
        patch, _ = exhausted_patch(step_id, step, held, now(), max_attempts, "transient_failure", reason)
        return _Decision(patch, FinalizeResult(True, FAILED, "attempts_exhausted", True))

    return _read_decide_write(client, run_id, decide, f"fail {step_id!r} (attempts exhausted)")
