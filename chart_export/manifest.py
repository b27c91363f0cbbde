"""The manifest a CHART_EXPORT step writes next to its PNGs (schemaVersion 1).

Built from what the step produced, validated against our copy of the contract
(``schemas/charts_outputs_manifest.schema.json``) before it is written, and kept under the
64 KiB the LLM_REPORT step accepts: if it would be larger, first the studies' drawings and
tables in ``meta`` (bulky geometry: a pivot study's 165 labelled levels), then per-item
``meta`` and failure details are dropped (the facts downstream needs — URIs, kinds, codes —
always stay). What was dropped is said: ``meta.shed`` lists the keys taken out.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

from .errors import ChartFailure, ErrorCode, StepFailure

SCHEMA_VERSION = 1
MAX_MANIFEST_BYTES = 64 * 1024


@dataclass(frozen=True, slots=True)
class ChartItem:
    chart_template_id: str
    kind: str
    generated_at: str
    png_gcs_uri: str
    meta: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        item = {
            "chartTemplateId": self.chart_template_id,
            "kind": self.kind,
            "generatedAt": self.generated_at,
            "png_gcs_uri": self.png_gcs_uri,
        }
        if self.meta:
            item["meta"] = self.meta
        return item


def failure_to_dict(failure: ChartFailure) -> dict[str, Any]:
    error: dict[str, Any] = {"code": failure.code, "message": failure.message}
    if failure.details:
        error["details"] = failure.details
    return {"request": {"chartTemplateId": failure.chart_template_id}, "error": error}


def build_manifest(
    *,
    run_id: str,
    step_id: str,
    created_at: str,
    symbol: str,
    timeframe: str,
    min_images: int,
    requested: list[str],
    items: list[ChartItem],
    failures: list[ChartFailure],
) -> dict[str, Any]:
    return {
        "schemaVersion": SCHEMA_VERSION,
        "runId": run_id,
        "stepId": step_id,
        "createdAt": created_at,
        "symbol": symbol,
        "timeframe": timeframe,
        "minImages": min_images,
        "requested": [{"chartTemplateId": t} for t in requested],
        "items": [i.to_dict() for i in items],
        "failures": [failure_to_dict(f) for f in failures],
    }


@cache
def _validator():
    import jsonschema

    schema = json.loads(
        resources.files("chart_export").joinpath("schemas/charts_outputs_manifest.schema.json").read_text("utf-8")
    )
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def validate_manifest(manifest: dict[str, Any]) -> None:
    """Raise StepFailure(MANIFEST_WRITE_FAILED) naming the first contract violation."""
    errors = sorted(_validator().iter_errors(manifest), key=lambda e: list(e.absolute_path))
    if errors:
        first = errors[0]
        where = "/".join(str(p) for p in first.absolute_path) or "(root)"
        raise StepFailure(
            ErrorCode.MANIFEST_WRITE_FAILED,
            f"manifest does not match its schema at {where}: {first.message}",
            {"path": where, "violations": len(errors)},
        )


def _dump(manifest: dict[str, Any]) -> bytes:
    return json.dumps(manifest, ensure_ascii=False, separators=(",", ":"), sort_keys=False).encode("utf-8")


BULKY_STUDY_KEYS = ("drawings", "tables")


def _shed_drawings(meta: Any) -> None:
    """Take the studies' drawings and tables out of one item's ``meta`` (in place), and say so."""
    if not isinstance(meta, dict) or not isinstance(meta.get("studies"), list):
        return
    shed = sorted({k for st in meta["studies"] if isinstance(st, dict) for k in BULKY_STUDY_KEYS
                   if st.pop(k, None) is not None})
    if shed:
        meta["shed"] = shed


def encode_manifest(manifest: dict[str, Any]) -> bytes:
    """Validate and serialise; shrink to fit ``MAX_MANIFEST_BYTES`` or fail clearly."""
    validate_manifest(manifest)
    data = _dump(manifest)
    if len(data) <= MAX_MANIFEST_BYTES:
        return data
    slim = json.loads(data)
    for item in slim["items"]:
        _shed_drawings(item.get("meta"))
    data = _dump(slim)
    if len(data) <= MAX_MANIFEST_BYTES:
        validate_manifest(slim)
        return data
    for item in slim["items"]:
        item.pop("meta", None)
    for failure in slim.get("failures", []):
        failure["error"].pop("details", None)
        failure["error"]["message"] = failure["error"]["message"][:200]
    data = _dump(slim)
    if len(data) > MAX_MANIFEST_BYTES:
        raise StepFailure(
            ErrorCode.MANIFEST_WRITE_FAILED,
            f"manifest is {len(data)} bytes even without meta, over the {MAX_MANIFEST_BYTES}-byte limit",
            {"bytes": len(data)},
        )
    validate_manifest(slim)
    return data
