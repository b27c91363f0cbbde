"""The step statuses of the workflow's ``flow_run`` contract — one definition for everyone."""

from __future__ import annotations

from enum import StrEnum


class StepStatus(StrEnum):
    PENDING = "PENDING"
    READY = "READY"
    RUNNING = "RUNNING"
    SUCCEEDED = "SUCCEEDED"
    FAILED = "FAILED"
    SKIPPED = "SKIPPED"
    CANCELLED = "CANCELLED"


PENDING, READY, RUNNING = StepStatus.PENDING, StepStatus.READY, StepStatus.RUNNING
SUCCEEDED, FAILED = StepStatus.SUCCEEDED, StepStatus.FAILED
#: The step type this function runs.
CHART_EXPORT = "CHART_EXPORT"
