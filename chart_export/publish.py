"""The publish protocol: how a claim's charts become a step's result, and who may delete what.

**Who writes what, and when.**

1. A claim (:func:`~chart_export.orchestration.claim_step_transaction`) stamps a lease
   ``{token, attempt, expiresAt}`` on the step. Its *fence* — the moment it stops writing — is
   ``t0 + lease - margin`` where ``t0`` is read from the monotonic clock *before* the claim call,
   so the fence never outlasts the lease the document records, however late the claim's answer.
2. A claim writes objects only inside its own folder, ``charts/<runId>/<stepId>/<claimId>/``
   (``claimId`` = ``a<attempt>-<token prefix>``): its PNGs and its manifest, each created with
   ``if_generation_match=0`` — written once, never overwritten — and only before its fence. No
   one else writes there.
3. Publishing is one act: the finalize in Firestore, accepted only while the stored lease token
   is the claim's own (and the document is as read: ``update_time`` precondition), and only
   before the fence. It points ``outputs.gcs_uri`` / ``outputsManifestGcsUri`` (or a FAILED
   step's ``error.details.manifestGcsUri``) at the claim's manifest. A commit that fails with
   anything but a precondition conflict has an unknown outcome: the next decision re-reads.

**Who deletes what.**

4. Only the claim whose finalize committed deletes other claims' objects, after its commit
   (:func:`settle`): it lists the step's prefix, *then* re-reads the step, and only if the step
   is still final under its token deletes every listed object outside the published folder,
   each by the generation it listed. An object written after the listing is never touched, and
   a rerun that began before the listing shows in the re-read and stops the sweep. If the
   cleanup fails transiently the invocation asks for redelivery; the same event, redelivered,
   finds the step final under a lease carrying its id and settles again. A step that ended
   ``ATTEMPTS_EXHAUSTED`` publishes nothing: whoever ended it settles the whole prefix.
5. A claim that lost (a refused finalize or release, or a passed fence) deletes only its own
   objects, and only once a read shows the stored token is not its own
   (:meth:`ClaimWriter.discard_if_lost`): while the token is ours, a commit of ours may still
   be — or, in flight, become — what the step points to.
6. Nothing else deletes.

So the objects a final step names are never overwritten (2) and never deleted while it is final
(4 keeps the published folder, 5 deletes only in a folder no committed finalize names). None of
this rests on clocks. Clocks decide only whether two workers may run one step at once (a
reclaimer compares the holder's wall-clock ``expiresAt`` with its own clock: clock skew plus
claim latency must stay below the margin) and so how much work is wasted. One orphan remains
possible: a worker that dies while a write of its hangs past the winner's cleanup; it lies in a
folder no document names, and the next winner's settle of that step removes it.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from .errors import ErrorCode, StepFailure, TransientError
from .lease import Lease
from .orchestration import read_step
from .status import FAILED, SUCCEEDED
from .storage import ArtifactNames, ArtifactStore, PreconditionLost

log = logging.getLogger(__name__)

#: At most this long before the lease's expiry a worker stops writing.
MAX_SAFETY_MARGIN_SECONDS = 60.0
FINAL = frozenset({SUCCEEDED, FAILED})


class LeaseExpired(TransientError):
    """Our fence (lease minus the safety margin, from before the claim) has passed: stop
    writing. The invocation fails so the event is redelivered (a reclaim, if no one else took
    the step)."""


class CleanupIncomplete(TransientError):
    """The step is final, but a transient storage failure stopped the winner's cleanup:
    redelivery of the same event settles it (see rule 4)."""


def safety_margin(lease_seconds: float) -> float:
    """10 % of the lease, between 0.5 s and :data:`MAX_SAFETY_MARGIN_SECONDS`."""
    return min(MAX_SAFETY_MARGIN_SECONDS, max(0.5, lease_seconds * 0.1))


def fence_for(lease_seconds: float, started: float) -> float:
    """The monotonic moment a claim stops writing; ``started`` is read before the claim call."""
    return started + lease_seconds - safety_margin(lease_seconds)


class ClaimWriter:
    """The objects of one claim: write-once, inside the claim's folder, before the fence."""

    def __init__(self, store: ArtifactStore, lease: Lease, fence: float, *,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.store = store
        self.lease = lease
        self.fence = fence
        self._clock = clock
        self.written: dict[str, int] = {}

    def check(self, what: str = "write") -> None:
        remaining = self.fence - self._clock()
        if remaining <= 0:
            raise LeaseExpired(f"lease fence passed {-remaining:.1f}s ago; not going to {what}")

    def read(self, uri: str, *, max_bytes: int) -> bytes:
        return self.store.read(uri, max_bytes=max_bytes)

    def write(self, name: str, data: bytes, content_type: str) -> str:
        """Create ``name`` (a name inside this claim's folder); never overwrites."""
        self.check(f"write {name}")
        try:
            stored = self.store.put(name, data, content_type, if_generation_match=0)
        except PreconditionLost as exc:  # only this claim writes here: not a race, a broken invariant
            raise StepFailure(ErrorCode.GCS_WRITE_FAILED, f"{name} exists already; a claim writes each object once",
                              {"object": name}) from exc
        self.written[name] = stored.generation
        return stored.uri

    def discard_if_lost(self, ours: bool) -> list[str]:
        """Rule 5: delete what this claim wrote when a fresh read (``ours``: does the stored
        token still name this claim?) proved it lost. Best effort: the winner's settle covers
        a failure."""
        if ours or not self.written:
            return []
        try:
            return _delete_listed(self.store, dict(self.written))
        except Exception as exc:  # storage may be what failed us
            log.warning("could not delete this claim's objects; the winner's cleanup removes them",
                        extra={"event": "cleanup_failed", "reason": type(exc).__name__})
            return []


@dataclass(frozen=True, slots=True)
class Settled:
    removed: tuple[str, ...]
    #: ``settled``, ``nothing_listed``, or why the sweep stopped (``not_final_under_token``).
    reason: str


def settle(store: ArtifactStore, documents: Any, names: ArtifactNames, token: str | None, *,
           own_folder: str | None = None) -> Settled:
    """Rule 4: remove every object under the step's prefix but the published folder's — once the
    step, read *after* the listing, is final under the lease ``token``. ``own_folder``: the
    caller's claim folder (a listing with nothing else needs no read). Raises TransientError
    (storage or Firestore unavailable) or StepFailure (storage refused: 403, ...)."""
    listed = store.list(names.prefix)
    if not listed or (own_folder is not None and all(n.startswith(own_folder) for n in listed)):
        return Settled((), "nothing_listed")
    state = read_step(documents, names.run_id, names.step_id)
    if state.status not in FINAL or state.lease is None or token is None or state.lease.token != token:
        return Settled((), "not_final_under_token")
    keep = _published_folder(state.published, store, names)
    if keep == names.prefix:  # published by the previous version at the top of the prefix: keep all
        return Settled((), "published_at_prefix")
    doomed = {n: g for n, g in listed.items() if keep is None or not n.startswith(keep)}
    return Settled(tuple(_delete_listed(store, doomed)), "settled")


def _published_folder(uri: str | None, store: ArtifactStore, names: ArtifactNames) -> str | None:
    """The folder of the published manifest, when it lies under this step's prefix."""
    bucket = f"gs://{store.bucket}/"
    if not uri or not uri.startswith(bucket + names.prefix):
        return None
    return uri.removeprefix(bucket).rsplit("/", 1)[0] + "/"


def _delete_listed(store: ArtifactStore, listed: Mapping[str, int]) -> list[str]:
    return [name for name, generation in sorted(listed.items())
            if store.delete(name, if_generation_match=generation)]


__all__ = ["CleanupIncomplete", "ClaimWriter", "LeaseExpired", "Settled", "fence_for", "safety_margin", "settle"]
