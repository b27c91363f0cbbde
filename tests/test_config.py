"""Configuration as the workflow's deployments write it: table-driven, one row per value."""

from __future__ import annotations

import pytest

from chart_export.config import ConfigError, Settings, load_settings

BASE = {"CHARTS_BUCKET": "my-charts"}


def _problems(**env: str) -> list[str]:
    with pytest.raises(ConfigError) as info:
        load_settings({**BASE, **env})
    return info.value.problems


# -- good forms -> the normalized value ------------------------------------------------------

GOOD = [
    # id, env, Settings field, normalized value
    ("bucket_name", {"CHARTS_BUCKET": "my-charts"}, "charts_bucket", "my-charts"),
    ("bucket_gs_uri", {"CHARTS_BUCKET": "gs://my-charts"}, "charts_bucket", "my-charts"),
    ("bucket_gs_uri_trailing_slash", {"CHARTS_BUCKET": "gs://my-charts/"}, "charts_bucket", "my-charts"),
    ("bucket_gs_uri_spaces", {"CHARTS_BUCKET": "  gs://my-charts  "}, "charts_bucket", "my-charts"),
    ("bucket_dotted_name", {"CHARTS_BUCKET": "gs://charts.example.com"}, "charts_bucket", "charts.example.com"),
    ("lease_default", {}, "lease_seconds", 600.0),
    ("lease_integer", {"CHART_EXPORT_LEASE_SECONDS": "180"}, "lease_seconds", 180.0),
    ("lease_fraction", {"CHART_EXPORT_LEASE_SECONDS": "3.5"}, "lease_seconds", 3.5),
    ("lease_minimum", {"CHART_EXPORT_LEASE_SECONDS": "3"}, "lease_seconds", 3.0),
    ("lease_exponent", {"CHART_EXPORT_LEASE_SECONDS": "1e3"}, "lease_seconds", 1000.0),
    ("retry_base_default", {}, "retry_base_seconds", 30.0),
    ("retry_base_fraction", {"CHART_EXPORT_RETRY_BASE_SECONDS": "0.5"}, "retry_base_seconds", 0.5),
    ("max_candle_bytes_default", {}, "max_candle_bytes", 64 * 1024 * 1024),
    ("max_candle_bytes_set", {"CHART_EXPORT_MAX_CANDLE_BYTES": "1048576"}, "max_candle_bytes", 1048576),
    ("max_attempts_default", {}, "max_attempts", 5),
    ("max_attempts_one", {"CHART_EXPORT_MAX_ATTEMPTS": "1"}, "max_attempts", 1),
    ("max_attempts_hundred", {"CHART_EXPORT_MAX_ATTEMPTS": "100"}, "max_attempts", 100),
    ("max_attempts_spaces", {"CHART_EXPORT_MAX_ATTEMPTS": " 7 "}, "max_attempts", 7),
    ("log_level_lowercase", {"LOG_LEVEL": "debug"}, "log_level", "DEBUG"),
    ("firestore_db_default", {"FIRESTORE_DB": ""}, "firestore_db", "(default)"),
]


@pytest.mark.parametrize("env,field,value", [g[1:] for g in GOOD], ids=[g[0] for g in GOOD])
def test_good_value_is_normalized(env, field, value):
    settings = load_settings({**BASE, **env})
    assert getattr(settings, field) == value
    assert type(getattr(settings, field)) is type(value)


# -- each bad value -> its one problem line ----------------------------------------------------

BAD = [
    # id, env, the one problem line (a fragment of it)
    ("bucket_missing", {"CHARTS_BUCKET": ""}, "CHARTS_BUCKET is required"),
    ("bucket_blank", {"CHARTS_BUCKET": "   "}, "CHARTS_BUCKET is required"),
    ("bucket_gs_path", {"CHARTS_BUCKET": "gs://my-charts/x"}, "CHARTS_BUCKET='gs://my-charts/x' names a path"),
    ("bucket_gs_deep_path", {"CHARTS_BUCKET": "gs://my-charts/charts/out/"}, "names a path"),
    ("bucket_gcs_scheme", {"CHARTS_BUCKET": "gcs://my-charts"}, "scheme 'gcs' is not accepted"),
    ("bucket_https_scheme", {"CHARTS_BUCKET": "https://storage.googleapis.com/my-charts"},
     "scheme 'https' is not accepted"),
    ("bucket_s3_scheme", {"CHARTS_BUCKET": "s3://my-charts"}, "scheme 's3' is not accepted"),
    ("bucket_gs_empty", {"CHARTS_BUCKET": "gs://"}, "CHARTS_BUCKET='gs://' is not a valid bucket name"),
    ("bucket_bare_path", {"CHARTS_BUCKET": "my-charts/x"}, "is not a valid bucket name"),
    ("bucket_uppercase", {"CHARTS_BUCKET": "gs://My-Charts"}, "is not a valid bucket name"),
    ("bucket_too_short", {"CHARTS_BUCKET": "ab"}, "is not a valid bucket name"),
    ("bucket_double_dot", {"CHARTS_BUCKET": "my..charts"}, "is not a valid bucket name"),
    ("lease_nan", {"CHART_EXPORT_LEASE_SECONDS": "nan"},
     "CHART_EXPORT_LEASE_SECONDS='nan' must be a finite number > 0"),
    ("lease_inf", {"CHART_EXPORT_LEASE_SECONDS": "inf"},
     "CHART_EXPORT_LEASE_SECONDS='inf' must be a finite number > 0"),
    ("lease_minus_inf", {"CHART_EXPORT_LEASE_SECONDS": "-inf"}, "'-inf' must be a finite number > 0"),
    ("lease_zero", {"CHART_EXPORT_LEASE_SECONDS": "0"}, "CHART_EXPORT_LEASE_SECONDS='0' must be a finite number > 0"),
    ("lease_negative", {"CHART_EXPORT_LEASE_SECONDS": "-3"}, "'-3' must be a finite number > 0"),
    ("lease_word", {"CHART_EXPORT_LEASE_SECONDS": "soon"}, "CHART_EXPORT_LEASE_SECONDS='soon' is not a number"),
    ("lease_too_short", {"CHART_EXPORT_LEASE_SECONDS": "1"},
     "CHART_EXPORT_LEASE_SECONDS='1' must be at least 3: a worker stops writing 0.5 s or more before its lease expires"),
    ("lease_just_too_short", {"CHART_EXPORT_LEASE_SECONDS": "2.9"}, "CHART_EXPORT_LEASE_SECONDS='2.9' must be at least 3"),
    ("retry_base_nan", {"CHART_EXPORT_RETRY_BASE_SECONDS": "nan"},
     "CHART_EXPORT_RETRY_BASE_SECONDS='nan' must be a finite number > 0"),
    ("retry_base_zero", {"CHART_EXPORT_RETRY_BASE_SECONDS": "0"},
     "CHART_EXPORT_RETRY_BASE_SECONDS='0' must be a finite number > 0"),
    ("max_candle_bytes_nan", {"CHART_EXPORT_MAX_CANDLE_BYTES": "nan"},
     "CHART_EXPORT_MAX_CANDLE_BYTES='nan' is not an integer"),
    ("max_candle_bytes_inf", {"CHART_EXPORT_MAX_CANDLE_BYTES": "inf"}, "'inf' is not an integer"),
    ("max_candle_bytes_minus_inf", {"CHART_EXPORT_MAX_CANDLE_BYTES": "-inf"}, "'-inf' is not an integer"),
    ("max_candle_bytes_zero", {"CHART_EXPORT_MAX_CANDLE_BYTES": "0"},
     "CHART_EXPORT_MAX_CANDLE_BYTES='0' must be >= 1"),
    ("max_candle_bytes_negative", {"CHART_EXPORT_MAX_CANDLE_BYTES": "-1"}, "'-1' must be >= 1"),
    ("max_candle_bytes_fraction", {"CHART_EXPORT_MAX_CANDLE_BYTES": "1.5"}, "'1.5' is not an integer"),
    ("max_attempts_zero", {"CHART_EXPORT_MAX_ATTEMPTS": "0"},
     "CHART_EXPORT_MAX_ATTEMPTS='0' must be between 1 and 100"),
    ("max_attempts_negative", {"CHART_EXPORT_MAX_ATTEMPTS": "-2"}, "'-2' must be between 1 and 100"),
    ("max_attempts_too_many", {"CHART_EXPORT_MAX_ATTEMPTS": "101"}, "'101' must be between 1 and 100"),
    ("max_attempts_fraction", {"CHART_EXPORT_MAX_ATTEMPTS": "2.5"},
     "CHART_EXPORT_MAX_ATTEMPTS='2.5' is not an integer"),
    ("max_attempts_nan", {"CHART_EXPORT_MAX_ATTEMPTS": "nan"}, "'nan' is not an integer"),
    ("max_attempts_inf", {"CHART_EXPORT_MAX_ATTEMPTS": "inf"}, "'inf' is not an integer"),
    ("max_attempts_word", {"CHART_EXPORT_MAX_ATTEMPTS": "many"}, "'many' is not an integer"),
    ("log_level_unknown", {"LOG_LEVEL": "LOUD"}, "LOG_LEVEL='LOUD' must be one of"),
]


@pytest.mark.parametrize("env,fragment", [b[1:] for b in BAD], ids=[b[0] for b in BAD])
def test_bad_value_is_one_problem_line(env, fragment):
    problems = _problems(**env)
    assert len(problems) == 1, problems
    assert fragment in problems[0]


def test_every_problem_is_listed_at_once():
    problems = _problems(CHARTS_BUCKET="gs://b-ok/x", LOG_LEVEL="LOUD", CHART_EXPORT_LEASE_SECONDS="nan",
                         CHART_EXPORT_MAX_CANDLE_BYTES="inf", CHART_EXPORT_MAX_ATTEMPTS="0")
    assert [p.split("=")[0].split(" ")[0] for p in problems] == [
        "CHARTS_BUCKET", "LOG_LEVEL", "CHART_EXPORT_LEASE_SECONDS", "CHART_EXPORT_MAX_CANDLE_BYTES",
        "CHART_EXPORT_MAX_ATTEMPTS"]


def test_settings_default_max_attempts_is_five():
    assert Settings(charts_bucket="b").max_attempts == 5
