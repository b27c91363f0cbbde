"""The workflow's ``flow_run`` contract, as the tests hold us to it.

The schema is read from ``shared/reference/contracts`` (never copied into the project). A run
document is checked whole, with a format checker (``date-time`` needs ``rfc3339-validator``,
so an unchecked format cannot pass silently), and a chart step's ``outputs.execution.timing``
is checked against the timing shape the workflow fixed for every step.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[1]
CONTRACTS = REPO.parent / "shared" / "reference" / "contracts"
#: The two step-id forms real runs use.
STEP_IDS = ("charts:1M:ctpl_price_ma1226_vol_v1", "charts_1M_default_set_v1")
OHLCV_STEP = "ohlcv_1M_bigquery_all_v1"


@cache
def _validators() -> tuple[Any, Any]:
    from jsonschema import Draft202012Validator

    path = CONTRACTS / "flow_run.schema.json"
    if not path.exists():
        pytest.skip(f"the workflow's contract is not at {path}")
    schema = json.loads(path.read_text("utf-8"))
    checker = Draft202012Validator.FORMAT_CHECKER
    assert checker.conforms("2025-12-15T10:25:30Z", "date-time")
    assert not checker.conforms("2025-12-15 10:25:30", "date-time"), "date-time is not checked: install rfc3339-validator"
    timing = schema["$defs"]["llmReportStep"]["allOf"][1]["properties"]["outputs"]["properties"]["execution"][
        "properties"]["timing"]
    timing = {"$defs": schema["$defs"], **timing}
    return (Draft202012Validator(schema, format_checker=checker),
            Draft202012Validator(timing, format_checker=checker))


def contract_problems(doc: dict[str, Any]) -> list[str]:
    """Every way ``doc`` breaks the contract (empty when it validates)."""
    run_validator, timing_validator = _validators()
    problems = [f"{'/'.join(map(str, e.absolute_path))}: {e.message[:300]}" for e in run_validator.iter_errors(doc)]
    for step_id, step in (doc.get("steps") or {}).items():
        timing = ((step.get("outputs") or {}).get("execution") or {}).get("timing")
        if timing is not None:
            problems += [f"steps/{step_id}/outputs/execution/timing: {e.message}"
                         for e in timing_validator.iter_errors(timing)]
    return problems


def assert_valid(doc: dict[str, Any], stage: str) -> None:
    problems = contract_problems(doc)
    assert not problems, f"after {stage}: the run document breaks the workflow's contract:\n" + "\n".join(problems)


def valid_run(run_id: str, step_id: str, *, candle_uri: str, templates: tuple[str, ...] = ("ctpl_price_ma1226_vol_v1",),
              min_images: int = 1, status: str = "READY") -> dict[str, Any]:
    """A run document in the contract's current shape: an exported OHLCV step, our chart step
    and the LLM report that waits for both."""
    return {
        "schemaVersion": 1,
        "runId": run_id,
        "flowKey": "scheduled_month_week_report_v1",
        "status": "RUNNING",
        "createdAt": "2025-12-15T10:25:30Z",
        "trigger": {"type": "SCHEDULER", "source": "flow1-every-4h"},
        "scope": {"symbol": "BTCUSDT"},
        "steps": {
            OHLCV_STEP: {
                "stepType": "OHLCV_EXPORT", "status": "SUCCEEDED", "timeframe": "1M",
                "createdAt": "2025-12-15T10:25:31Z", "finishedAt": "2025-12-15T10:25:45Z", "dependsOn": [],
                "inputs": {"source": "bigquery", "symbol": "BTCUSDT", "timeframe": "1M", "exportMode": "all"},
                "outputs": {"gcs_uri": candle_uri},
            },
            step_id: {
                "stepType": "CHART_EXPORT", "status": status, "timeframe": "1M",
                "createdAt": "2025-12-15T10:25:46Z", "dependsOn": [OHLCV_STEP],
                "inputs": {"minImages": min_images, "requests": [{"chartTemplateId": t} for t in templates]},
                "outputs": {"keep": "yes"},
            },
            "llm_report_1M_month_summary_v1": {
                "stepType": "LLM_REPORT", "status": "PENDING", "timeframe": "1M",
                "createdAt": "2025-12-15T10:25:46Z", "dependsOn": [OHLCV_STEP, step_id],
                "inputs": {
                    "llm": {"promptId": "llm_prompt_1M_report_v1_0", "llmProfile": {"modelName": "gemini-2.0-flash"}},
                    "ohlcvStepId": OHLCV_STEP, "chartsManifestStepId": step_id,
                },
                "outputs": {},
            },
        },
    }
