"""Pine's session strings and time-zone strings, validated, and the bars a session holds.

Session strings (Pine Script User Manual, "Sessions",
https://tradingview.com/pine-script-docs/concepts/sessions/; the grammar and the day rules as
PyneCore's ``_parse_session_string``, which its authors measured on TradingView):
``HHMM-HHMM[,HHMM-HHMM...][:days]``, several such sections joined by ``|``; ``days`` are digits
1 (Sunday) .. 7 (Saturday) naming the day a run ends on; a lone range without days runs every
day, otherwise a section without days runs on the weekdays (2..6) no other section names, and a
later section naming a day replaces the earlier ones on that day; ``24x7`` is the whole week. An
end at or before the start runs overnight into the next day (equal ends: a whole day). Hours are
00..23 and minutes 00..59 here (TradingView's looser minute counts are refused, with a message).

Time zones (the "Session timezone" inputs of Trading Sessions: "either GMT notation (e.g.,
'GMT-5') or as an IANA time zone database name"): an IANA name (``America/New_York``), ``UTC`` /
``GMT``, or ``UTC+N`` / ``GMT-N`` / ``UTC+HH:MM`` / ``GMT+HHMM`` (N hours east of Greenwich,
the usual sign, not the inverted POSIX ``Etc/GMT+N``)."""

from __future__ import annotations

import re
from datetime import UTC, timedelta, timezone, tzinfo
from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import numpy as np

from ._math import local_seconds

ALL_DAYS = frozenset(range(1, 8))
WEEKDAYS = frozenset(range(2, 7))
_RANGE = re.compile(r"^(\d\d)(\d\d)-(\d\d)(\d\d)$")
_OFFSET = re.compile(r"^(?:UTC|GMT)\s*([+-])\s*(\d{1,2})(?::?(\d\d))?$", re.IGNORECASE)

Run = tuple[int, int, frozenset[int]]  # start minute, end minute, days (1 = Sunday .. 7 = Saturday)


def _ranges(text: str, whole: str) -> list[tuple[int, int]]:
    entries = text.split(",")
    if entries and not entries[-1]:
        entries.pop()
    if not entries:
        raise ValueError(f"session {whole!r}: no time range (expected HHMM-HHMM, e.g. 0930-1600)")
    out = []
    for entry in entries:
        m = _RANGE.match(entry)
        if m is None:
            raise ValueError(f"session {whole!r}: {entry!r} is not a time range HHMM-HHMM (e.g. 0930-1600)")
        h0, m0, h1, m1 = (int(g) for g in m.groups())
        if h0 > 23 or h1 > 23 or m0 > 59 or m1 > 59:
            raise ValueError(f"session {whole!r}: {entry!r} has an hour over 23 or a minute over 59")
        out.append((h0 * 60 + m0, h1 * 60 + m1))
    return out


@cache
def parse_session(text: str) -> tuple[Run, ...]:
    """The runs of a Pine session string (ValueError with a message when it does not parse)."""
    if not isinstance(text, str):
        raise ValueError(f"a session must be a string like 0930-1600, got {text!r}")
    spec = text.strip()
    if spec == "24x7":
        return ((0, 0, ALL_DAYS),)
    if not spec:
        raise ValueError("an empty session (expected HHMM-HHMM, e.g. 0930-1600, optionally :days such as :23456)")
    if ":" not in spec and "," not in spec and "|" not in spec:
        return tuple((a, b, ALL_DAYS) for a, b in _ranges(spec, text))
    sections = spec.split("|")
    if not sections[-1]:
        sections.pop()
    parsed: list[tuple[list[tuple[int, int]], frozenset[int] | None]] = []
    for section in sections:
        parts = section.split(":")
        if len(parts) > 2:
            raise ValueError(f"session {text!r}: more than one ':' in {section!r}")
        days = None
        if len(parts) == 2 and parts[1]:
            if not set(parts[1]) <= set("1234567"):
                raise ValueError(f"session {text!r}: days {parts[1]!r} must be digits 1 (Sunday) .. 7 (Saturday)")
            days = frozenset(int(d) for d in parts[1])
        elif any(d is None for _, d in parsed):
            raise ValueError(f"session {text!r}: two sections without days")
        parsed.append((_ranges(parts[0], text), days))
    own: list[frozenset[int]] = [WEEKDAYS] * len(parsed)
    claimed: frozenset[int] = frozenset()
    for i in range(len(parsed) - 1, -1, -1):  # a later section naming a day replaces the earlier ones
        days = parsed[i][1]
        if days is not None:
            own[i] = days - claimed
            claimed |= days
    for i, (_, days) in enumerate(parsed):
        if days is None:
            own[i] = WEEKDAYS - claimed
    return tuple((a, b, own[i]) for i, (ranges, _) in enumerate(parsed) if own[i] for a, b in ranges)


def check_session(text: str) -> str:
    """A template's session input: the string itself, once it parses."""
    parse_session(text)
    return text.strip()


@cache
def parse_timezone(text: str) -> tzinfo:
    """A Pine time-zone string as a ``tzinfo`` (ValueError with a message when unknown)."""
    name = text.strip() if isinstance(text, str) else ""
    if name.upper() in ("UTC", "GMT"):
        return UTC
    m = _OFFSET.match(name)
    if m is not None:
        sign, hours, minutes = m.group(1), int(m.group(2)), int(m.group(3) or 0)
        offset = timedelta(hours=hours, minutes=minutes)
        if minutes > 59 or offset > timedelta(hours=14):
            raise ValueError(f"time zone {text!r}: an offset beyond 14:00 or a minute over 59")
        return timezone(-offset if sign == "-" else offset)
    try:
        if not name or name.startswith("/") or ".." in name:
            raise ZoneInfoNotFoundError(name)
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(f"unknown time zone {text!r}: expected an IANA name such as America/New_York, "
                         "or UTC+N / GMT-N (e.g. GMT-5, UTC+5:30)") from None


def check_timezone(text: str) -> str:
    """A template's time-zone input: the string itself, once it names a time zone."""
    parse_timezone(text)
    return text.strip()


def in_session(t: np.ndarray, session: str, tz: tzinfo) -> np.ndarray:
    """Whether each bar's open time (UTC epoch seconds) is inside ``session`` read in ``tz``
    (Pine's ``not na(time(timeframe.period, session, tz))``)."""
    local = local_seconds(np.asarray(t, dtype=np.int64), tz)
    minute = (local % 86400) // 60
    day = (local // 86400 + 4) % 7 + 1  # 1970-01-01 was a Thursday (5); 1 = Sunday
    nxt = day % 7 + 1
    inside = np.zeros(minute.shape[0], dtype=bool)
    for a, b, days in parse_session(session):
        today = np.isin(day, list(days))
        if a < b:
            inside |= today & (minute >= a) & (minute < b)
        elif a == b == 0:
            inside |= today
        else:  # overnight: from ``a`` the day before to ``b`` on a day it names
            inside |= (np.isin(nxt, list(days)) & (minute >= a)) | (today & (minute < b))
    return inside


__all__ = ["ALL_DAYS", "WEEKDAYS", "check_session", "check_timezone", "in_session", "parse_session", "parse_timezone"]
