"""The lease a claim records under a step: ``steps.<id>.lease = {owner, attempt, expiresAt}``.

One reader for both places that look at leases — the pure step selection (is there a step
whose worker died?) and the claim/finalize decisions — so they can never disagree about
whether a lease has expired. Only ``expiresAt`` must be readable: a lease whose owner or
attempt is garbled still expires, so its step can always be taken over.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from .timeutil import rfc3339, to_utc


@dataclass(frozen=True, slots=True)
class Lease:
    owner: str | None  # None only when read from a garbled record
    attempt: int | None
    expires_at: datetime

    def to_firestore(self) -> dict[str, Any]:
        return {"owner": self.owner, "attempt": self.attempt, "expiresAt": rfc3339(self.expires_at, millis=True)}

    def expired(self, now: datetime) -> bool:
        """Strictly past its expiry: a lease expiring exactly ``now`` still holds."""
        return self.expires_at < now

    def same_holder(self, other: Lease) -> bool:
        return (self.owner, self.attempt) == (other.owner, other.attempt)

    @property
    def next_attempt(self) -> int:
        return (self.attempt or 0) + 1

    @classmethod
    def from_step(cls, step: Mapping[str, Any]) -> Lease | None:
        """The lease recorded under ``step``; None when absent or its expiry is unreadable."""
        raw = step.get("lease")
        if not isinstance(raw, Mapping):
            return None
        expires_at = to_utc(raw.get("expiresAt"))
        if expires_at is None:
            return None
        owner, attempt = raw.get("owner"), raw.get("attempt")
        return cls(
            owner=owner if isinstance(owner, str) else None,
            attempt=attempt if type(attempt) is int else None,
            expires_at=expires_at,
        )
