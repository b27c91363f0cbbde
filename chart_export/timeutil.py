"""UTC time helpers: every timestamp this function writes is RFC 3339 with a ``Z``."""

from __future__ import annotations

from datetime import UTC, datetime


def utc_now() -> datetime:
    return datetime.now(UTC)


def rfc3339(moment: datetime, *, millis: bool = False) -> str:
    """``2025-12-15T10:26:15Z`` (naive datetimes are taken as UTC)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    text = moment.astimezone(UTC).isoformat(timespec="milliseconds" if millis else "seconds")
    return text.replace("+00:00", "Z")


def parse_rfc3339(text: str) -> datetime:
    """Parse an RFC 3339 timestamp (``Z`` or offset) into an aware UTC datetime.

    Raises ValueError for anything else, including timestamps without a zone.
    """
    if not isinstance(text, str) or "T" not in text.upper():
        raise ValueError(f"not an RFC 3339 timestamp: {text!r}")
    moment = datetime.fromisoformat(text.replace("z", "Z"))
    if moment.tzinfo is None:
        raise ValueError(f"RFC 3339 timestamp without a time zone: {text!r}")
    return moment.astimezone(UTC)


def to_utc(value: object) -> datetime | None:
    """Lenient reading of a stored time: an RFC 3339 string or a ``datetime`` (a Firestore
    timestamp) -> aware UTC datetime; a naive value is taken as UTC; anything else -> None."""
    try:
        if isinstance(value, datetime):
            moment = value
        elif isinstance(value, str):
            moment = datetime.fromisoformat(value)
        else:
            return None
        if moment.tzinfo is None:
            return moment.replace(tzinfo=UTC)
        return moment.astimezone(UTC)
    except (ValueError, OverflowError):  # unparseable, or out of range once moved to UTC
        return None
