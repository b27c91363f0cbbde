"""chart_export.candles: parsing, validation messages, bounds, speed."""

from __future__ import annotations

import json
import time
from datetime import UTC, datetime, timedelta

import numpy as np
import pytest

from chart_export.candles import DEFAULT_MAX_BYTES, DEFAULT_MAX_ROWS, CandleError, Candles, parse_candles
from chart_export.errors import ErrorCode, StepFailure

T0 = datetime(2024, 1, 1, tzinfo=UTC)


def rows(n: int = 5, *, step: timedelta = timedelta(days=1)) -> list[dict]:
    out = []
    price = 100.0
    for i in range(n):
        o, c = price, price * (1.01 if i % 2 == 0 else 0.99)
        out.append(
            {
                "date": (T0 + i * step).strftime("%Y-%m-%dT%H:%M:%SZ"),
                "open": o,
                "high": max(o, c) * 1.005,
                "low": min(o, c) * 0.995,
                "close": c,
                "volume": 1000.0 + i,
            }
        )
        price = c
    return out


def wrapped(data: list) -> bytes:
    return json.dumps({"metadata": {"symbol": "BTCUSDT", "timeframe": "1d"}, "data": data}).encode()


def bare(data: list) -> bytes:
    return json.dumps(data).encode()


def expect_error(raw: bytes | str, fragment: str, **details) -> CandleError:
    with pytest.raises(CandleError) as info:
        parse_candles(raw, source="candles.json")
    err = info.value
    assert fragment in err.message, err.message
    assert err.message.startswith("candles.json: ")
    for key, value in details.items():
        assert err.details.get(key) == value, err.details
    return err


# --------------------------------------------------------------------------- good input


def test_both_shapes_parse_to_the_same_columns() -> None:
    data = rows(6)
    a = parse_candles(wrapped(data))
    b = parse_candles(bare(data))
    assert len(a) == len(b) == 6
    for name in ("time", "open", "high", "low", "close", "volume"):
        assert np.array_equal(getattr(a, name), getattr(b, name))
    assert a.time.dtype == np.int64 and a.close.dtype == np.float64
    assert a.time[0] == int(T0.timestamp())
    assert a.close[2] == data[2]["close"]


def test_metadata_is_optional_and_extra_row_keys_are_ignored() -> None:
    data = rows(3)
    data[0]["trades"] = 17
    candles = parse_candles(json.dumps({"data": data}).encode())
    assert len(candles) == 3


@pytest.mark.parametrize(
    ("text", "epoch"),
    [
        ("2024-01-01T00:00:00Z", 1704067200),
        ("2024-01-01T03:00:00+03:00", 1704067200),  # offsets are normalised to UTC
        ("2023-12-31T19:00:00-05:00", 1704067200),
        ("2024-01-01t00:00:00z", 1704067200),
        ("2024-01-01 00:00:00Z", 1704067200),
        ("2024-01-01T00:00:00.750Z", 1704067200),  # fractions truncated
        ("2024-01-01", 1704067200),  # date only = midnight UTC
    ],
)
def test_date_forms(text: str, epoch: int) -> None:
    row = {"date": text, "open": 1, "high": 2, "low": 0.5, "close": 1.5, "volume": 0}
    assert parse_candles(bare([row])).time.tolist() == [epoch]


def test_mixed_date_forms_in_one_file() -> None:
    data = rows(3)
    data[1]["date"] = "2024-01-02T01:00:00+01:00"
    data[2]["date"] = "2024-01-03"
    assert parse_candles(bare(data)).time.tolist() == [1704067200, 1704153600, 1704240000]


def test_integers_are_numbers_and_utf8_bom_is_skipped() -> None:
    row = {"date": "2024-01-01T00:00:00Z", "open": 1, "high": 2, "low": 1, "close": 2, "volume": 5}
    candles = parse_candles(b"\xef\xbb\xbf" + bare([row]))
    assert candles.high.tolist() == [2.0]


def test_str_input_is_accepted() -> None:
    assert len(parse_candles(bare(rows(2)).decode())) == 2


def test_candles_helpers() -> None:
    candles = parse_candles(bare(rows(10, step=timedelta(hours=4))))
    assert len(candles) == 10
    assert candles.timeframe_seconds() == 4 * 3600
    tail = candles.tail(3)
    assert len(tail) == 3 and tail.time[0] == candles.time[7]
    assert len(candles.tail(50)) == 10 and len(candles.tail(0)) == 0
    assert parse_candles(bare(rows(1))).timeframe_seconds() is None
    with pytest.raises(ValueError):
        candles.close[0] = 1.0  # read-only columns


def test_from_arrays_checks_lengths() -> None:
    with pytest.raises(ValueError, match="column"):
        Candles.from_arrays([1, 2], [1, 2], [1, 2], [1, 2], [1, 2], [1])


# --------------------------------------------------------------------------- bad input


def test_candle_error_is_a_validation_step_failure() -> None:
    err = expect_error(b"{", "not valid JSON")
    assert isinstance(err, StepFailure)
    assert err.code == ErrorCode.VALIDATION_FAILED


@pytest.mark.parametrize(
    ("raw", "fragment"),
    [
        (b"", "candle file is empty"),
        (b"   ", "candle file is empty"),
        (b"{not json", "not valid JSON"),
        (b"\xff\xfe\x00", "not UTF-8"),
        (b"42", "expected an object with 'data' or an array of candle rows, got int"),
        (b'"rows"', "got a string"),
        (b'{"metadata": {}}', "top-level object has no 'data' array"),
        (b'{"data": {"a": 1}}', "'data' must be an array of candle rows, got an object"),
        (b'{"metadata": [], "data": []}', "'metadata' must be an object"),
        (b'{"data": []}', "no candles (empty data array)"),
        (b"[]", "no candles (empty data array)"),
    ],
)
def test_file_level_errors(raw: bytes, fragment: str) -> None:
    expect_error(raw, fragment)


def test_row_must_be_an_object() -> None:
    data: list = rows(3)
    data[1] = [1, 2, 3]
    expect_error(bare(data), "row 1 (0-based): expected an object, got an array", row=1)


@pytest.mark.parametrize("field", ["date", "open", "high", "low", "close", "volume"])
def test_missing_field_names_row_and_field(field: str) -> None:
    data = rows(4)
    del data[2][field]
    expect_error(bare(data), f"row 2 (0-based): missing field '{field}'", row=2, field=field)


def test_lowest_row_with_a_missing_field_is_reported() -> None:
    data = rows(5)
    del data[3]["open"]
    del data[1]["volume"]
    expect_error(bare(data), "row 1 (0-based): missing field 'volume'", row=1, field="volume")


@pytest.mark.parametrize(
    ("value", "described"),
    [
        ("101.5", "a string ('101.5')"),
        (True, "a boolean"),
        (False, "a boolean"),
        (None, "null"),
        ([1], "an array"),
        ({"v": 1}, "an object"),
    ],
)
def test_numbers_must_be_json_numbers(value, described: str) -> None:
    data = rows(3)
    data[1]["close"] = value
    expect_error(bare(data), f"row 1 (0-based): field 'close' must be a number, got {described}", row=1, field="close")


@pytest.mark.parametrize(("literal", "shown"), [("NaN", "NaN"), ("Infinity", "Infinity"), ("-Infinity", "-Infinity"), ("1e999", "Infinity")])
def test_non_finite_numbers_are_rejected(literal: str, shown: str) -> None:
    text = bare(rows(3)).decode()
    data = json.loads(text)
    data[2]["volume"] = 12345.5
    text = json.dumps(data).replace("12345.5", literal)
    expect_error(text.encode(), f"row 2 (0-based): field 'volume' must be a finite number, got {shown}", row=2, field="volume")


def test_integer_too_large_for_a_float() -> None:
    text = json.dumps(rows(2)).replace('"volume": 1001.0', '"volume": 1' + "0" * 400)
    expect_error(text.encode(), "row 1 (0-based): field 'volume' is out of range for a float", row=1, field="volume")


@pytest.mark.parametrize("field", ["open", "high", "low", "close"])
@pytest.mark.parametrize("value", [0, -1.5])
def test_prices_must_be_positive(field: str, value: float) -> None:
    data = rows(3)
    data[2][field] = value
    expect_error(bare(data), f"row 2 (0-based): field '{field}' must be > 0", row=2, field=field)


def test_volume_must_not_be_negative() -> None:
    data = rows(3)
    data[0]["volume"] = -1
    expect_error(bare(data), "row 0 (0-based): field 'volume' must be >= 0, got -1.0", row=0, field="volume")


def test_zero_volume_is_fine() -> None:
    data = rows(3)
    data[0]["volume"] = 0
    assert parse_candles(bare(data)).volume[0] == 0.0


def test_high_below_low() -> None:
    data = rows(3)
    data[1].update(open=10, close=10, high=9, low=11)
    expect_error(bare(data), "row 1 (0-based): high 9.0 < low 11.0", row=1, field="high")


def test_high_below_open_or_close() -> None:
    data = rows(3)
    data[1].update(open=10, close=12, high=11, low=9)
    expect_error(bare(data), "row 1 (0-based): high 11.0 < max(open 10.0, close 12.0)", row=1, field="high")


def test_low_above_open_or_close() -> None:
    data = rows(3)
    data[2].update(open=10, close=12, high=13, low=10.5)
    expect_error(bare(data), "row 2 (0-based): low 10.5 > min(open 10.0, close 12.0)", row=2, field="low")


@pytest.mark.parametrize(
    ("value", "fragment"),
    [
        (20240101, "field 'date' must be an RFC 3339 string, got int"),
        ("2024-01-01T00:00:00", "is not an RFC 3339 timestamp with a time zone"),
        ("01/02/2024", "is not an RFC 3339 timestamp"),
        ("2024-01-01T00:00Z", "is not an RFC 3339 timestamp"),
        ("2024-02-30T00:00:00Z", "is not a valid date/time"),
        ("2024-01-01T24:00:00Z", "is not a valid date/time"),
    ],
)
def test_bad_dates(value, fragment: str) -> None:
    data = rows(3)
    data[1]["date"] = value
    expect_error(bare(data), f"row 1 (0-based): {fragment}" if "RFC 3339 string" in fragment else fragment, row=1, field="date")


def test_duplicate_dates_name_both_rows() -> None:
    data = rows(4)
    data[2]["date"] = data[1]["date"]
    err = expect_error(bare(data), "rows 1 and 2 (0-based): duplicate date '2024-01-02T00:00:00Z'", row=2, field="date")
    assert err.details["previous_row"] == 1


def test_duplicate_instant_written_with_another_offset() -> None:
    data = rows(3)
    data[2]["date"] = "2024-01-02T03:00:00+03:00"  # == row 1
    expect_error(bare(data), "rows 1 and 2 (0-based): duplicate date", row=2)


def test_unsorted_dates_name_both_rows() -> None:
    data = rows(4)
    data[3]["date"] = "2023-12-31T00:00:00Z"
    err = expect_error(bare(data), "rows 2 and 3 (0-based): dates are unsorted", row=3, field="date")
    assert "'2023-12-31T00:00:00Z' is not after '2024-01-03T00:00:00Z'" in err.message


# --------------------------------------------------------------------------- bounds


def test_defaults() -> None:
    assert DEFAULT_MAX_BYTES == 64 * 1024 * 1024
    assert DEFAULT_MAX_ROWS == 200_000


def test_size_is_checked_before_parsing() -> None:
    raw = b"[" + b" " * 2000 + b"not json"
    with pytest.raises(CandleError) as info:
        parse_candles(raw, max_bytes=1000)
    assert "over the limit of 1000 bytes" in info.value.message  # not a JSON error: never parsed
    assert info.value.details["max_bytes"] == 1000


def test_exactly_max_bytes_is_fine() -> None:
    raw = bare(rows(2))
    assert len(parse_candles(raw, max_bytes=len(raw))) == 2


def test_row_limit() -> None:
    raw = bare(rows(11))
    assert len(parse_candles(raw, max_rows=11)) == 11
    with pytest.raises(CandleError, match="11 candles, over the limit of 10"):
        parse_candles(raw, max_rows=10)


def test_wrong_raw_type() -> None:
    with pytest.raises(CandleError, match="expected bytes"):
        parse_candles(123)  # type: ignore[arg-type]


def test_ten_thousand_rows_parse_fast() -> None:
    raw = wrapped(rows(10_000, step=timedelta(minutes=1)))
    best = min(_timed(lambda: parse_candles(raw)) for _ in range(3))
    # ~25 ms on an idle 2-core machine; the bound leaves room for a busy CI host.
    assert best < 0.25, f"10k rows took {best * 1000:.1f} ms"


def test_per_row_date_path_is_also_fast_enough() -> None:
    data = rows(10_000, step=timedelta(minutes=1))
    for row in data:
        row["date"] = row["date"].replace("Z", "+00:00")  # not the vectorised form
    raw = bare(data)
    best = min(_timed(lambda: parse_candles(raw)) for _ in range(3))
    assert best < 0.4, f"10k rows took {best * 1000:.1f} ms"


def _timed(fn) -> float:
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def test_the_files_metadata_is_kept_with_the_candles() -> None:
    rows = [{"date": "2025-01-01T00:00:00Z", "open": 1, "high": 2, "low": 0.5, "close": 1.5, "volume": 10}]
    meta = {"symbol": "EURUSD", "timeframe": "1h"}
    assert parse_candles(json.dumps({"metadata": meta, "data": rows})).metadata == meta
    assert parse_candles(json.dumps(rows)).metadata == {}
