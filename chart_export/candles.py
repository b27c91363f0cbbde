"""Candle files: parse, validate and hold OHLCV rows as numpy columns.

Accepted input (UTF-8 JSON, an optional UTF-8 BOM is skipped):

* ``{"metadata": {...}, "data": [row, ...]}`` — the OHLCV export contract (``metadata`` is
  optional here and not interpreted), or
* ``[row, ...]`` — a bare array of rows.

A row is an object with ``date``, ``open``, ``high``, ``low``, ``close`` and ``volume``;
other keys are ignored. ``date`` is RFC 3339 (``2025-01-31T00:00:00Z``,
``2025-01-31T03:00:00+03:00``, fractional seconds allowed, ``T`` may be ``t`` or a space) and
is normalised to UTC epoch seconds (fractions are truncated). A date-only ``YYYY-MM-DD`` is
also accepted and read as midnight UTC (daily / monthly exporters write those). A timestamp
without a zone is rejected: its instant is unknown.

Numbers must be JSON numbers (``true``/``false`` and numeric strings are rejected) and finite
(Python's json reads ``NaN``/``Infinity``; they are rejected). Prices are > 0, volume >= 0,
``high >= max(open, close)``, ``low <= min(open, close)``, and dates strictly increase.

Every failure raises :class:`CandleError` (code ``VALIDATION_FAILED``) whose message names the
row (0-based index into ``data``) and the field, and whose ``details`` carry ``row``/``field``.
When a file has several problems the first one in this order is reported: size, JSON, shape,
missing field (lowest row), types, finiteness, price/volume ranges, OHLC consistency, dates.

Input is bounded: the raw bytes are checked against ``max_bytes`` *before* decoding, and the
row count against ``max_rows`` before any per-row work.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .errors import ErrorCode, StepFailure
from .timeutil import TimestampError, parse_rfc3339

DEFAULT_MAX_BYTES = 64 * 1024 * 1024
DEFAULT_MAX_ROWS = 200_000

FIELDS = ("date", "open", "high", "low", "close", "volume")
PRICE_FIELDS = ("open", "high", "low", "close")
NUMBER_FIELDS = (*PRICE_FIELDS, "volume")

_DATE_ONLY_LEN = 10


class CandleError(StepFailure):
    """The candle file is unusable; always ``VALIDATION_FAILED``."""

    def __init__(self, message: str, details: dict[str, Any] | None = None) -> None:
        super().__init__(ErrorCode.VALIDATION_FAILED, message, details)


@dataclass(frozen=True, eq=False)
class Candles:
    """OHLCV columns (read-only numpy arrays of one length, oldest first)."""

    time: np.ndarray  # int64 epoch seconds, UTC, strictly increasing
    open: np.ndarray  # float64
    high: np.ndarray
    low: np.ndarray
    close: np.ndarray
    volume: np.ndarray
    #: The file's ``metadata`` object (symbol, timeframe, ... as the exporter wrote them); ``{}`` if none.
    metadata: dict[str, Any] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        n = len(self.time)
        for name in ("open", "high", "low", "close", "volume"):
            if len(getattr(self, name)) != n:
                raise ValueError(f"column {name!r} has {len(getattr(self, name))} values, time has {n}")

    def __len__(self) -> int:
        return int(self.time.shape[0])

    def tail(self, k: int) -> Candles:
        """The last ``k`` candles (all of them when ``k >= len``; none when ``k <= 0``)."""
        n = len(self)
        start = n - max(0, min(int(k), n))
        return Candles(
            time=self.time[start:],
            open=self.open[start:],
            high=self.high[start:],
            low=self.low[start:],
            close=self.close[start:],
            volume=self.volume[start:],
        )

    def timeframe_seconds(self) -> int | None:
        """Estimated bar spacing: the median gap between consecutive bars (None if < 2 bars)."""
        if len(self) < 2:
            return None
        return int(np.median(np.diff(self.time)))

    @classmethod
    def from_arrays(cls, time: Any, open: Any, high: Any, low: Any, close: Any, volume: Any) -> Candles:
        """Build from array-likes (no validation beyond dtype and length; for tests/benchmarks)."""

        def col(values: Any, dtype: Any) -> np.ndarray:
            arr = np.ascontiguousarray(values, dtype=dtype)
            arr.setflags(write=False)
            return arr

        return cls(
            time=col(time, np.int64),
            open=col(open, np.float64),
            high=col(high, np.float64),
            low=col(low, np.float64),
            close=col(close, np.float64),
            volume=col(volume, np.float64),
        )


def _fail(message: str, *, row: int | None = None, field: str | None = None, **extra: Any) -> CandleError:
    details: dict[str, Any] = {}
    if row is not None:
        details["row"] = row
    if field is not None:
        details["field"] = field
    details.update(extra)
    return CandleError(message, details)


def _describe(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f"a string ({shown!r})"
    if isinstance(value, (list, tuple)):
        return "an array"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


def _number(value: float) -> str:
    """A float as JSON would spell it (NaN / Infinity / -Infinity included)."""
    value = float(value)
    if value != value:
        return "NaN"
    if value in (float("inf"), float("-inf")):
        return "Infinity" if value > 0 else "-Infinity"
    return repr(value)


def _json_constant(name: str) -> float:
    # NaN / Infinity / -Infinity become floats so the finiteness check names row and field.
    return float(name.replace("Infinity", "inf"))


def parse_candles(
    raw: bytes | bytearray | memoryview | str,
    *,
    source: str = "<candles>",
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_rows: int = DEFAULT_MAX_ROWS,
) -> Candles:
    """Parse and validate a candle file (see the module docstring for the rules)."""
    if isinstance(raw, str):
        raw = raw.encode("utf-8")
    elif isinstance(raw, memoryview):
        raw = raw.tobytes()
    elif not isinstance(raw, (bytes, bytearray)):
        raise _fail(f"{source}: expected bytes, got {type(raw).__name__}")
    size = len(raw)
    if size > max_bytes:
        raise _fail(
            f"{source}: candle file is {size} bytes, over the limit of {max_bytes} bytes",
            size=size,
            max_bytes=max_bytes,
        )
    if raw[:3] == b"\xef\xbb\xbf":
        raw = raw[3:]
    try:
        text = bytes(raw).decode("utf-8")
    except UnicodeDecodeError as exc:
        raise _fail(f"{source}: not UTF-8 text (byte {exc.start})") from None
    if not text.strip():
        raise _fail(f"{source}: candle file is empty")
    try:
        doc = json.loads(text, parse_constant=_json_constant)
    except json.JSONDecodeError as exc:
        raise _fail(f"{source}: not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}") from None
    except RecursionError:
        raise _fail(f"{source}: not valid JSON: nested too deeply") from None

    metadata: dict[str, Any] = {}
    if isinstance(doc, dict):
        if "data" not in doc:
            raise _fail(f"{source}: top-level object has no 'data' array (keys: {sorted(doc)[:10]})")
        rows = doc["data"]
        if not isinstance(rows, list):
            raise _fail(f"{source}: 'data' must be an array of candle rows, got {_describe(rows)}")
        if "metadata" in doc and not isinstance(doc["metadata"], dict):
            raise _fail(f"{source}: 'metadata' must be an object, got {_describe(doc['metadata'])}")
        metadata = doc.get("metadata") or {}
    elif isinstance(doc, list):
        rows = doc
    else:
        raise _fail(
            f"{source}: expected an object with 'data' or an array of candle rows, got {_describe(doc)}"
        )
    n = len(rows)
    if n == 0:
        raise _fail(f"{source}: no candles (empty data array)")
    if n > max_rows:
        raise _fail(f"{source}: {n} candles, over the limit of {max_rows}", rows=n, max_rows=max_rows)

    # Shape of every row.
    if set(map(type, rows)) != {dict}:
        i = next(i for i, r in enumerate(rows) if type(r) is not dict)
        raise _fail(f"{source}: row {i} (0-based): expected an object, got {_describe(rows[i])}", row=i)

    # Column extraction (fast path), with the lowest row missing a field on failure.
    columns: dict[str, list[Any]] = {}
    missing: tuple[int, str] | None = None
    for name in FIELDS:
        try:
            columns[name] = [r[name] for r in rows]
        except KeyError:
            i = next(i for i, r in enumerate(rows) if name not in r)
            if missing is None or i < missing[0]:
                missing = (i, name)
    if missing is not None:
        i, name = missing
        raise _fail(f"{source}: row {i} (0-based): missing field '{name}'", row=i, field=name)

    # Types.
    arrays: dict[str, np.ndarray] = {}
    for name in NUMBER_FIELDS:
        values = columns[name]
        kinds = set(map(type, values))
        if not kinds <= {int, float}:
            i = next(i for i, v in enumerate(values) if type(v) not in (int, float))
            raise _fail(
                f"{source}: row {i} (0-based): field '{name}' must be a number, got {_describe(values[i])}",
                row=i,
                field=name,
            )
        try:
            arrays[name] = np.array(values, dtype=np.float64)
        except OverflowError:
            i = next(i for i, v in enumerate(values) if type(v) is int and abs(v) > 1e308)
            raise _fail(
                f"{source}: row {i} (0-based): field '{name}' is out of range for a float", row=i, field=name
            ) from None
    dates = columns["date"]
    if set(map(type, dates)) != {str}:
        i = next(i for i, v in enumerate(dates) if type(v) is not str)
        raise _fail(
            f"{source}: row {i} (0-based): field 'date' must be an RFC 3339 string, got {_describe(dates[i])}",
            row=i,
            field="date",
        )

    # Finite numbers.
    for name in NUMBER_FIELDS:
        bad = ~np.isfinite(arrays[name])
        if bad.any():
            i = int(np.argmax(bad))
            raise _fail(
                f"{source}: row {i} (0-based): field '{name}' must be a finite number, got {_number(arrays[name][i])}",
                row=i,
                field=name,
            )

    # Ranges.
    for name in PRICE_FIELDS:
        bad = arrays[name] <= 0.0
        if bad.any():
            i = int(np.argmax(bad))
            raise _fail(
                f"{source}: row {i} (0-based): field '{name}' must be > 0, got {_number(arrays[name][i])}", row=i, field=name
            )
    bad = arrays["volume"] < 0.0
    if bad.any():
        i = int(np.argmax(bad))
        raise _fail(
            f"{source}: row {i} (0-based): field 'volume' must be >= 0, got {_number(arrays['volume'][i])}", row=i, field="volume"
        )

    o, h, lo, c = arrays["open"], arrays["high"], arrays["low"], arrays["close"]
    checks = (
        (h < lo, "high", lambda i: f"high {_number(h[i])} < low {_number(lo[i])}"),
        (h < np.maximum(o, c), "high", lambda i: f"high {_number(h[i])} < max(open {_number(o[i])}, close {_number(c[i])})"),
        (lo > np.minimum(o, c), "low", lambda i: f"low {_number(lo[i])} > min(open {_number(o[i])}, close {_number(c[i])})"),
    )
    for bad, name, describe in checks:
        if bad.any():
            i = int(np.argmax(bad))
            raise _fail(f"{source}: row {i} (0-based): {describe(i)}", row=i, field=name)

    times = _parse_dates(dates, source)
    steps = np.diff(times)
    bad = steps <= 0
    if bad.any():
        i = int(np.argmax(bad)) + 1
        if steps[i - 1] == 0:
            raise _fail(
                f"{source}: rows {i - 1} and {i} (0-based): duplicate date {dates[i]!r}",
                row=i,
                field="date",
                previous_row=i - 1,
            )
        raise _fail(
            f"{source}: rows {i - 1} and {i} (0-based): dates are unsorted "
            f"({dates[i]!r} is not after {dates[i - 1]!r}); rows must be in ascending date order",
            row=i,
            field="date",
            previous_row=i - 1,
        )

    for arr in arrays.values():
        arr.setflags(write=False)
    times.setflags(write=False)
    return Candles(time=times, open=o, high=h, low=lo, close=c, volume=arrays["volume"], metadata=metadata)


def _parse_uniform_dates(dates: list[str]) -> np.ndarray | None:
    """Vectorised path for the common case: every date is ``YYYY-MM-DDTHH:MM:SSZ`` (or every
    date is ``YYYY-MM-DD``). numpy parses; a round trip through numpy's canonical text proves
    that each input was exactly that form. Anything else returns None (per-row path)."""
    text = np.array(dates)  # fixed-width unicode; every element is a str (checked before)
    lengths = np.strings.str_len(text)
    if bool((lengths == 20).all()) and bool(np.strings.endswith(text, "Z").all()):
        body = text.astype("U19")  # drops the Z
        unit = "datetime64[s]"
    elif bool((lengths == _DATE_ONLY_LEN).all()):
        body = text
        unit = "datetime64[D]"
    else:
        return None
    try:
        parsed = body.astype(unit)
    except (ValueError, OverflowError):
        return None
    if not bool((np.datetime_as_string(parsed) == body).all()):
        return None
    return parsed.astype("datetime64[s]").astype(np.int64)


def _parse_dates(dates: list[str], source: str) -> np.ndarray:
    """Epoch seconds. The common uniform forms take numpy's vectorised path; every other row
    goes through :func:`~chart_export.timeutil.parse_rfc3339`, the project's one parser."""
    fast = _parse_uniform_dates(dates)
    if fast is not None:
        return fast
    out = np.empty(len(dates), dtype=np.int64)
    for i, text in enumerate(dates):
        try:
            moment = parse_rfc3339(text, date_only=True)
        except TimestampError as exc:
            if exc.reason == "value":
                message = f"{source}: row {i} (0-based): field 'date' is {exc}"
            else:
                message = (f"{source}: row {i} (0-based): field 'date' is not an RFC 3339 timestamp with a time zone "
                           f"(e.g. 2025-01-31T00:00:00Z): {text!r}")
            raise _fail(message, row=i, field="date") from None
        out[i] = int(moment.timestamp() // 1)
    return out
