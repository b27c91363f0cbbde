"""The minimal patches a worker writes to ``flow_runs/{runId}``: pure functions, no I/O.

Every patch is a dict of ``steps.<stepId>.…`` field paths (built with Firestore's ``FieldPath``,
so an id with ``:``, ``.`` or spaces stays one segment) — never a whole step, never ``steps``.
Where each one is written, and when, is :mod:`chart_export.orchestration`.
"""

from __future__ import annotations

import os
import secrets
import socket
from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Any

from .config import LEASE_ENV, setting
from .errors import ErrorCode, StepError
from .lease import EXECUTION, LEGACY_LEASE, LEGACY_STARTED_AT, Lease, attempts_of
from .status import FAILED, RUNNING, SUCCEEDED
from .timeutil import parse_rfc3339, rfc3339, to_utc, utc_now


_WORKER_ID = f"{socket.gethostname()}:{os.getpid()}:{secrets.token_hex(3)}"


def default_owner() -> str:
    """This process's worker id (host, pid and a random suffix; stable for the process)."""
    return _WORKER_ID


def step_field(step_id: str, *parts: str) -> str:
    """``steps.<stepId>.<parts>`` as a Firestore field path; odd ids are backtick-quoted."""
    from google.cloud.firestore_v1.field_path import FieldPath

    return FieldPath("steps", step_id, *parts).to_api_repr()


def delete_field() -> Any:
    from google.cloud.firestore_v1 import DELETE_FIELD

    return DELETE_FIELD


#: Firestore's limit on a field path; the longest path we write is ``outputs.outputsManifestGcsUri``.
MAX_FIELD_PATH_BYTES = 1500


def step_paths_fit(step_id: str) -> bool:
    """Whether every field path this module writes under ``step_id`` is within Firestore's limit
    (production refuses longer ones as invalid; retrying could never succeed)."""
    longest = step_field(step_id, "outputs", "outputsManifestGcsUri")
    return len(longest.encode("utf-8", "surrogatepass")) <= MAX_FIELD_PATH_BYTES


def as_timestamp(value: str | datetime) -> str:
    """Normalise to RFC 3339 UTC with ``Z``; a string that is not a timestamp raises ValueError.
    A moment we measured keeps its milliseconds; a caller's string keeps the precision it had."""
    if isinstance(value, datetime):
        return rfc3339(value, millis=True)
    return rfc3339(parse_rfc3339(value), millis="." in value)


def new_token() -> str:
    """A claim's own token: 128 random bits, hex."""
    return secrets.token_hex(16)


def build_claim_update(
    step_id: str,
    *,
    owner: str | None = None,
    attempt: int = 1,
    now: datetime | None = None,
    lease_seconds: float | None = None,
    token: str | None = None,
    event_id: str | None = None,
) -> dict[str, Any]:
    """Patch for ``READY -> RUNNING`` with a fresh lease (a clean start: see module doc)."""
    now = now or utc_now()
    lease = new_lease(owner, attempt, now, lease_seconds, token, event_id)
    return fresh_claim_patch(step_id, lease)


def new_lease(owner: str | None, attempt: int, now: datetime, lease_seconds: float | None,
               token: str | None, event_id: str | None) -> Lease:
    seconds = float(setting(LEASE_ENV)) if lease_seconds is None else lease_seconds
    return Lease(owner=owner or default_owner(), attempt=attempt, expires_at=now + timedelta(seconds=seconds),
                 token=token or new_token(), claimed_at=now, event_id=event_id)


def attempt_entry(lease: Lease) -> dict[str, Any]:
    entry: dict[str, Any] = {"attempt": lease.attempt, "claimedAt": rfc3339(lease.claimed_at or utc_now(), millis=True)}
    if lease.event_id:
        entry["eventId"] = lease.event_id
    return entry


def ended(entry: dict[str, Any], now: datetime, outcome: str, code: str | None = None,
           reason: str | None = None) -> dict[str, Any]:
    done = {**entry, "endedAt": rfc3339(now, millis=True), "outcome": outcome}
    if code:
        done["code"] = code
    if reason:
        done["reason"] = reason[:300]
    return done


def close_last(history: list[dict[str, Any]], now: datetime, outcome: str, code: str | None = None,
                reason: str | None = None) -> bool:
    """End the newest attempt of ``history`` (in place) unless it has ended; True if it was open."""
    if history and "outcome" not in history[-1]:
        history[-1] = ended(history[-1], now, outcome, code, reason)
        return True
    return False


def legacy_cleanup(step_id: str) -> dict[str, Any]:
    """Remove what the previous version wrote at step level (the contract forbids it)."""
    return {step_field(step_id, LEGACY_LEASE): delete_field(), step_field(step_id, LEGACY_STARTED_AT): delete_field()}


def fresh_claim_patch(step_id: str, lease: Lease) -> dict[str, Any]:
    gone = delete_field()
    return {
        step_field(step_id, "status"): RUNNING,
        step_field(step_id, "outputs", EXECUTION): {"lease": lease.to_firestore(), "attempts": [attempt_entry(lease)]},
        step_field(step_id, "error"): gone,
        step_field(step_id, "finishedAt"): gone,
        step_field(step_id, "outputs", "gcs_uri"): gone,
        step_field(step_id, "outputs", "outputsManifestGcsUri"): gone,
        **legacy_cleanup(step_id),
    }


def reclaim_patch(step_id: str, lease: Lease, history: list[dict[str, Any]], now: datetime) -> dict[str, Any]:
    close_last(history, now, "lease_expired")
    history.append(attempt_entry(lease))
    return {
        step_field(step_id, "outputs", EXECUTION, "lease"): lease.to_firestore(),
        step_field(step_id, "outputs", EXECUTION, "attempts"): history,
        **legacy_cleanup(step_id),
    }


def build_finalize_success_update(
    *, step_id: str, finished_at: str | datetime, outputs_manifest_gcs_uri: str
) -> dict[str, Any]:
    """Patch for ``RUNNING -> SUCCEEDED``; other ``outputs`` keys are left as they are."""
    return {
        step_field(step_id, "status"): SUCCEEDED,
        step_field(step_id, "finishedAt"): as_timestamp(finished_at),
        step_field(step_id, "outputs", "gcs_uri"): outputs_manifest_gcs_uri,
        step_field(step_id, "outputs", "outputsManifestGcsUri"): outputs_manifest_gcs_uri,
    }


def build_finalize_failure_update(*, step_id: str, finished_at: str | datetime, error: StepError) -> dict[str, Any]:
    """Patch for ``RUNNING -> FAILED``; ``error.details`` is always an object."""
    return {
        step_field(step_id, "status"): FAILED,
        step_field(step_id, "finishedAt"): as_timestamp(finished_at),
        step_field(step_id, "error"): error.to_dict(),
    }


def timing(step: Mapping[str, Any], lease: Lease | None, finished: datetime) -> dict[str, Any]:
    """``{startedAt, finishedAt, durationMs}``: from the first claim of this run of the step."""
    history = attempts_of(step)
    started = to_utc(history[0].get("claimedAt")) if history else None
    started = started or (lease.claimed_at if lease else None) or finished
    started = min(started, finished)
    return {"startedAt": rfc3339(started, millis=True), "finishedAt": rfc3339(finished, millis=True),
            "durationMs": int(round((finished - started).total_seconds() * 1000))}


def closing_patch(step_id: str, step: Mapping[str, Any], lease: Lease | None, finished: datetime,
                   outcome: str, code: str | None = None, reason: str | None = None) -> dict[str, Any]:
    """The execution record's closing lines: timing, and this attempt's outcome."""
    patch = {step_field(step_id, "outputs", EXECUTION, "timing"): timing(step, lease, finished)}
    history = attempts_of(step)
    if close_last(history, finished, outcome, code, reason):
        patch[step_field(step_id, "outputs", EXECUTION, "attempts")] = history
    return patch


def exhausted_patch(step_id: str, step: Mapping[str, Any], lease: Lease, moment: datetime, max_attempts: int,
                     outcome: str, reason: str | None = None) -> tuple[dict[str, Any], StepError]:
    """``RUNNING -> FAILED`` with ``ATTEMPTS_EXHAUSTED``: the newest attempt closed with ``outcome``,
    ``error.details.attempts`` listing every attempt, and the timing."""
    history = attempts_of(step)
    close_last(history, moment, outcome, reason=reason)
    error = exhausted_error(history, max_attempts)
    return {**build_finalize_failure_update(step_id=step_id, finished_at=moment, error=error),
            step_field(step_id, "outputs", EXECUTION, "timing"): timing(step, lease, moment),
            step_field(step_id, "outputs", EXECUTION, "attempts"): history}, error


def exhausted_error(history: list[dict[str, Any]], max_attempts: int) -> StepError:
    last = next((a for a in reversed(history) if a.get("code") or a.get("reason")), {})
    why = last.get("code") or last.get("outcome") or "unknown"
    return StepError(
        ErrorCode.ATTEMPTS_EXHAUSTED,
        f"gave up after {len(history)} attempts (CHART_EXPORT_MAX_ATTEMPTS={max_attempts}); last: {why}",
        {"maxAttempts": max_attempts, "attempts": history},
    )
