"""The step runner: claim a step, export its charts, write the manifest, finalize.

One code path for the cloud function and for ``run-local``: only the document client
(Firestore or a JSON file), the artifact store (GCS or a folder) and the template source
differ. Outcomes:

* permanent problems (bad inputs, bad candles, too few charts) -> the step is finalized
  ``FAILED`` with a code and the call returns normally;
* transient ones (storage or Firestore unavailable after retries) -> the lease is released
  with a growing hold (best effort) and :class:`TransientError` propagates so Eventarc
  redelivers; the redelivery reclaims the step once the hold is over. The last allowed
  attempt (``CHART_EXPORT_MAX_ATTEMPTS``) ends the step ``FAILED`` with
  ``ATTEMPTS_EXHAUSTED`` instead, so an outage can never loop for ever;
* our lease's fence passed (we were too slow, a newer claim may exist) -> we stop
  writing and raise so the event is redelivered.

What a claim may write and delete, and when, is :mod:`chart_export.publish`.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, Protocol

from .errors import ChartFailure, ErrorCode, StepError, StepFailure, TransientError
from .inputs import StepInputs, read_step_inputs
from .manifest import ChartItem, build_manifest, encode_manifest
from .orchestration import (
    RPC_TIMEOUT,
    ClaimResult,
    FinalizeResult,
    Lease,
    claim_step_transaction,
    fail_exhausted,
    finalize_step,
    lease_seconds_from_env,
    max_attempts_from_env,
    read_step,
    release_hold_seconds,
    release_lease,
    retry_base_seconds_from_env,
)
from .publish import FINAL, CleanupIncomplete, ClaimWriter, LeaseExpired, fence_for, settle
from .retry import Backoff, retry_transient
from .status import FAILED, SUCCEEDED
from .storage import ArtifactNames, ArtifactStore
from .timeutil import rfc3339, utc_now

log = logging.getLogger(__name__)

TEMPLATES_COLLECTION = "chart_templates"


class TemplateSource(Protocol):
    def fetch(self, template_ids: Sequence[str]) -> dict[str, dict[str, Any]]:
        """Stored template documents by id; ids with no stored document are simply absent."""


class FirestoreTemplates:
    """``chart_templates/{id}`` documents, all fetched in one round-trip."""

    def __init__(self, client: Any) -> None:
        self._client = client

    def fetch(self, template_ids: Sequence[str]) -> dict[str, dict[str, Any]]:
        refs = [self._client.collection(TEMPLATES_COLLECTION).document(t) for t in template_ids]

        def get_all() -> dict[str, dict[str, Any]]:
            found = self._client.get_all(refs, retry=None, timeout=RPC_TIMEOUT)
            return {s.id: s.to_dict() or {} for s in found if s.exists}

        return retry_transient(get_all, what="reading chart_templates", service="Firestore",
                               backoff=Backoff(attempts=4, initial=0.2, deadline=15))


class DirectoryTemplates:
    """``<dir>/<id>.json`` files (``run-local --templates DIR``)."""

    def __init__(self, directory: Path | None) -> None:
        self._dir = directory

    def fetch(self, template_ids: Sequence[str]) -> dict[str, dict[str, Any]]:
        found = {}
        for template_id in template_ids:
            path = self._dir / f"{template_id}.json" if self._dir else None
            if path is not None and path.is_file():
                found[template_id] = json.loads(path.read_text("utf-8"))
        return found


@dataclass(frozen=True, slots=True)
class StepOutcome:
    step_id: str
    status: str  # SUCCEEDED | FAILED | SKIPPED (not claimed) | LOST (lease lost at finalize)
    reason: str
    manifest_uri: str | None = None
    error: StepError | None = None
    items: tuple[ChartItem, ...] = ()
    failures: tuple[ChartFailure, ...] = ()
    timings_ms: dict[str, float] = field(default_factory=dict)
    #: When not claimed because another claim holds the step: the event that claim came from.
    held_by_event: str | None = None


@dataclass
class _Export:
    manifest_uri: str | None
    items: list[ChartItem]
    failures: list[ChartFailure]


class StepRunner:
    """Runs claimed CHART_EXPORT steps with the clients it is given — create one per process."""

    def __init__(
        self,
        *,
        documents: Any,
        store: ArtifactStore,
        templates: TemplateSource,
        max_candle_bytes: int = 64 * 1024 * 1024,
        lease_seconds: float | None = None,
        max_attempts: int | None = None,
        retry_base_seconds: float | None = None,
        owner: str | None = None,
        clock: Callable[[], datetime] = utc_now,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self.documents = documents
        self.store = store
        self.templates = templates
        self.max_candle_bytes = max_candle_bytes
        self.lease_seconds = lease_seconds_from_env() if lease_seconds is None else lease_seconds
        self.max_attempts = max_attempts_from_env() if max_attempts is None else max_attempts
        self.retry_base_seconds = retry_base_seconds_from_env() if retry_base_seconds is None else retry_base_seconds
        self.owner = owner
        self.clock = clock
        self.monotonic = monotonic

    # -- the whole step ------------------------------------------------------------------

    def process(self, run_id: str, step_id: str, *, event_id: str | None = None) -> StepOutcome:
        """Claim, export, publish and clean up one step (:mod:`chart_export.publish` is the
        protocol). Raises only TransientError."""
        ids = {"runId": run_id, "stepId": step_id, "eventId": event_id}
        started = time.perf_counter()
        fence_start = self.monotonic()  # before the claim call: the fence never outlasts the stored lease
        claim: ClaimResult = claim_step_transaction(
            client=self.documents, run_id=run_id, step_id=step_id, owner=self.owner,
            lease_seconds=self.lease_seconds, now=self.clock, event_id=event_id, max_attempts=self.max_attempts,
        )
        claim_ms = _ms(started)
        if not claim.claimed:
            return self._not_claimed(run_id, step_id, claim, ids, claim_ms)
        assert claim.lease is not None and claim.run is not None
        lease = claim.lease
        log.info("claimed step (attempt %d)", lease.attempt,
                 extra={"event": "step_claimed", **ids, "reason": claim.reason, "attempt": lease.attempt,
                        "leaseExpiresAt": rfc3339(lease.expires_at, millis=True), "claimMs": claim_ms})
        writer = ClaimWriter(self.store, lease, fence_for(self.lease_seconds, fence_start), clock=self.monotonic)
        try:
            outcome, result = self._export_and_finalize(run_id, step_id, claim, writer, ids, claim_ms)
        except LeaseExpired as exc:
            removed = writer.discard_if_lost(self._still_ours(run_id, step_id, lease))
            log.warning("lease fence passed; stopped writing: %s", exc,
                        extra={"event": "step_interrupted", **ids, "reason": "lease_deadline",
                               "removed": len(removed)})
            raise
        except TransientError as exc:
            if (lease.attempt or 0) >= self.max_attempts:
                return self._give_up(run_id, step_id, lease, exc, ids, claim_ms)
            released = self._release(run_id, step_id, lease, exc, ids)
            writer.discard_if_lost(released is None or released.ours)
            log.warning("step interrupted by a transient failure; asking for redelivery: %s", exc,
                        extra={"event": "step_interrupted", **ids, "reason": "transient", "error": str(exc)[:500]})
            raise
        except Exception as exc:  # a bug: never leave the step RUNNING, never crash the process
            outcome, result = self._internal_error(run_id, step_id, lease, writer, exc, ids, claim_ms)
        if result.updated:  # our finalize committed: we are the winner, and clean up after others
            self._settle(run_id, step_id, lease, ids, own=True)
        else:
            writer.discard_if_lost(result.ours)
        return outcome

    def _not_claimed(self, run_id: str, step_id: str, claim: ClaimResult, ids: dict[str, Any],
                     claim_ms: float) -> StepOutcome:
        timings = {"claim": claim_ms}
        if claim.reason == "attempts_exhausted":  # the last attempt's worker died: this claim ended the step
            error = claim.error
            assert error is not None and claim.lease is not None
            log.warning("step FAILED: %s", error.message, extra={
                "event": "step_finalized", **ids, "status": FAILED, "reason": claim.reason, "code": error.code})
            self._settle(run_id, step_id, claim.lease, ids)
            return StepOutcome(step_id, FAILED, claim.reason, error=error, timings_ms=timings)
        if claim.status in FINAL and claim.lease is not None and self._settles_for(claim, ids["eventId"], step_id):
            # This event's claim published the step (or the step ended with nothing published):
            # a redelivery finishes the cleanup that claim may not have finished.
            self._settle(run_id, step_id, claim.lease, ids)
        extra = {"event": "claim_skipped", **ids, "reason": claim.reason, "status": claim.status, "claimMs": claim_ms}
        if claim.unmet:
            extra["unmet"] = dict(list(claim.unmet.items())[:10])
        log.info("step not claimed: %s", claim.reason, extra=extra)
        held_by = claim.lease.event_id if claim.lease is not None else None
        return StepOutcome(step_id, "SKIPPED", claim.reason, timings_ms=timings, held_by_event=held_by)

    @staticmethod
    def _settles_for(claim: ClaimResult, event_id: str | None, step_id: str) -> bool:
        assert claim.lease is not None
        if event_id is not None and claim.lease.event_id == event_id:
            return True
        step = (claim.run or {}).get("steps", {}).get(step_id, {})
        error = step.get("error") if isinstance(step, Mapping) else None
        return isinstance(error, Mapping) and error.get("code") == ErrorCode.ATTEMPTS_EXHAUSTED

    def _still_ours(self, run_id: str, step_id: str, lease: Lease) -> bool:
        """Does the step, read now, still carry our token? (True when it cannot be read: then
        we must not delete.)"""
        try:
            held = read_step(self.documents, run_id, step_id).lease
        except Exception:
            return True
        return held is not None and held.same_claim(lease)

    def _settle(self, run_id: str, step_id: str, lease: Lease, ids: dict[str, Any], *, own: bool = False) -> None:
        """Rule 4 of the protocol (``own``: ``lease`` is the claim this invocation ran). A
        transient failure asks for redelivery (which settles again); storage refusing for good
        is logged and leaves the step as it is."""
        try:
            names = ArtifactNames(run_id, step_id)
        except StepFailure:  # ids that name no object: nothing was ever written
            return
        try:
            settled = settle(self.store, self.documents, names, lease.token,
                             own_folder=names.claim_folder(lease.claim_id) if own else None)
        except TransientError as exc:
            log.warning("step is final, but removing lost claims' objects failed; asking for redelivery: %s", exc,
                        extra={"event": "cleanup_incomplete", **ids, "reason": "transient", "error": str(exc)[:300]})
            raise CleanupIncomplete(f"cleanup of {step_id!r} incomplete: {exc}") from exc
        except StepFailure as exc:
            log.error("step is final, but storage refused the cleanup of lost claims' objects: %s", exc.message,
                      extra={"event": "cleanup_failed", **ids, "reason": exc.code, "error": exc.message[:300]})
            return
        except Exception as exc:  # a bug in the cleanup must not undo a final step's answer
            log.exception("step is final, but the cleanup of lost claims' objects crashed", extra={
                "event": "cleanup_failed", **ids, "reason": type(exc).__name__})
            return
        if settled.removed:
            log.info("removed %d objects of lost claims", len(settled.removed), extra={
                "event": "objects_swept", **ids, "reason": settled.reason, "removed": len(settled.removed)})

    def _export_and_finalize(
        self, run_id: str, step_id: str, claim: ClaimResult, writer: ClaimWriter, ids: dict[str, Any],
        claim_ms: float,
    ) -> tuple[StepOutcome, FinalizeResult]:
        assert claim.lease is not None
        timings = {"claim": claim_ms}
        t0 = time.perf_counter()
        export = _Export(None, [], [])
        error: StepError | None = None
        try:
            names = ArtifactNames(run_id, step_id)
            inputs = read_step_inputs(claim.run, step_id)
            export = self._export(run_id, step_id, inputs, names, claim.lease, writer, ids, timings)
            if len(export.items) < inputs.min_images:
                error = _shortfall_error(inputs, export)
        except StepFailure as failure:  # raised before a manifest was written: nothing to point at
            error = failure.to_step_error()
        timings["export"] = _ms(t0)

        writer.check("finalize")
        t1 = time.perf_counter()
        finished_at = self.clock()
        if error is None:
            result = finalize_step(client=self.documents, run_id=run_id, step_id=step_id, status=SUCCEEDED,
                                   finished_at=finished_at, outputs_manifest_gcs_uri=export.manifest_uri,
                                   lease=claim.lease)
        else:
            result = finalize_step(client=self.documents, run_id=run_id, step_id=step_id, status=FAILED,
                                   finished_at=finished_at, error=error, lease=claim.lease)
        timings["finalize"] = _ms(t1)
        status = (SUCCEEDED if error is None else FAILED) if result.updated else "LOST"
        extra = {"event": "step_finalized" if result.updated else "finalize_refused", **ids,
                 "status": status, "reason": result.reason, "images": len(export.items),
                 "failures": len(export.failures), "durationsMs": timings}
        if error is not None:
            extra["code"] = error.code
        if not result.updated:
            log.warning("finalize refused: %s", result.reason, extra=extra)
        elif error is None:
            log.info("step SUCCEEDED with %d charts", len(export.items), extra=extra)
        else:
            log.warning("step FAILED: %s: %s", error.code, error.message, extra=extra)
        return StepOutcome(step_id, status, result.reason, export.manifest_uri, error,
                           tuple(export.items), tuple(export.failures), timings), result

    def _internal_error(self, run_id: str, step_id: str, lease: Lease, writer: ClaimWriter, exc: Exception,
                        ids: dict[str, Any], claim_ms: float) -> tuple[StepOutcome, FinalizeResult]:
        log.exception("unexpected error while running the step", extra={"event": "step_crashed", **ids,
                                                                          "reason": type(exc).__name__})
        error = StepError(ErrorCode.INTERNAL_ERROR, f"unexpected error: {type(exc).__name__}: {exc}"[:1000],
                          {"exception": type(exc).__name__})
        writer.check("finalize")
        result = finalize_step(client=self.documents, run_id=run_id, step_id=step_id, status=FAILED,
                               finished_at=self.clock(), error=error, lease=lease)
        return StepOutcome(step_id, FAILED if result.updated else "LOST", result.reason, error=error,
                           timings_ms={"claim": claim_ms}), result

    # -- the export ------------------------------------------------------------------------

    def _export(
        self, run_id: str, step_id: str, inputs: StepInputs, names: ArtifactNames, lease: Lease,
        writer: ClaimWriter, ids: dict[str, Any], timings: dict[str, float],
    ) -> _Export:
        from .candles import parse_candles
        from .templates import builtin_template, parse_template

        t = time.perf_counter()
        raw = writer.read(inputs.ohlcv_uri, max_bytes=self.max_candle_bytes)
        candles = parse_candles(raw, source=inputs.ohlcv_uri, max_bytes=self.max_candle_bytes)
        del raw
        timings["candles"] = _ms(t)

        t = time.perf_counter()
        stored = self.templates.fetch(inputs.template_ids)
        timings["templates"] = _ms(t)

        items: list[ChartItem] = []
        failures: list[ChartFailure] = []
        for template_id in inputs.template_ids:
            t = time.perf_counter()
            try:
                doc = stored.get(template_id) or builtin_template(template_id)
                if doc is None:
                    raise StepFailure(ErrorCode.TEMPLATE_NOT_FOUND,
                                      f"template {template_id!r} is neither in chart_templates nor built in")
                template = parse_template(doc, template_id=template_id)
                if template.ignored:  # issue 17: named in a WARNING here and in the chart's meta
                    log.warning("template keys ignored: %s", ", ".join(template.ignored_keys), extra={
                        "event": "template_keys_ignored", **ids, "chartTemplateId": template_id,
                        "ignored": template.ignored_keys})
                chart = self._render(template, candles, inputs)
                render_ms = _ms(t)
                name = names.png(symbol=inputs.symbol, timeframe=inputs.timeframe, template_id=template_id,
                                 claim=lease.claim_id)
                uri = writer.write(name, chart.png, "image/png")
            except StepFailure as failure:
                failures.append(ChartFailure(template_id, failure.code, failure.message, failure.details))
                log.warning("chart failed: %s", failure.message,
                            extra={"event": "chart_failed", **ids, "chartTemplateId": template_id,
                                   "code": failure.code, "durationMs": _ms(t)})
                continue
            meta = {**chart.meta, "template_source": "firestore" if template_id in stored else "builtin",
                    "render_ms": render_ms}
            items.append(ChartItem(template_id, template.description, rfc3339(self.clock(), millis=True), uri, meta))
            log.info("chart written", extra={"event": "chart_written", **ids, "chartTemplateId": template_id,
                                             "bytes": len(chart.png), "renderMs": render_ms,
                                             "durationMs": _ms(t)})

        t = time.perf_counter()
        manifest = build_manifest(
            run_id=run_id, step_id=step_id, created_at=rfc3339(self.clock(), millis=True), symbol=inputs.symbol,
            timeframe=inputs.timeframe, min_images=inputs.min_images, requested=list(inputs.template_ids),
            items=items, failures=failures,
        )
        data = encode_manifest(manifest)
        try:
            manifest_uri = writer.write(names.manifest(lease.claim_id), data, "application/json")
        except StepFailure as failure:  # the store's GCS_WRITE_FAILED, for the manifest
            raise StepFailure(ErrorCode.MANIFEST_WRITE_FAILED, failure.message,
                              {**failure.details, **_failure_details(items, failures)}) from failure
        timings["manifest"] = _ms(t)
        log.info("manifest written", extra={"event": "manifest_written", **ids, "bytes": len(data),
                                            "durationMs": timings["manifest"]})
        return _Export(manifest_uri, items, failures)

    def _render(self, template: Any, candles: Any, inputs: StepInputs) -> Any:
        from .rendering import render_chart  # the process-wide renderer (reused figures)

        try:
            return render_chart(template, candles, symbol=inputs.symbol, timeframe=inputs.timeframe)
        except StepFailure:
            raise
        except Exception as exc:  # a rendering bug must cost one chart, not the step
            log.exception("renderer crashed", extra={"event": "render_crashed", "chartTemplateId": template.id})
            raise StepFailure(ErrorCode.RENDER_FAILED, f"rendering failed: {type(exc).__name__}: {exc}") from exc

    def _release(self, run_id: str, step_id: str, lease: Lease, exc: BaseException, ids: dict[str, Any]
                 ) -> FinalizeResult | None:
        """Give the claim up with a growing hold; None when Firestore could not be reached."""
        hold = release_hold_seconds(lease.attempt or 1, base=self.retry_base_seconds,
                                    lease_seconds=self.lease_seconds)
        try:
            released = release_lease(client=self.documents, run_id=run_id, step_id=step_id, lease=lease,
                                     now=self.clock, hold_seconds=hold, reason=_reason(exc))
        except Exception as exc2:  # Firestore may be what is down; the lease then simply expires
            log.warning("could not release the lease; it will expire", extra={
                "event": "lease_release_failed", **ids, "reason": type(exc2).__name__})
            return None
        log.info("lease released" if released.updated else "lease not released: %s" % released.reason,
                 extra={"event": "lease_released", **ids, "reason": released.reason,
                        "attempt": lease.attempt, "holdSeconds": hold})
        return released

    def _give_up(self, run_id: str, step_id: str, lease: Lease, exc: BaseException, ids: dict[str, Any],
                 claim_ms: float) -> StepOutcome:
        """The last allowed attempt failed transiently: end the step FAILED (ATTEMPTS_EXHAUSTED)."""
        result = fail_exhausted(client=self.documents, run_id=run_id, step_id=step_id, lease=lease,
                                max_attempts=self.max_attempts, reason=_reason(exc), now=self.clock)
        if not result.updated:
            log.warning("could not end the step: %s", result.reason, extra={
                "event": "finalize_refused", **ids, "reason": result.reason})
            return StepOutcome(step_id, "LOST", result.reason, timings_ms={"claim": claim_ms})
        log.warning("step FAILED after %d attempts: %s", lease.attempt, exc, extra={
            "event": "step_finalized", **ids, "status": FAILED, "reason": result.reason,
            "code": ErrorCode.ATTEMPTS_EXHAUSTED})
        self._settle(run_id, step_id, lease, ids)
        return StepOutcome(step_id, FAILED, result.reason, timings_ms={"claim": claim_ms},
                           error=StepError(ErrorCode.ATTEMPTS_EXHAUSTED, str(exc)[:500]))


def _reason(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}"[:300]


def _shortfall_error(inputs: StepInputs, export: _Export) -> StepError:
    codes = {f.code for f in export.failures}
    code = codes.pop() if len(codes) == 1 else ErrorCode.MIN_IMAGES_NOT_MET
    summary = "; ".join(f"{f.chart_template_id}: {f.message}" for f in export.failures[:5])
    return StepError(
        code=str(code),
        message=f"{len(export.items)} of {len(inputs.template_ids)} charts rendered, minImages is "
                f"{inputs.min_images}: {summary}"[:1500],
        details={"manifestGcsUri": export.manifest_uri, "minImages": inputs.min_images,
                 **_failure_details(export.items, export.failures)},
    )


def _failure_details(items: Sequence[ChartItem], failures: Sequence[ChartFailure]) -> dict[str, Any]:
    """What a FAILED step's ``error.details`` says about its charts: every per-chart failure."""
    return {
        "rendered": len(items),
        "failures": [
            {"chartTemplateId": f.chart_template_id, "code": f.code, "message": f.message[:500], "details": f.details}
            for f in failures
        ],
    }


def _ms(since: float) -> float:
    return round((time.perf_counter() - since) * 1000, 1)
