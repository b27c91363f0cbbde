"""Parsing the trace headers into Cloud Logging's fields (pure)."""

from __future__ import annotations

import pytest

from chart_export.tracing import SAMPLED, SPAN_ID, TRACE, parse_cloud_trace_context, parse_traceparent, trace_fields

T = "4bf92f3577b34da6a3ce929d0e0e4736"


@pytest.mark.parametrize(("value", "parsed"), [
    (f"00-{T}-00f067aa0ba902b7-01", (T, "00f067aa0ba902b7", True)),
    (f"00-{T.upper()}-00F067AA0BA902B7-00", (T, "00f067aa0ba902b7", False)),
    (f" 01-{T}-00f067aa0ba902b7-03 ", (T, "00f067aa0ba902b7", True)),
    (f"00-{'0' * 32}-00f067aa0ba902b7-01", None),  # invalid all-zero trace id
    (f"00-{T}-{'0' * 16}-01", None),
    (f"ff-{T}-00f067aa0ba902b7-01", None),
    (f"00-{T[:-1]}-00f067aa0ba902b7-01", None),
    ("", None), (None, None), (17, None),
])
def test_traceparent(value, parsed) -> None:
    assert parse_traceparent(value) == parsed


@pytest.mark.parametrize(("value", "parsed"), [
    (f"{T}/1;o=1", (T, "0000000000000001", True)),
    (f"{T}/18446744073709551615;o=0", (T, "ffffffffffffffff", False)),
    (f"{T}", (T, None, None)),
    (f"{T}/0", (T, None, None)),
    ("nope/1;o=1", None),
])
def test_cloud_trace_context(value, parsed) -> None:
    assert parse_cloud_trace_context(value) == parsed


def test_fields_prefer_traceparent_and_need_a_project() -> None:
    fields = trace_fields(project="p", traceparent=f"00-{T}-00f067aa0ba902b7-01",
                          cloud_trace_context="1" * 32 + "/5;o=1")
    assert fields == {TRACE: f"projects/p/traces/{T}", SPAN_ID: "00f067aa0ba902b7", SAMPLED: True}
    assert trace_fields(project=None, traceparent=f"00-{T}-00f067aa0ba902b7-01") == {}
    assert trace_fields(project="p", traceparent="garbage", cloud_trace_context=f"{T}") == {
        TRACE: f"projects/p/traces/{T}"}
