"""Validate a CHART_EXPORT step's inputs; every message names the field that is wrong."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from .errors import ErrorCode, StepFailure
from .storage import check_segment, parse_gcs_uri

MAX_REQUESTS = 50  # one PNG each; also keeps the manifest far below 64 KiB
_TIMEFRAME = re.compile(r"^[A-Za-z0-9]{1,16}$")
MAX_SYMBOL_CHARS = 64


@dataclass(frozen=True, slots=True)
class StepInputs:
    timeframe: str
    symbol: str
    template_ids: tuple[str, ...]
    min_images: int
    ohlcv_uri: str


def _fail(field: str, message: str, **details: Any) -> StepFailure:
    return StepFailure(ErrorCode.VALIDATION_FAILED, f"{field}: {message}", {"field": field, **details})


def _candle_uri(run: Mapping[str, Any], step: Mapping[str, Any], inputs: Mapping[str, Any], timeframe: str) -> str:
    if "ohlcv_gcs_uri" in inputs and inputs["ohlcv_gcs_uri"] is not None:
        uri = inputs["ohlcv_gcs_uri"]
        parse_gcs_uri(uri, what="inputs.ohlcv_gcs_uri")
        return uri
    depends = step.get("dependsOn") or []
    if not isinstance(depends, Sequence) or isinstance(depends, str):
        raise _fail("dependsOn", "must be a list of step ids")
    steps = run.get("steps") or {}
    candidates = []
    for dep_id in depends:
        dep = steps.get(dep_id) if isinstance(dep_id, str) else None
        if isinstance(dep, Mapping) and dep.get("stepType") == "OHLCV_EXPORT":
            candidates.append((dep_id, dep))
    # Prefer the OHLCV export of this step's own timeframe when several are listed.
    candidates.sort(key=lambda c: c[1].get("timeframe") != timeframe)
    for dep_id, dep in candidates:
        outputs = dep.get("outputs")
        uri = outputs.get("gcs_uri") if isinstance(outputs, Mapping) else None
        if uri is not None:
            parse_gcs_uri(uri, what=f"steps[{dep_id!r}].outputs.gcs_uri")
            return uri
    raise StepFailure(
        ErrorCode.OHLCV_NOT_FOUND,
        "no candle file: set inputs.ohlcv_gcs_uri or depend on an OHLCV_EXPORT step with outputs.gcs_uri",
        {"dependsOn": [d for d in depends if isinstance(d, str)][:20]},
    )


def read_step_inputs(run: Mapping[str, Any], step_id: str) -> StepInputs:
    """The validated inputs of ``run.steps[step_id]`` (a CHART_EXPORT step)."""
    steps = run.get("steps")
    step = steps.get(step_id) if isinstance(steps, Mapping) else None
    if not isinstance(step, Mapping):
        raise _fail(f"steps[{step_id!r}]", "is not a map")
    inputs = step.get("inputs")
    if not isinstance(inputs, Mapping):
        raise _fail("inputs", "must be a map")

    timeframe = step.get("timeframe", inputs.get("timeframe"))
    if not isinstance(timeframe, str) or not _TIMEFRAME.fullmatch(timeframe):
        raise _fail("timeframe", f"must be a short alphanumeric string like '1M', '1d' or '4h', got {timeframe!r:.60}")

    scope = run.get("scope")
    symbol = scope.get("symbol") if isinstance(scope, Mapping) else None
    if not isinstance(symbol, str) or not symbol.strip() or len(symbol) > MAX_SYMBOL_CHARS:
        raise _fail("scope.symbol", f"must be a non-empty string of at most {MAX_SYMBOL_CHARS} characters")

    requests = inputs.get("requests")
    if not isinstance(requests, Sequence) or isinstance(requests, (str, bytes)) or not requests:
        raise _fail("inputs.requests", "must be a non-empty list of {chartTemplateId}")
    if len(requests) > MAX_REQUESTS:
        raise _fail("inputs.requests", f"has {len(requests)} entries; at most {MAX_REQUESTS} are allowed",
                    count=len(requests))
    template_ids: list[str] = []
    seen: dict[str, int] = {}
    for i, request in enumerate(requests):
        where = f"inputs.requests[{i}].chartTemplateId"
        if not isinstance(request, Mapping):
            raise _fail(f"inputs.requests[{i}]", "must be a map with chartTemplateId")
        template_id = check_segment(request.get("chartTemplateId"), where)  # it names an object
        if template_id in seen:
            raise _fail(where, f"duplicates inputs.requests[{seen[template_id]}] ({template_id!r})")
        seen[template_id] = i
        template_ids.append(template_id)

    min_images = inputs.get("minImages")
    if isinstance(min_images, bool) or not isinstance(min_images, int):
        raise _fail("inputs.minImages", f"must be an integer, got {type(min_images).__name__}")
    if not 0 <= min_images <= len(template_ids):
        raise _fail("inputs.minImages", f"must be between 0 and {len(template_ids)} (the number of requests), "
                    f"got {min_images}")

    uri = _candle_uri(run, step, inputs, timeframe)
    return StepInputs(timeframe, symbol.strip(), tuple(template_ids), min_images, uri)
