"""chart_export.selection: which CHART_EXPORT steps of a run this worker may run."""

from __future__ import annotations

import copy
import json
import random
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chart_export.selection import (
    MISSING,
    BlockedStep,
    EligibleStep,
    ExpiredLease,
    Selection,
    select_steps,
)
from chart_export.timeutil import to_utc
from tests._cloudevents import run_document

NOW = datetime(2025, 12, 15, 12, 0, 0, tzinfo=UTC)
EXAMPLE = Path(__file__).resolve().parents[2] / "shared" / "reference" / "contracts" / "flow_run.example.json"


def ohlcv(status: str = "SUCCEEDED") -> dict:
    return {"stepType": "OHLCV_EXPORT", "status": status, "dependsOn": []}


def chart(status: str = "READY", deps: Any = ("ohlcv_export:1M",), **extra: Any) -> dict:
    step = {"stepType": "CHART_EXPORT", "status": status, "inputs": {"minImages": 1}}
    if deps is not None:
        step["dependsOn"] = list(deps) if isinstance(deps, tuple) else deps
    step.update(extra)
    return step


def lease(expires_at: Any, owner: str = "worker-a", attempt: int = 1) -> dict:
    return {"owner": owner, "attempt": attempt, "expiresAt": expires_at}


def ids(items) -> list[str]:
    return [x.step_id for x in items]


# --------------------------------------------------------------------------------------------
# Table-driven cases
# --------------------------------------------------------------------------------------------

CASES: list[tuple[str, dict, dict]] = [
    (
        "ready with satisfied dependency",
        {"ohlcv_export:1M": ohlcv(), "charts:1M:a": chart()},
        {"eligible": ["charts:1M:a"]},
    ),
    (
        "no dependsOn at all",
        {"charts:1M:a": chart(deps=None)},
        {"eligible": ["charts:1M:a"]},
    ),
    (
        "empty dependsOn",
        {"charts:1M:a": chart(deps=())},
        {"eligible": ["charts:1M:a"]},
    ),
    (
        "unmet dependency",
        {"ohlcv_export:1M": ohlcv("RUNNING"), "charts:1M:a": chart()},
        {"blocked": [("charts:1M:a", ("ohlcv_export:1M",), ("RUNNING",))]},
    ),
    (
        "missing dependency",
        {"charts:1M:a": chart(deps=("ohlcv_export:1M", "nope"))},
        {"blocked": [("charts:1M:a", ("ohlcv_export:1M", "nope"), (MISSING, MISSING))]},
    ),
    (
        "one of two deps unmet, duplicates collapsed",
        {"a": ohlcv(), "b": ohlcv("FAILED"), "c": chart(deps=("a", "b", "b"))},
        {"blocked": [("c", ("b",), ("FAILED",))]},
    ),
    (
        "dependency that is not a map",
        {"d": "oops", "c": chart(deps=("d",))},
        {"blocked": [("c", ("d",), ("INVALID",))], "problems": ["step 'd': not a map (str)"]},
    ),
    (
        "dependency without a status",
        {"d": {"stepType": "OHLCV_EXPORT"}, "c": chart(deps=("d",))},
        {"blocked": [("c", ("d",), ("INVALID",))]},
    ),
    (
        "other step types are not ours",
        {"o": {"stepType": "OHLCV_EXPORT", "status": "READY"}, "l": {"stepType": "LLM_REPORT", "status": "READY"}},
        {},
    ),
    (
        "other statuses are ignored",
        {f"c{i}": chart(s, deps=()) for i, s in enumerate(["PENDING", "SUCCEEDED", "FAILED", "SKIPPED", "CANCELLED", "ready", None, 3])},
        {},
    ),
    (
        "stepType must match exactly",
        {"c": {"stepType": "chart_export", "status": "READY"}},
        {},
    ),
    (
        "step that is not a map",
        {"x": ["list"], "y": None, "c": chart(deps=())},
        {"eligible": ["c"], "problems": ["step 'x': not a map (list)", "step 'y': not a map (NoneType)"]},
    ),
    (
        "dependsOn not a list",
        {"c": chart(deps="ohlcv_export:1M"), "d": chart(deps=())},
        {"eligible": ["d"], "problems": ["step 'c': dependsOn is not a list (str)"]},
    ),
    (
        "dependsOn with a non-string entry",
        {"c": chart(deps=["a", 3]), "a": ohlcv()},
        {"problems": ["step 'c': dependsOn has a non-string entry"]},
    ),
    (
        "ordering is ascending by id regardless of insertion order",
        {k: chart(deps=()) for k in ["charts:1w:b", "charts:1M:z", "charts:1M:a", "charts:1d:x.v1", "charts:15m:ü"]},
        {"eligible": ["charts:15m:ü", "charts:1M:a", "charts:1M:z", "charts:1d:x.v1", "charts:1w:b"]},
    ),
    (
        "expired lease is a reclaim candidate",
        {"o": ohlcv(), "c": chart("RUNNING", deps=("o",), lease=lease("2025-12-15T11:59:59Z"))},
        {"expired": [("c", "worker-a", 1)]},
    ),
    (
        "lease expiring exactly now is not expired",
        {"c": chart("RUNNING", deps=(), lease=lease("2025-12-15T12:00:00Z"))},
        {},
    ),
    (
        "live lease",
        {"c": chart("RUNNING", deps=(), lease=lease("2025-12-15T12:05:00Z"))},
        {},
    ),
    (
        "expired lease in another offset",
        {"c": chart("RUNNING", deps=(), lease=lease("2025-12-15T13:30:00+02:00", attempt=3))},
        {"expired": [("c", "worker-a", 3)]},
    ),
    (
        "expired lease as a Firestore timestamp (datetime)",
        {"c": chart("RUNNING", deps=(), lease=lease(NOW - timedelta(seconds=1)))},
        {"expired": [("c", "worker-a", 1)]},
    ),
    (
        "expired lease but dependency not satisfied",
        {"o": ohlcv("FAILED"), "c": chart("RUNNING", deps=("o",), lease=lease("2000-01-01T00:00:00Z"))},
        {},
    ),
    (
        "RUNNING without a lease",
        {"c": chart("RUNNING", deps=())},
        {"problems": ["step 'c': RUNNING without a lease"]},
    ),
    (
        "lease with an unreadable expiry",
        {"c": chart("RUNNING", deps=(), lease=lease("soon")), "d": chart("RUNNING", deps=(), lease={"owner": "w"})},
        {"problems": ["step 'c': lease.expiresAt is not an RFC 3339 time", "step 'd': lease.expiresAt is not an RFC 3339 time"]},
    ),
    (
        "lease owner/attempt of the wrong type are reported as None",
        {"c": chart("RUNNING", deps=(), lease={"owner": 5, "attempt": "2", "expiresAt": "2000-01-01T00:00:00Z"})},
        {"expired": [("c", None, None)]},
    ),
    (
        "mixed run",
        {
            "ohlcv_export:1M": ohlcv(),
            "ohlcv_export:1w": ohlcv("RUNNING"),
            "charts:1w:a": chart(deps=("ohlcv_export:1w",)),
            "charts:1M:b": chart(),
            "charts:1M:a": chart(),
            "charts:1M:old": chart("RUNNING", lease=lease("2025-12-15T11:00:00Z")),
            "llm_report:1M": {"stepType": "LLM_REPORT", "status": "READY", "dependsOn": ["charts:1M:a"]},
        },
        {
            "eligible": ["charts:1M:a", "charts:1M:b"],
            "blocked": [("charts:1w:a", ("ohlcv_export:1w",), ("RUNNING",))],
            "expired": [("charts:1M:old", "worker-a", 1)],
        },
    ),
]


@pytest.mark.parametrize(("steps", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_select_steps_table(steps: dict, expected: dict) -> None:
    run = {"runId": "r", "steps": steps}
    before = copy.deepcopy(run)
    sel = select_steps(run, now=NOW)
    assert ids(sel.eligible) == expected.get("eligible", [])
    assert [(b.step_id, b.unmet, b.unmet_statuses) for b in sel.blocked] == expected.get("blocked", [])
    assert [(e.step_id, e.owner, e.attempt) for e in sel.expired_leases] == expected.get("expired", [])
    assert list(sel.problems) == expected.get("problems", [])
    assert sel.has_work == bool(sel.eligible or sel.expired_leases)
    assert run == before  # pure: the run is not modified
    for e in sel.eligible:
        assert e.step is steps[e.step_id]
    for e in sel.expired_leases:
        assert e.step is steps[e.step_id] and e.expires_at < NOW and e.expires_at.tzinfo is not None


@pytest.mark.parametrize(
    ("run", "problems"),
    [
        (None, ("run: not a map (NoneType)",)),
        ([1, 2], ("run: not a map (list)",)),
        ({}, ()),
        ({"steps": None}, ()),
        ({"steps": []}, ("steps: not a map (list)",)),
        ({"steps": "READY"}, ("steps: not a map (str)",)),
        ({"steps": {3: chart(deps=())}}, ("step 3: id is not a string",)),
    ],
)
def test_malformed_runs_never_raise(run: Any, problems: tuple) -> None:
    assert select_steps(run, now=NOW) == Selection(problems=problems)


def test_long_ids_are_shortened_in_problems() -> None:
    sel = select_steps({"steps": {"x" * 500: 1}}, now=NOW)
    assert len(sel.problems) == 1 and len(sel.problems[0]) < 120


@pytest.mark.skipif(not EXAMPLE.exists(), reason="reference data (../shared) not present in this checkout")
def test_reference_example_run() -> None:
    run = json.loads(EXAMPLE.read_text())
    sel = select_steps(run, now=NOW)
    assert not sel.eligible and not sel.blocked and not sel.expired_leases
    assert sel.problems == ("step 'charts:1M:ctpl_default_v1': RUNNING without a lease",)
    run["steps"]["charts:1M:ctpl_default_v1"]["status"] = "READY"
    sel = select_steps(run, now=NOW)
    assert ids(sel.eligible) == ["charts:1M:ctpl_default_v1"] and sel.has_work


def test_twenty_step_run() -> None:
    run = run_document(20)
    assert len(run["steps"]) == 20
    sel = select_steps(run, now=NOW)
    assert sel == Selection()  # all chart steps SUCCEEDED: a no-op
    charts = sorted(k for k, v in run["steps"].items() if v["stepType"] == "CHART_EXPORT")
    # make every chart step READY, in a shuffled dict order
    items = list(run["steps"].items())
    random.Random(7).shuffle(items)
    run["steps"] = {k: (dict(v, status="READY") if v["stepType"] == "CHART_EXPORT" else v) for k, v in items}
    first = run["steps"][charts[0]]["dependsOn"][0]
    run["steps"][first] = dict(run["steps"][first], status="RUNNING")
    sel = select_steps(run, now=NOW)
    assert ids(sel.eligible) == charts[1:]
    assert sel.blocked == (BlockedStep(charts[0], (first,), ("RUNNING",)),)


def test_default_now_is_the_current_time() -> None:
    run = {
        "steps": {
            "past": chart("RUNNING", deps=(), lease=lease("2000-01-01T00:00:00Z")),
            "future": chart("RUNNING", deps=(), lease=lease("2999-01-01T00:00:00Z")),
        }
    }
    assert ids(select_steps(run).expired_leases) == ["past"]


def test_naive_now_is_utc() -> None:
    run = {"steps": {"c": chart("RUNNING", deps=(), lease=lease("2025-12-15T11:59:59Z"))}}
    assert ids(select_steps(run, now=NOW.replace(tzinfo=None)).expired_leases) == ["c"]


def test_result_types() -> None:
    run = {"steps": {"o": ohlcv("PENDING"), "a": chart(deps=()), "b": chart(deps=("o",)),
                     "c": chart("RUNNING", deps=(), lease=lease("2000-01-01T00:00:00Z", attempt=2))}}
    sel = select_steps(run, now=NOW)
    assert sel.eligible == (EligibleStep("a", run["steps"]["a"]),)
    assert sel.blocked[0].unmet_detail == {"o": "PENDING"}
    assert sel.expired_leases == (
        ExpiredLease("c", run["steps"]["c"], "worker-a", 2, datetime(2000, 1, 1, tzinfo=UTC)),
    )


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2025-12-15T10:00:00Z", datetime(2025, 12, 15, 10, tzinfo=UTC)),
        ("2025-12-15T10:00:00.123456789Z", datetime(2025, 12, 15, 10, 0, 0, 123456, tzinfo=UTC)),
        ("2025-12-15T12:00:00+02:00", datetime(2025, 12, 15, 10, tzinfo=UTC)),
        ("2025-12-15T10:00:00", datetime(2025, 12, 15, 10, tzinfo=UTC)),
        (datetime(2025, 12, 15, 10), datetime(2025, 12, 15, 10, tzinfo=UTC)),
        ("tomorrow", None),
        ("0001-01-01T00:00:00+01:00", None),  # out of range in UTC
        ("9999-12-31T23:59:59-01:00", None),
        ("", None),
        (None, None),
        (1765792800, None),
    ],
)
def test_to_utc_reads_stored_times_leniently(value: Any, expected: datetime | None) -> None:
    assert to_utc(value) == expected


# --------------------------------------------------------------------------------------------
# Property: never raises, always sorted, classification is consistent
# --------------------------------------------------------------------------------------------

_scalar = st.none() | st.booleans() | st.integers() | st.text(max_size=8) | st.sampled_from(
    ["READY", "RUNNING", "SUCCEEDED", "PENDING", "CHART_EXPORT", "2000-01-01T00:00:00Z", "2999-01-01T00:00:00Z",
     "0001-01-01T00:00:00+01:00", "2025-12-15T12:00:00.5+05:30"]
)
_any = st.recursive(_scalar, lambda c: st.lists(c, max_size=3) | st.dictionaries(st.text(max_size=5), c, max_size=3), max_leaves=10)
_ids = st.sampled_from(["a", "b", "c", "charts:1M:x", "ohlcv_export:1M", "z.v1"])
_step = st.fixed_dictionaries(
    {},
    optional={
        "stepType": st.sampled_from(["CHART_EXPORT", "OHLCV_EXPORT"]) | _scalar,
        "status": st.sampled_from(["READY", "RUNNING", "SUCCEEDED", "PENDING", "FAILED"]) | _scalar,
        "dependsOn": st.lists(_ids, max_size=3) | _any,
        "lease": st.fixed_dictionaries(
            {}, optional={"owner": _scalar, "attempt": _scalar, "expiresAt": _scalar | st.datetimes()}
        ) | _any,
    },
) | _any


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(_ids, _step, max_size=6) | _any)
def test_select_never_raises_and_is_consistent(steps: Any) -> None:
    sel = select_steps({"steps": steps}, now=NOW)
    for group in (sel.eligible, sel.blocked, sel.expired_leases):
        assert ids(group) == sorted(ids(group))
    assert not set(ids(sel.eligible)) & set(ids(sel.blocked))
    for e in sel.eligible:
        assert e.step["stepType"] == "CHART_EXPORT" and e.step["status"] == "READY"
        for dep in e.step.get("dependsOn") or ():
            assert steps[dep]["status"] == "SUCCEEDED"
    for b in sel.blocked:
        assert b.unmet and len(b.unmet) == len(b.unmet_statuses)
    for x in sel.expired_leases:
        assert x.step["status"] == "RUNNING" and x.expires_at < NOW
    assert all(isinstance(p, str) and p for p in sel.problems)


def test_unmet_dependencies_are_each_listed_once_in_order_with_their_status():
    from chart_export.selection import unmet_dependencies

    steps = {"a": {"status": "SUCCEEDED"}, "b": {"status": "RUNNING"}, "c": {"status": "FAILED"}, "d": "garbled"}
    deps = ["b", "a", "zz", "b", "c", "d", "zz"] * 1000  # repeats cost a dict lookup, not a list scan
    assert unmet_dependencies(steps, deps) == {"b": "RUNNING", "zz": "MISSING", "c": "FAILED", "d": "INVALID"}
    assert unmet_dependencies(steps, None) == {} and unmet_dependencies(steps, ["a"]) == {}
    assert unmet_dependencies(steps, "a") == {"dependsOn": "INVALID"}
