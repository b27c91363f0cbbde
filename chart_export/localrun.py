"""``run-local``: the step runner with no cloud at all.

A flow_run JSON file stands for Firestore (:class:`JsonDocumentClient` applies the very
patches the function would write, and the result is saved next to the outputs), a folder
stands for the bucket, and the ``--candles`` file stands for whatever candle URI the step
points at. From input validation to the manifest it is the function's own code path.
"""

from __future__ import annotations

import copy
import json
import logging
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .runner import DirectoryTemplates, StepOutcome, StepRunner
from .selection import select_steps
from .storage import LocalStore

log = logging.getLogger(__name__)

LOCAL_BUCKET = "local-charts"


class JsonDocumentClient:
    """A Firestore stand-in over in-memory documents: ``collection().document().get/update``,
    with ``update`` keys parsed as Firestore field paths (backtick-quoted segments included)."""

    def __init__(self, collections: dict[str, dict[str, dict[str, Any]]] | None = None) -> None:
        self.collections = collections or {}
        self.patches: list[dict[str, Any]] = []

    def collection(self, name: str) -> "_Collection":
        return _Collection(self, name)


@dataclass
class _Snapshot:
    exists: bool
    _data: dict[str, Any] | None

    def to_dict(self) -> dict[str, Any] | None:
        return copy.deepcopy(self._data)


@dataclass
class _Collection:
    client: JsonDocumentClient
    name: str

    def document(self, doc_id: str) -> "_Document":
        return _Document(self.client, self.name, doc_id)


@dataclass
class _Document:
    client: JsonDocumentClient
    collection: str
    doc_id: str

    def get(self, **_: Any) -> _Snapshot:
        data = self.client.collections.get(self.collection, {}).get(self.doc_id)
        return _Snapshot(data is not None, data)

    def update(self, patch: Mapping[str, Any], **_: Any) -> None:
        """Firestore's ``update`` semantics on the JSON copy, ``DELETE_FIELD`` included."""
        from google.cloud.firestore_v1 import DELETE_FIELD
        from google.cloud.firestore_v1.field_path import FieldPath

        doc = self.client.collections[self.collection][self.doc_id]
        for key, value in patch.items():
            *parents, leaf = FieldPath.from_string(key).parts
            node = doc
            for part in parents:
                node = node.setdefault(part, {})
            if value is DELETE_FIELD:
                node.pop(leaf, None)
            else:
                node[leaf] = copy.deepcopy(value)
        shown = {k: DELETED if v is DELETE_FIELD else v for k, v in patch.items()}
        self.client.patches.append({"document": f"{self.collection}/{self.doc_id}", "patch": shown})


#: How ``patches.json`` shows a field the patch deletes (Firestore's ``DELETE_FIELD``).
DELETED = "<DELETE_FIELD>"


@dataclass(frozen=True)
class LocalRun:
    outcomes: tuple[StepOutcome, ...]
    flow_run_out: Path
    store: LocalStore


def _stand_in_dependencies(run: dict[str, Any], step_id: str, candles: Path) -> list[str]:
    """Missing OHLCV dependencies of ``step_id`` become SUCCEEDED stand-ins for ``candles``."""
    steps = run.get("steps")
    step = steps.get(step_id) if isinstance(steps, dict) else None
    if not isinstance(step, dict):
        return []
    added = []
    for dep_id in step.get("dependsOn") or []:
        if isinstance(dep_id, str) and dep_id not in steps:
            steps[dep_id] = {"stepType": "OHLCV_EXPORT", "status": "SUCCEEDED",
                             "outputs": {"gcs_uri": f"gs://{LOCAL_BUCKET}/candles/{candles.name}"},
                             "note": f"run-local stand-in for {candles}"}
            added.append(dep_id)
    return added


def _read_flow_run(path: Path) -> Any:
    try:
        return json.loads(path.read_text("utf-8"))
    except json.JSONDecodeError as exc:
        raise ValueError(f"{path}: not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}") from None
    except UnicodeDecodeError as exc:
        raise ValueError(f"{path}: not UTF-8 text (byte {exc.start})") from None


def _check_candles(path: Path) -> None:
    """Validate the candle file up front, so a bad one is reported against the user's path
    (the step runner would name the ``gs://`` URI the file stands in for). Raises the
    parser's :class:`~chart_export.candles.CandleError` (``VALIDATION_FAILED``)."""
    from .candles import parse_candles

    parse_candles(path.read_bytes(), source=str(path))


def why_not_runnable(document: Mapping[str, Any], step_id: str, selection: Any) -> str:
    """Why the function would not run ``step_id`` of ``document`` now, in words."""
    step = document["steps"][step_id]
    step_type, status = step.get("stepType"), step.get("status")
    if step_type != "CHART_EXPORT":
        return f"its stepType is {step_type}; only CHART_EXPORT steps are run"
    blocked = next((b for b in selection.blocked if b.step_id == step_id), None)
    if blocked is not None:
        waits = ", ".join(f"{dep} ({state})" for dep, state in blocked.unmet_detail.items())
        return f"it waits for its dependencies: {waits}; each must be SUCCEEDED"
    if status == "RUNNING":
        return "it is RUNNING under a lease that has not expired (or has no readable lease)"
    problem = next((p for p in selection.problems if p.startswith(f"step {step_id!r}:")), None)
    if problem:  # e.g. dependsOn is not a list
        return problem
    return f"its status is {status}; only READY steps are run (set it to READY in the file to run it again)"


def run_local(
    *,
    flow_run: Path,
    candles: Path,
    out_dir: Path,
    step_id: str | None = None,
    templates_dir: Path | None = None,
    run_id: str | None = None,
    lease_seconds: float | None = None,
) -> LocalRun:
    """Run the chart steps of ``flow_run`` (or just ``step_id``) into ``out_dir``."""
    document = _read_flow_run(Path(flow_run))
    if not isinstance(document, dict):
        raise ValueError(f"{flow_run}: a flow_run document must be a JSON object")
    run_id = run_id or document.get("runId") or Path(flow_run).stem
    if not isinstance(run_id, str):
        raise ValueError(f"{flow_run}: runId must be a string")
    steps = document.get("steps")
    if not isinstance(steps, dict):
        raise ValueError(f"{flow_run}: steps must be a map")
    _check_candles(Path(candles))
    if step_id is not None:
        if not isinstance(steps.get(step_id), dict):
            raise ValueError(f"{flow_run}: no step {step_id!r} (steps: {', '.join(sorted(steps)[:10])})")
        targets = [step_id]
    else:
        targets = sorted(sid for sid, s in steps.items()
                         if isinstance(s, dict) and s.get("stepType") == "CHART_EXPORT" and s.get("status") == "READY")
    for target in targets:
        for dep in _stand_in_dependencies(document, target, Path(candles)):
            log.info("run-local: %s stands in for dependency %s", candles, dep,
                     extra={"event": "local_stand_in", "stepId": target, "dependency": dep})
    selection = select_steps(document)
    runnable = {s.step_id for s in selection.eligible} | {s.step_id for s in selection.expired_leases}
    skipped: dict[str, str] = {}
    if step_id is None:
        targets = [s.step_id for s in selection.eligible]
    elif step_id not in runnable:
        skipped[step_id] = why_not_runnable(document, step_id, selection)
        targets = []

    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    client = JsonDocumentClient({"flow_runs": {run_id: document}})
    store = LocalStore(out_dir, LOCAL_BUCKET, candles=Path(candles))
    runner = StepRunner(documents=client, store=store, templates=DirectoryTemplates(templates_dir), owner="run-local",
                        lease_seconds=lease_seconds)
    outcomes = tuple(runner.process(run_id, target) for target in targets) + tuple(
        StepOutcome(sid, "SKIPPED", reason) for sid, reason in skipped.items())
    flow_run_out = out_dir / "flow_run.json"
    flow_run_out.write_text(json.dumps(document, indent=2, ensure_ascii=False, default=str) + "\n", "utf-8")
    (out_dir / "patches.json").write_text(json.dumps(client.patches, indent=2, ensure_ascii=False, default=str) + "\n")
    return LocalRun(outcomes, flow_run_out, store)


__all__ = ["JsonDocumentClient", "LocalRun", "run_local"]
