"""Which ``CHART_EXPORT`` steps of a run this worker may run — pure, fast dict walking.

:func:`select_steps` never raises on a malformed run document: whatever it cannot read is
skipped and named in :attr:`Selection.problems`.

* ``eligible``: ``stepType == "CHART_EXPORT"``, ``status == "READY"`` and every id in
  ``dependsOn`` (missing ``dependsOn`` = no dependencies) names a step whose status is
  ``SUCCEEDED``.
* ``blocked``: READY chart steps with unmet dependencies (each with their status, or
  ``"MISSING"`` when the dependency step does not exist).
* ``expired_leases``: chart steps that are ``RUNNING`` with dependencies satisfied and a
  lease (``outputs.execution.lease``, or the previous version's step-level ``lease``) whose
  ``expiresAt`` is strictly before ``now`` — candidates a later delivery may reclaim. A
  RUNNING chart step whose lease is absent or unreadable is not a candidate and is reported
  in ``problems``.

Every tuple is sorted ascending by step id (plain code-point order), so selection is
deterministic.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from .lease import LEGACY_LEASE, Lease, execution_of
from .status import CHART_EXPORT, READY, RUNNING, SUCCEEDED
from .timeutil import to_utc, utc_now

__all__ = [
    "CHART_EXPORT",
    "MISSING",
    "BlockedStep",
    "EligibleStep",
    "ExpiredLease",
    "Selection",
    "select_steps",
    "unmet_dependencies",
]

#: Status reported for a dependency id that names no step.
MISSING = "MISSING"


@dataclass(frozen=True, slots=True)
class EligibleStep:
    step_id: str
    step: dict


@dataclass(frozen=True, slots=True)
class BlockedStep:
    step_id: str
    unmet: tuple[str, ...]  # dependency ids not SUCCEEDED, in dependsOn order (deduplicated)
    unmet_statuses: tuple[str, ...] = ()  # their statuses, parallel to ``unmet``; MISSING if absent

    @property
    def unmet_detail(self) -> dict[str, str]:
        return dict(zip(self.unmet, self.unmet_statuses, strict=False))


@dataclass(frozen=True, slots=True)
class ExpiredLease:
    step_id: str
    step: dict
    owner: str | None
    attempt: int | None
    expires_at: datetime


@dataclass(frozen=True, slots=True)
class Selection:
    eligible: tuple[EligibleStep, ...] = ()
    blocked: tuple[BlockedStep, ...] = ()
    problems: tuple[str, ...] = ()
    expired_leases: tuple[ExpiredLease, ...] = ()

    @property
    def has_work(self) -> bool:
        """True when there is something to claim (an eligible step or an expired lease)."""
        return bool(self.eligible or self.expired_leases)


def _status_of(steps: Mapping, dep_id: str) -> str:
    dep = steps.get(dep_id)
    if dep is None:
        return MISSING
    if not isinstance(dep, Mapping):
        return "INVALID"
    status = dep.get("status")
    return status if isinstance(status, str) else "INVALID"


def _short(x: Any) -> str:
    s = repr(x)
    return s if len(s) <= 80 else s[:77] + "..."


def unmet_dependencies(steps: Mapping, deps: Any) -> dict[str, str]:
    """Dependency id -> status for every id of ``deps`` whose step has not ``SUCCEEDED``
    (``MISSING`` when the run has no such step), in ``dependsOn`` order, each id once.
    Linear in ``len(deps)``: a run may list thousands. ``deps`` that is not a list of strings
    counts as one unmet, unreadable dependency."""
    if deps is None:
        return {}
    if not isinstance(deps, (list, tuple)) or not all(isinstance(d, str) for d in deps):
        return {"dependsOn": "INVALID"}
    unmet: dict[str, str] = {}
    for dep_id in deps:
        if dep_id not in unmet:
            status = _status_of(steps, dep_id)
            if status != SUCCEEDED:
                unmet[dep_id] = status
    return unmet


def select_steps(run: Any, *, now: datetime | None = None) -> Selection:
    """Classify the run's ``CHART_EXPORT`` steps; ``now`` (default: the current time) decides
    which leases have expired."""
    if not isinstance(run, Mapping):
        return Selection(problems=(f"run: not a map ({type(run).__name__})",))
    steps = run.get("steps")
    if steps is None:
        return Selection()
    if not isinstance(steps, Mapping):
        return Selection(problems=(f"steps: not a map ({type(steps).__name__})",))

    eligible: list[EligibleStep] = []
    blocked: list[BlockedStep] = []
    expired: list[ExpiredLease] = []
    problems: list[str] = []
    now_utc: datetime | None = None

    for step_id, step in steps.items():
        if not isinstance(step_id, str):
            problems.append(f"step {_short(step_id)}: id is not a string")
            continue
        if not isinstance(step, Mapping):
            problems.append(f"step {_short(step_id)}: not a map ({type(step).__name__})")
            continue
        if step.get("stepType") != CHART_EXPORT:
            continue
        status = step.get("status")
        if status != READY and status != RUNNING:
            continue

        deps = step.get("dependsOn")
        if deps is None:
            deps = ()
        elif not isinstance(deps, (list, tuple)):
            problems.append(f"step {_short(step_id)}: dependsOn is not a list ({type(deps).__name__})")
            continue
        elif not all(isinstance(d, str) for d in deps):
            problems.append(f"step {_short(step_id)}: dependsOn has a non-string entry")
            continue

        unmet = unmet_dependencies(steps, deps)

        if status == READY:
            if unmet:
                blocked.append(BlockedStep(step_id, tuple(unmet), tuple(unmet.values())))
            else:
                eligible.append(EligibleStep(step_id, step))
            continue

        # RUNNING: a reclaim candidate only if its lease is readable and expired.
        if unmet:
            continue
        if not isinstance(execution_of(step).get("lease"), Mapping) and not isinstance(step.get(LEGACY_LEASE), Mapping):
            problems.append(f"step {_short(step_id)}: RUNNING without a lease")
            continue
        lease = Lease.from_step(step)
        if lease is None:
            problems.append(f"step {_short(step_id)}: lease.expiresAt is not an RFC 3339 time")
            continue
        if now_utc is None:
            now_utc = to_utc(now) or utc_now()
        if lease.expired(now_utc):
            expired.append(ExpiredLease(step_id, step, lease.owner, lease.attempt, lease.expires_at))

    key = _by_id
    return Selection(
        eligible=tuple(sorted(eligible, key=key)),
        blocked=tuple(sorted(blocked, key=key)),
        problems=tuple(problems),
        expired_leases=tuple(sorted(expired, key=key)),
    )


def _by_id(x: EligibleStep | BlockedStep | ExpiredLease) -> str:
    return x.step_id
