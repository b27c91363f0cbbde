"""UTC time helpers: every timestamp this function writes is RFC 3339 with a ``Z``."""

from __future__ import annotations

import re
from datetime import UTC, datetime


def utc_now() -> datetime:
    return datetime.now(UTC)


def rfc3339(moment: datetime, *, millis: bool = False) -> str:
    """``2025-12-15T10:26:15Z`` (naive datetimes are taken as UTC)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    text = moment.astimezone(UTC).isoformat(timespec="milliseconds" if millis else "seconds")
    return text.replace("+00:00", "Z")


#: RFC 3339 date-time (``T``, ``t`` or a space between date and time; fractions up to 9 digits).
RFC3339 = re.compile(
    r"(\d{4}-\d{2}-\d{2})"  # date
    r"(?:[Tt ](\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?([Zz]|[+-]\d{2}:\d{2})?)?"  # time, fraction, zone
)


class TimestampError(ValueError):
    """Not an RFC 3339 timestamp. ``reason``: ``format`` (not the grammar), ``zone`` (no time
    zone where one is required) or ``value`` (the grammar, but no such moment)."""

    def __init__(self, message: str, reason: str) -> None:
        super().__init__(message)
        self.reason = reason


def parse_rfc3339(text: str, *, naive_utc: bool = False, date_only: bool = False) -> datetime:
    """The one RFC 3339 parser: ``text`` -> an aware UTC datetime, or :class:`TimestampError`.

    A time zone is required unless ``naive_utc`` (then a zoneless time is taken as UTC); a bare
    date (midnight UTC) only with ``date_only``. Fractions beyond microseconds are truncated.
    """
    match = RFC3339.fullmatch(text) if isinstance(text, str) else None
    if match is None:
        raise TimestampError(f"not an RFC 3339 timestamp: {text!r:.80}", "format")
    date, clock, fraction, zone = match.groups()
    if clock is None and not date_only:
        raise TimestampError(f"not an RFC 3339 timestamp (a date without a time): {text!r:.80}", "format")
    if clock is not None and zone is None and not naive_utc:
        raise TimestampError(f"RFC 3339 timestamp without a time zone: {text!r:.80}", "zone")
    micro = f".{(fraction + '00000')[:6]}" if fraction else ""
    offset = "+00:00" if zone is None or zone in "Zz" else zone
    try:
        moment = datetime.fromisoformat(f"{date}T{clock or '00:00:00'}{micro}{offset}")
        return moment.astimezone(UTC)
    except (ValueError, OverflowError) as exc:  # no such day, or out of range once moved to UTC
        raise TimestampError(f"not a valid date/time: {text!r:.80} ({exc})", "value") from None


def to_utc(value: object) -> datetime | None:
    """Lenient reading of a stored time: an RFC 3339 string (a zoneless one taken as UTC) or a
    ``datetime`` (a Firestore timestamp; naive = UTC) -> aware UTC datetime; else None."""
    if isinstance(value, datetime):
        moment = value if value.tzinfo is not None else value.replace(tzinfo=UTC)
        try:
            return moment.astimezone(UTC)
        except (ValueError, OverflowError):
            return None
    if isinstance(value, str):
        try:
            return parse_rfc3339(value, naive_utc=True)
        except TimestampError:
            return None
    return None
