"""The execution record a claim keeps under ``steps.<id>.outputs.execution``.

The workflow's contract allows no step-level field of ours, so everything about who runs a
step lives in ``outputs.execution`` (``outputs`` is open; the workflow reserved ``execution``
for worker metadata)::

    outputs.execution = {
      "lease":    {"token", "owner", "attempt", "claimedAt", "expiresAt", "eventId"},
      "attempts": [{"attempt", "claimedAt", "endedAt"?, "outcome"?, "code"?, "reason"?}, ...],
      "timing":   {"startedAt", "finishedAt", "durationMs"},   # written when the step ends
    }

* ``token`` is random per claim: the fence. A worker may write only while the stored token is
  its own, and recognises "the lease or outcome I just wrote" by it after a lost response.
* ``attempt`` counts claims since the step last became ``READY`` (the budget of
  ``CHART_EXPORT_MAX_ATTEMPTS``); ``attempts`` is that budget's history, for ``error.details``.
* ``eventId`` is the CloudEvent whose invocation holds the claim: only that event's
  redeliveries need a 500 while the lease is held.

One reader for the pure step selection and for the claim/finalize decisions, so they never
disagree on whether a lease expired. Rollout: a step left ``RUNNING`` by the previous version
carries its lease at step level (``steps.<id>.lease = {owner, attempt, expiresAt}``); it is
read as a legacy lease (no token), honoured until it expires, and removed by the reclaim.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from .timeutil import rfc3339, to_utc

EXECUTION = "execution"
#: Where the previous version kept its lease (step level); read for rollout, never written.
LEGACY_LEASE = "lease"
LEGACY_STARTED_AT = "startedAt"


@dataclass(frozen=True, slots=True)
class Lease:
    owner: str | None  # None only when read from a garbled record
    attempt: int | None
    expires_at: datetime
    token: str | None = None  # None: a legacy (step-level) lease
    claimed_at: datetime | None = None
    event_id: str | None = None

    def to_firestore(self) -> dict[str, Any]:
        record: dict[str, Any] = {"token": self.token, "owner": self.owner, "attempt": self.attempt,
                                  "expiresAt": rfc3339(self.expires_at, millis=True)}
        if self.claimed_at is not None:
            record["claimedAt"] = rfc3339(self.claimed_at, millis=True)
        if self.event_id:
            record["eventId"] = self.event_id
        return record

    @property
    def legacy(self) -> bool:
        return self.token is None

    def expired(self, now: datetime) -> bool:
        """Strictly past its expiry: a lease expiring exactly ``now`` still holds."""
        return self.expires_at < now

    def same_claim(self, other: Lease) -> bool:
        """The same claim: same token (legacy leases, which have none, compare owner+attempt)."""
        if self.token is not None or other.token is not None:
            return self.token == other.token
        return (self.owner, self.attempt) == (other.owner, other.attempt)

    @property
    def next_attempt(self) -> int:
        return (self.attempt or 0) + 1

    @property
    def claim_id(self) -> str:
        """A short, name-safe id of this claim (``a<attempt>-<token prefix>``) for object names."""
        return f"a{self.attempt or 0}-{(self.token or 'legacy')[:10]}"

    @classmethod
    def from_step(cls, step: Mapping[str, Any]) -> Lease | None:
        """The lease recorded under ``step``; None when absent or its expiry is unreadable.

        ``outputs.execution.lease`` first; the previous version's step-level ``lease`` second."""
        record = execution_of(step).get("lease")
        if isinstance(record, Mapping):
            return cls._read(record, legacy=False)
        legacy = step.get(LEGACY_LEASE)
        return cls._read(legacy, legacy=True) if isinstance(legacy, Mapping) else None

    @classmethod
    def _read(cls, raw: Mapping[str, Any], *, legacy: bool) -> Lease | None:
        expires_at = to_utc(raw.get("expiresAt"))
        if expires_at is None:
            return None
        owner, attempt, token = raw.get("owner"), raw.get("attempt"), raw.get("token")
        event_id = raw.get("eventId")
        return cls(
            owner=owner if isinstance(owner, str) else None,
            attempt=attempt if type(attempt) is int else None,
            expires_at=expires_at,
            # A new-style record with a garbled token gets one no claimer can produce.
            token=None if legacy else (token if isinstance(token, str) and token else "<unreadable>"),
            claimed_at=to_utc(raw.get("claimedAt")),
            event_id=event_id if isinstance(event_id, str) else None,
        )


def execution_of(step: Mapping[str, Any]) -> Mapping[str, Any]:
    """``step.outputs.execution`` as a map (empty when absent or not a map)."""
    outputs = step.get("outputs")
    execution = outputs.get(EXECUTION) if isinstance(outputs, Mapping) else None
    return execution if isinstance(execution, Mapping) else {}


def attempts_of(step: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The attempt history (a copy; entries that are not maps are dropped)."""
    raw = execution_of(step).get("attempts")
    return [dict(a) for a in raw if isinstance(a, Mapping)] if isinstance(raw, list) else []
