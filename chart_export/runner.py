"""The step runner: claim a step, export its charts, write the manifest, finalize.

One code path for the cloud function and for ``run-local``: only the document client
(Firestore or a JSON file), the artifact store (GCS or a folder) and the template source
differ. Outcomes:

* permanent problems (bad inputs, bad candles, too few charts) -> the step is finalized
  ``FAILED`` with a code and the call returns normally;
* transient ones (storage or Firestore unavailable after retries) -> the lease is released
  (best effort) so a redelivery can take the step at once, and :class:`TransientError`
  propagates so Eventarc redelivers.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, Protocol

from .errors import ChartFailure, ErrorCode, StepError, StepFailure, TransientError
from .inputs import StepInputs, read_step_inputs
from .manifest import ChartItem, build_manifest, encode_manifest
from .orchestration import (
    FAILED,
    RPC_TIMEOUT,
    SUCCEEDED,
    ClaimResult,
    Lease,
    claim_step_transaction,
    finalize_step,
    release_lease,
)
from .retry import Backoff, retry_transient
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
        owner: str | None = None,
        clock: Callable[[], datetime] = utc_now,
    ) -> None:
        self.documents = documents
        self.store = store
        self.templates = templates
        self.max_candle_bytes = max_candle_bytes
        self.lease_seconds = lease_seconds
        self.owner = owner
        self.clock = clock

    # -- the whole step ------------------------------------------------------------------

    def process(self, run_id: str, step_id: str, *, event_id: str | None = None) -> StepOutcome:
        """Claim, export and finalize one step. Raises only TransientError."""
        ids = {"runId": run_id, "stepId": step_id, "eventId": event_id}
        started = time.perf_counter()
        claim: ClaimResult = claim_step_transaction(
            client=self.documents, run_id=run_id, step_id=step_id, owner=self.owner,
            lease_seconds=self.lease_seconds, now=self.clock,
        )
        claim_ms = _ms(started)
        if not claim.claimed:
            log.info("step not claimed: %s", claim.reason,
                     extra={"event": "claim_skipped", **ids, "reason": claim.reason, "status": claim.status,
                            "claimMs": claim_ms})
            return StepOutcome(step_id, "SKIPPED", claim.reason, timings_ms={"claim": claim_ms})
        assert claim.lease is not None and claim.run is not None
        log.info("claimed step (attempt %d)", claim.lease.attempt,
                 extra={"event": "step_claimed", **ids, "reason": claim.reason, "attempt": claim.lease.attempt,
                        "leaseExpiresAt": rfc3339(claim.lease.expires_at), "claimMs": claim_ms})
        try:
            return self._export_and_finalize(run_id, step_id, claim, ids, claim_ms)
        except TransientError as exc:
            self._release(run_id, step_id, claim.lease, ids)
            log.warning("step interrupted by a transient failure; asking for redelivery: %s", exc,
                        extra={"event": "step_interrupted", **ids, "reason": "transient", "error": str(exc)[:500]})
            raise
        except Exception as exc:  # a bug: never leave the step RUNNING, never crash the process
            log.exception("unexpected error while running the step", extra={"event": "step_crashed", **ids,
                                                                              "reason": type(exc).__name__})
            error = StepError(ErrorCode.INTERNAL_ERROR, f"unexpected error: {type(exc).__name__}: {exc}"[:1000],
                              {"exception": type(exc).__name__})
            result = finalize_step(client=self.documents, run_id=run_id, step_id=step_id, status=FAILED,
                                   finished_at=self.clock(), error=error, lease=claim.lease)
            return StepOutcome(step_id, FAILED if result.updated else "LOST", result.reason, error=error,
                               timings_ms={"claim": claim_ms})

    def _export_and_finalize(
        self, run_id: str, step_id: str, claim: ClaimResult, ids: dict[str, Any], claim_ms: float
    ) -> StepOutcome:
        timings = {"claim": claim_ms}
        t0 = time.perf_counter()
        export = _Export(None, [], [])
        error: StepError | None = None
        try:
            inputs = read_step_inputs(claim.run, step_id)
            names = ArtifactNames(run_id, step_id)
            export = self._export(run_id, step_id, inputs, names, ids, timings)
            if len(export.items) < inputs.min_images:
                error = _shortfall_error(inputs, export)
        except StepFailure as failure:  # raised before a manifest was written: nothing to point at
            error = failure.to_step_error()
        timings["export"] = _ms(t0)

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
                           tuple(export.items), tuple(export.failures), timings)

    # -- the export ------------------------------------------------------------------------

    def _export(
        self, run_id: str, step_id: str, inputs: StepInputs, names: ArtifactNames, ids: dict[str, Any],
        timings: dict[str, float],
    ) -> _Export:
        from .candles import parse_candles
        from .templates import builtin_template, parse_template

        t = time.perf_counter()
        raw = self.store.read(inputs.ohlcv_uri, max_bytes=self.max_candle_bytes)
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
                chart = self._render(template, candles, inputs)
                render_ms = _ms(t)
                name = names.png(symbol=inputs.symbol, timeframe=inputs.timeframe, template_id=template_id)
                uri = self.store.write(name, chart.png, "image/png")
            except StepFailure as failure:
                failures.append(ChartFailure(template_id, failure.code, failure.message, failure.details))
                log.warning("chart failed: %s", failure.message,
                            extra={"event": "chart_failed", **ids, "chartTemplateId": template_id,
                                   "code": failure.code, "durationMs": _ms(t)})
                continue
            meta = {**chart.meta, "template_source": "firestore" if template_id in stored else "builtin",
                    "render_ms": render_ms}
            items.append(ChartItem(template_id, template.description, rfc3339(self.clock()), uri, meta))
            log.info("chart written", extra={"event": "chart_written", **ids, "chartTemplateId": template_id,
                                             "bytes": len(chart.png), "renderMs": render_ms,
                                             "durationMs": _ms(t)})

        t = time.perf_counter()
        manifest = build_manifest(
            run_id=run_id, step_id=step_id, created_at=rfc3339(self.clock()), symbol=inputs.symbol,
            timeframe=inputs.timeframe, min_images=inputs.min_images, requested=list(inputs.template_ids),
            items=items, failures=failures,
        )
        data = encode_manifest(manifest)
        try:
            manifest_uri = self.store.write(names.manifest, data, "application/json")
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

    def _release(self, run_id: str, step_id: str, lease: Lease, ids: dict[str, Any]) -> None:
        try:
            released = release_lease(client=self.documents, run_id=run_id, step_id=step_id, lease=lease)
            log.info("lease released" if released.updated else "lease not released: %s" % released.reason,
                     extra={"event": "lease_released", **ids, "reason": released.reason})
        except Exception as exc:  # Firestore may be what is down; the lease then simply expires
            log.warning("could not release the lease; it will expire", extra={
                "event": "lease_release_failed", **ids, "reason": type(exc).__name__})


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
