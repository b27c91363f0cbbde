"""Fencing the artifacts: what a claim may write to Cloud Storage, and until when.

The lease fences the run document (:mod:`chart_export.orchestration`); this module fences the
objects, so that a stale worker — one whose lease ran out while it was stalled — can never
change what a finished step points to, and leaves nothing behind:

1. **Names per claim.** A claim's PNGs go under ``charts/<runId>/<stepId>/<claimId>/``; no
   other claim writes there, so no one overwrites the PNGs a manifest names.
2. **A generation precondition on the manifest.** ``manifest.json`` keeps its well-known
   name and is written with ``if_generation_match=0`` (it must not exist). If it does, the
   writer reads its generation and writes over exactly that one — but only while its own lease
   still holds (see 3): a newer claim can exist only once our lease expired, so what we replace
   is an older claim's manifest. A stale worker's write finds the newer claim's generation and
   is refused, and past its deadline it may not read and retry.
3. **A deadline.** Every write (and every read a precondition rests on) must finish before
   the lease's expiry minus a safety margin; past it the worker stops (:class:`LeaseExpired`),
   because a newer claim may be under way.
4. **Cleanup.** The claim that finalizes sweeps the step's prefix just before its finalize,
   deleting every object that is not its own — each delete preconditioned on the generation
   it listed, so it can never remove an object written after the listing. A worker that
   loses its claim (or passes its deadline) deletes what it wrote itself, again by generation.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Mapping

from .errors import TransientError
from .storage import ArtifactStore, PreconditionLost, StoredObject

log = logging.getLogger(__name__)

#: At most this long before the lease's expiry a worker stops writing.
MAX_SAFETY_MARGIN_SECONDS = 60.0


class LeaseExpired(TransientError):
    """Our lease's deadline (expiry minus the safety margin) has passed: stop writing. The
    invocation fails so the event is redelivered (a reclaim if no one else took the step)."""


def safety_margin(lease_seconds: float) -> float:
    """10 % of the lease, between 0.5 s and :data:`MAX_SAFETY_MARGIN_SECONDS`."""
    return min(MAX_SAFETY_MARGIN_SECONDS, max(0.5, lease_seconds * 0.1))


class FencedStore:
    """An :class:`ArtifactStore` for one claim: refuses to write past ``deadline`` (a
    ``time.monotonic`` value) and remembers what it wrote, by generation."""

    def __init__(self, store: ArtifactStore, deadline: float, *, clock: Callable[[], float] = time.monotonic) -> None:
        self.store = store
        self.deadline = deadline
        self._clock = clock
        self.written: dict[str, int] = {}

    def check(self, what: str = "write") -> None:
        remaining = self.deadline - self._clock()
        if remaining <= 0:
            raise LeaseExpired(f"lease deadline passed {-remaining:.1f}s ago; not going to {what}")

    def read(self, uri: str, *, max_bytes: int) -> bytes:
        return self.store.read(uri, max_bytes=max_bytes)

    def write(self, name: str, data: bytes, content_type: str) -> str:
        return self.put(name, data, content_type).uri

    def put(self, name: str, data: bytes, content_type: str, *, if_generation_match: int | None = None
            ) -> StoredObject:
        self.check(f"write {name}")
        stored = self.store.put(name, data, content_type, if_generation_match=if_generation_match)
        self.written[name] = stored.generation
        return stored

    def observe(self, name: str) -> int:
        """The object's generation, as a fence: it counts only if read within the lease."""
        generation = self.store.generation(name)
        self.check(f"rely on the generation of {name}")
        return generation

    def put_guarded(self, name: str, data: bytes, content_type: str, *, expected: int = 0,
                    tries: int = 3) -> StoredObject:
        """Write ``name`` if its generation is still ``expected`` (0: it does not exist). While
        our lease holds, a mismatch can only come from an older claim: read the generation
        again (the read counts only within the lease) and retry."""
        for _ in range(tries - 1):
            try:
                return self.put(name, data, content_type, if_generation_match=expected)
            except PreconditionLost:
                expected = self.observe(name)
        return self.put(name, data, content_type, if_generation_match=expected)

    def sweep(self, prefix: str) -> list[str]:
        """Delete every object under ``prefix`` that this claim did not write (see module doc)."""
        listed = self.store.list(prefix)
        self.check(f"sweep {prefix}")
        return _delete_listed(self.store, {n: g for n, g in listed.items() if self.written.get(n) != g})

    def discard_own(self) -> list[str]:
        """Delete what this claim wrote (best effort: the next claim's sweep covers a failure)."""
        try:
            return _delete_listed(self.store, dict(self.written))
        except Exception as exc:  # storage may be what failed us
            log.warning("could not delete this claim's objects; the next claim removes them",
                        extra={"event": "cleanup_failed", "reason": type(exc).__name__})
            return []


def sweep_all(store: ArtifactStore, prefix: str) -> list[str]:
    """Delete every object under ``prefix`` (as listed: by generation)."""
    return _delete_listed(store, store.list(prefix))


def _delete_listed(store: ArtifactStore, listed: Mapping[str, int]) -> list[str]:
    return [name for name, generation in sorted(listed.items())
            if store.delete(name, if_generation_match=generation)]


def deadline_for(lease_seconds: float, *, clock: Callable[[], float] = time.monotonic) -> float:
    return clock() + lease_seconds - safety_margin(lease_seconds)


__all__ = ["FencedStore", "LeaseExpired", "deadline_for", "safety_margin", "sweep_all"]
