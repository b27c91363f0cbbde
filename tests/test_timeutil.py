"""The project's one RFC 3339 parser (``timeutil.parse_rfc3339``): what it accepts, what it
refuses and why. Candles, events, leases and finalize times all read timestamps through it."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from chart_export.timeutil import TimestampError, parse_rfc3339, rfc3339


@pytest.mark.parametrize(
    ("text", "options", "expected"),
    [
        ("2025-12-15T10:26:15Z", {}, datetime(2025, 12, 15, 10, 26, 15, tzinfo=UTC)),
        ("2025-12-15t10:26:15z", {}, datetime(2025, 12, 15, 10, 26, 15, tzinfo=UTC)),
        ("2025-12-15 10:26:15+02:00", {}, datetime(2025, 12, 15, 8, 26, 15, tzinfo=UTC)),
        ("2025-12-15T10:26:15.123456789Z", {}, datetime(2025, 12, 15, 10, 26, 15, 123456, tzinfo=UTC)),
        ("2025-12-15T10:26:15.5-01:30", {}, datetime(2025, 12, 15, 11, 56, 15, 500000, tzinfo=UTC)),
        ("2025-12-15T10:26:15", {"naive_utc": True}, datetime(2025, 12, 15, 10, 26, 15, tzinfo=UTC)),
        ("2025-12-15", {"date_only": True}, datetime(2025, 12, 15, tzinfo=UTC)),
    ],
)
def test_accepts(text: str, options: dict, expected: datetime) -> None:
    assert parse_rfc3339(text, **options) == expected


@pytest.mark.parametrize(
    ("text", "options", "reason"),
    [
        ("2025-12-15T10:26:15", {}, "zone"),
        ("2025-12-15", {}, "format"),
        ("2025-12-15T10:26Z", {}, "format"),
        ("15/12/2025", {}, "format"),
        ("2025-12-15T10:26:15+0200", {}, "format"),
        ("", {}, "format"),
        (None, {}, "format"),
        ("2025-02-30T00:00:00Z", {}, "value"),
        ("2025-12-15T25:00:00Z", {}, "value"),
        ("0001-01-01T00:00:00+01:00", {}, "value"),  # before year 1 once moved to UTC
    ],
)
def test_refuses_with_a_reason(text: object, options: dict, reason: str) -> None:
    with pytest.raises(TimestampError) as caught:
        parse_rfc3339(text, **options)  # type: ignore[arg-type]
    assert caught.value.reason == reason


def test_round_trip_with_the_writer() -> None:
    moment = datetime(2026, 11, 30, 4, 20, 40, 123000, tzinfo=UTC)
    assert parse_rfc3339(rfc3339(moment, millis=True)) == moment
