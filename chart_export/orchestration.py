"""Claim and finalize a step of ``flow_runs/{runId}`` — safely under at-least-once delivery.

How a write is made safe (SPEC §3): read the run document, decide from that snapshot, then
``update`` a minimal patch of ``steps.<stepId>.…`` field paths with a precondition on the
snapshot's ``update_time``. If anyone wrote the document in between (another claimer, the
orchestrator, a sibling step's worker) the update fails, and we re-read and decide again,
with bounded jittered backoff. This replaced Firestore transactions on the run document,
which aborted with ``409 Too much contention`` in production even with a single writer.

Leases: a claim writes ``steps.<id>.lease = {owner, attempt, expiresAt}``. A ``RUNNING``
step whose lease has expired (its worker died) may be claimed again with ``attempt + 1``.
A finalize that names its lease is refused once another owner holds the step, so a slow
worker can never overwrite the newer owner's result. The lease length comes from
``CHART_EXPORT_LEASE_SECONDS`` (default 600 s; keep it above the function's timeout so a live
worker never loses its lease).

The functions accept a ``google.cloud.firestore.Client`` and also the small hand-made
stand-ins of the seed's acceptance scripts (no ``write_option``, no ``update_time``): those
get a plain ``update``. Data problems never raise: they come back as ``claimed/updated =
False`` with a ``reason``. Infrastructure failures that outlive the retries raise
:class:`~chart_export.errors.TransientError`.
"""

from __future__ import annotations

import logging
import os
import secrets
import socket
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from .errors import StepError, TransientError
from .lease import Lease
from .retry import Backoff, retry_transient
from .timeutil import parse_rfc3339, rfc3339, utc_now

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
    "release_lease",
    "step_field",
]

log = logging.getLogger(__name__)

RUNS_COLLECTION = "flow_runs"
READY, RUNNING, SUCCEEDED, FAILED = "READY", "RUNNING", "SUCCEEDED", "FAILED"
DEFAULT_LEASE_SECONDS = 600.0
LEASE_ENV = "CHART_EXPORT_LEASE_SECONDS"

#: Re-read-and-retry schedule when the document changed under us or Firestore hiccuped.
WRITE_BACKOFF = Backoff(attempts=8, initial=0.05, multiplier=2.0, maximum=1.0, deadline=30.0)

_WORKER_ID = f"{socket.gethostname()}:{os.getpid()}:{secrets.token_hex(3)}"


def default_owner() -> str:
    """This process's worker id (host, pid and a random suffix; stable for the process)."""
    return _WORKER_ID


def lease_seconds_from_env() -> float:
    raw = os.environ.get(LEASE_ENV)
    if raw is None or raw.strip() == "":
        return DEFAULT_LEASE_SECONDS
    value = float(raw)  # validated at startup by config; a bad value here is a bug
    if value <= 0:
        raise ValueError(f"{LEASE_ENV} must be > 0, got {raw!r}")
    return value


# ---------------------------------------------------------------------------------------
# Results and the lease


@dataclass(frozen=True, slots=True)
class ClaimResult:
    claimed: bool
    status: str | None
    reason: str
    lease: Lease | None = None
    #: The run document as read for the decision (what the claim's precondition guarded).
    run: Mapping[str, Any] | None = field(default=None, repr=False, compare=False)


@dataclass(frozen=True, slots=True)
class FinalizeResult:
    updated: bool
    status: str | None
    reason: str


# ---------------------------------------------------------------------------------------
# Minimal patches


def step_field(step_id: str, *parts: str) -> str:
    """``steps.<stepId>.<parts>`` as a Firestore field path; odd ids are backtick-quoted."""
    from google.cloud.firestore_v1.field_path import FieldPath

    return FieldPath("steps", step_id, *parts).to_api_repr()


#: Firestore's limit on a field path; the longest path we write is ``outputs.outputsManifestGcsUri``.
MAX_FIELD_PATH_BYTES = 1500


def step_paths_fit(step_id: str) -> bool:
    """Whether every field path this module writes under ``step_id`` is within Firestore's limit
    (production refuses longer ones as invalid; retrying could never succeed)."""
    longest = step_field(step_id, "outputs", "outputsManifestGcsUri")
    return len(longest.encode("utf-8", "surrogatepass")) <= MAX_FIELD_PATH_BYTES


def _as_timestamp(value: str | datetime) -> str:
    """Normalise to RFC 3339 UTC with ``Z``; a string that is not a timestamp raises ValueError."""
    return rfc3339(value if isinstance(value, datetime) else parse_rfc3339(value))


def build_claim_update(
    step_id: str,
    *,
    owner: str | None = None,
    attempt: int = 1,
    now: datetime | None = None,
    lease_seconds: float | None = None,
) -> dict[str, Any]:
    """Patch for ``READY|expired RUNNING -> RUNNING`` with a fresh lease."""
    now = now or utc_now()
    return _claim_patch(step_id, _new_lease(owner, attempt, now, lease_seconds), now)


def _new_lease(owner: str | None, attempt: int, now: datetime, lease_seconds: float | None) -> Lease:
    seconds = lease_seconds_from_env() if lease_seconds is None else lease_seconds
    return Lease(owner=owner or default_owner(), attempt=attempt, expires_at=now + timedelta(seconds=seconds))


def _claim_patch(step_id: str, lease: Lease, now: datetime) -> dict[str, Any]:
    return {
        step_field(step_id, "status"): RUNNING,
        step_field(step_id, "startedAt"): rfc3339(now),
        step_field(step_id, "lease"): lease.to_firestore(),
    }


def build_finalize_success_update(
    *, step_id: str, finished_at: str | datetime, outputs_manifest_gcs_uri: str
) -> dict[str, Any]:
    """Patch for ``RUNNING -> SUCCEEDED``; other ``outputs`` keys are left as they are."""
    return {
        step_field(step_id, "status"): SUCCEEDED,
        step_field(step_id, "finishedAt"): _as_timestamp(finished_at),
        step_field(step_id, "outputs", "gcs_uri"): outputs_manifest_gcs_uri,
        step_field(step_id, "outputs", "outputsManifestGcsUri"): outputs_manifest_gcs_uri,
    }


def build_finalize_failure_update(*, step_id: str, finished_at: str | datetime, error: StepError) -> dict[str, Any]:
    """Patch for ``RUNNING -> FAILED``; ``error.details`` is always an object."""
    return {
        step_field(step_id, "status"): FAILED,
        step_field(step_id, "finishedAt"): _as_timestamp(finished_at),
        step_field(step_id, "error"): error.to_dict(),
    }


# ---------------------------------------------------------------------------------------
# Read, decide, conditionally write


@dataclass(frozen=True, slots=True)
class _Decision:
    update: dict[str, Any] | None  # None: nothing to write
    result: Any  # returned when update is None, or after the update is written


def _is_conflict(exc: BaseException) -> bool:
    """The precondition failed: the document changed since we read it."""
    names = {cls.__name__ for cls in type(exc).__mro__}
    return bool(names & {"FailedPrecondition", "Conflict", "Aborted"})


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


def _read_decide_write(
    client: Any, run_id: str, decide: Callable[[Mapping[str, Any] | None], _Decision], what: str
) -> Any:
    ref = client.collection(RUNS_COLLECTION).document(run_id)

    def attempt() -> Any:
        snapshot, data = _read(ref)
        decision = decide(data)
        if decision.update is None:
            return decision.result
        try:
            _write(client, ref, snapshot, decision.update)
        except Exception as exc:
            if _is_conflict(exc):
                raise _Changed(f"{what}: run {run_id!r} kept changing under us ({exc})") from exc
            raise
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


def claim_step_transaction(
    *,
    client: Any,
    run_id: str,
    step_id: str,
    owner: str | None = None,
    lease_seconds: float | None = None,
    now: Callable[[], datetime] = utc_now,
) -> ClaimResult:
    """Claim ``READY -> RUNNING`` (or take over a ``RUNNING`` step whose lease expired).

    Exactly one of any number of concurrent claimers gets ``claimed=True``. The name is the
    seed's; the mechanism is a preconditioned update, not a transaction (see module doc).
    """
    owner = owner or default_owner()

    def decide(data: Mapping[str, Any] | None) -> _Decision:
        step, status, problem = _locate_step(data, step_id)
        if problem:
            return _Decision(None, ClaimResult(False, status, problem, run=data))
        assert step is not None
        if not step_paths_fit(step_id):
            return _Decision(None, ClaimResult(False, status, "step_id_too_long", run=data))
        moment = now()
        previous = Lease.from_step(step)
        if status == READY:
            reason, attempt = "claimed", (previous.next_attempt if previous else 1)
        elif status == RUNNING:
            if previous is None:
                return _Decision(None, ClaimResult(False, status, "running_without_lease", run=data))
            if not previous.expired(moment):
                return _Decision(None, ClaimResult(False, status, "lease_held", lease=previous, run=data))
            reason, attempt = "reclaimed_expired_lease", previous.next_attempt
        else:
            return _Decision(None, ClaimResult(False, status, "not_ready", run=data))
        lease = _new_lease(owner, attempt, moment, lease_seconds)
        return _Decision(_claim_patch(step_id, lease, moment), ClaimResult(True, RUNNING, reason, lease=lease, run=data))

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

    With ``lease``, the step must still be held by that owner and attempt: a worker whose
    lease was taken over gets ``updated=False, reason='lease_lost'`` and writes nothing.
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

    def decide(data: Mapping[str, Any] | None) -> _Decision:
        step, current, problem = _locate_step(data, step_id)
        if problem:
            return _Decision(None, FinalizeResult(False, current, problem))
        assert step is not None
        if current != RUNNING:
            return _Decision(None, FinalizeResult(False, current, "not_running"))
        if lease is not None:
            held = Lease.from_step(step)
            if held is None or not held.same_holder(lease):
                return _Decision(None, FinalizeResult(False, current, "lease_lost"))
        return _Decision(update, FinalizeResult(True, status, "finalized"))

    return _read_decide_write(client, run_id, decide, f"finalize {step_id!r}")


def release_lease(
    *, client: Any, run_id: str, step_id: str, lease: Lease, now: Callable[[], datetime] = utc_now
) -> FinalizeResult:
    """Expire our own lease now (status stays ``RUNNING``: a worker never writes ``READY``).

    Called when an invocation gives up for a transient reason, so the redelivery Eventarc
    makes can reclaim the step at once instead of waiting for the lease to run out.
    """

    def decide(data: Mapping[str, Any] | None) -> _Decision:
        step, current, problem = _locate_step(data, step_id)
        if problem:
            return _Decision(None, FinalizeResult(False, current, problem))
        assert step is not None
        held = Lease.from_step(step)
        if current != RUNNING or held is None or not held.same_holder(lease):
            return _Decision(None, FinalizeResult(False, current, "lease_lost" if current == RUNNING else "not_running"))
        expired = Lease(held.owner, held.attempt, now())
        return _Decision({step_field(step_id, "lease"): expired.to_firestore()},
                         FinalizeResult(True, RUNNING, "released"))

    return _read_decide_write(client, run_id, decide, f"release lease of {step_id!r}")
