"""Configuration from the environment, validated once, failing fast with one line per problem."""

from __future__ import annotations

import math
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass

LEASE_ENV, DEFAULT_LEASE_SECONDS = "CHART_EXPORT_LEASE_SECONDS", 600.0
MAX_ATTEMPTS_ENV, DEFAULT_MAX_ATTEMPTS = "CHART_EXPORT_MAX_ATTEMPTS", 5
RETRY_BASE_ENV, DEFAULT_RETRY_BASE_SECONDS = "CHART_EXPORT_RETRY_BASE_SECONDS", 30.0

#: The shortest lease that leaves time for any work: the worker stops writing at the lease's
#: expiry minus a safety margin (at least 0.5 s), and a claim, a candle read, one render and
#: its writes take about 1-2 s on a warm instance. Shorter leases expire mid-step every time.
MIN_LEASE_SECONDS = 3.0

_BUCKET = re.compile(r"^[a-z0-9][a-z0-9._-]{1,220}[a-z0-9]$")
_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")


class ConfigError(ValueError):
    """One or more settings are invalid; ``problems`` lists each one."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("invalid configuration: " + "; ".join(problems))
        self.problems = problems


MAX_ATTEMPTS_RANGE = (1, 100)
DEFAULT_MAX_CANDLE_BYTES = 64 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class Settings:
    charts_bucket: str  # CHARTS_BUCKET (required): a bucket name or gs://<bucket>; stored as the name
    firestore_db: str = "(default)"  # FIRESTORE_DB
    log_level: str = "INFO"  # LOG_LEVEL
    lease_seconds: float = DEFAULT_LEASE_SECONDS  # CHART_EXPORT_LEASE_SECONDS (finite, > 0)
    max_candle_bytes: int = DEFAULT_MAX_CANDLE_BYTES  # CHART_EXPORT_MAX_CANDLE_BYTES (integer > 0)
    project: str | None = None  # GOOGLE_CLOUD_PROJECT / GCP_PROJECT (clients infer it when unset)
    max_attempts: int = DEFAULT_MAX_ATTEMPTS  # CHART_EXPORT_MAX_ATTEMPTS: then FAILED with ATTEMPTS_EXHAUSTED
    retry_base_seconds: float = DEFAULT_RETRY_BASE_SECONDS  # CHART_EXPORT_RETRY_BASE_SECONDS: first release hold


def _bucket(env: Mapping[str, str], problems: list[str]) -> str:
    """``my-bucket``, ``gs://my-bucket`` or ``gs://my-bucket/`` -> ``my-bucket``; a path, another
    scheme or an invalid name is a problem (the workflow's deployments write ``gs://<bucket>``)."""
    raw = env.get("CHARTS_BUCKET", "").strip()
    if not raw:
        problems.append("CHARTS_BUCKET is required (the bucket for PNGs and manifests)")
        return ""
    name = raw
    if "://" in raw:
        scheme, _, rest = raw.partition("://")
        if scheme != "gs":
            problems.append(f"CHARTS_BUCKET={raw!r} must be a bucket name or gs://<bucket> (scheme {scheme!r} "
                            "is not accepted)")
            return ""
        name, slash, path = rest.partition("/")
        if path:
            problems.append(f"CHARTS_BUCKET={raw!r} names a path; give the bucket only (a name or gs://<bucket>): "
                            "objects always go under charts/<runId>/<stepId>/")
            return ""
    if not _BUCKET.match(name) or ".." in name:
        problems.append(f"CHARTS_BUCKET={raw!r} is not a valid bucket name or gs://<bucket> URI")
        return ""
    return name


def _number(env: Mapping[str, str], name: str, default: float, problems: list[str], *,
            minimum: float | None = None, why: str = "") -> float:
    """A finite number > 0 (``nan``, ``inf``, ``0`` and negatives are refused), and at least
    ``minimum`` when given (``why`` says why in the problem line)."""
    raw = env.get(name, "").strip()
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError:
        problems.append(f"{name}={raw!r} is not a number")
        return default
    if not math.isfinite(value) or value <= 0:
        problems.append(f"{name}={raw!r} must be a finite number > 0")
        return default
    if minimum is not None and value < minimum:
        problems.append(f"{name}={raw!r} must be at least {minimum:g}{why}")
        return default
    return value


def lease_seconds(env: Mapping[str, str] | None = None) -> float:
    """``CHART_EXPORT_LEASE_SECONDS`` as a worker may use it (at least :data:`MIN_LEASE_SECONDS`);
    :class:`ConfigError` otherwise. Startup and ``run-local`` read it through here."""
    problems: list[str] = []
    value = _lease(os.environ if env is None else env, problems)
    if problems:
        raise ConfigError(problems)
    return value


def _lease(env: Mapping[str, str], problems: list[str]) -> float:
    return _number(env, LEASE_ENV, DEFAULT_LEASE_SECONDS, problems, minimum=MIN_LEASE_SECONDS,
                   why=": a worker stops writing 0.5 s or more before its lease expires, and a step's claim, "
                       "candle read, render and writes need the rest")


def _integer(env: Mapping[str, str], name: str, default: int, problems: list[str], *, low: int = 1,
             high: int | None = None) -> int:
    """A whole number in ``low..high`` (decimal digits only: ``5``, not ``5.0``, ``1e3`` or ``inf``)."""
    raw = env.get(name, "").strip()
    if not raw:
        return default
    if not re.fullmatch(r"[+-]?[0-9]+", raw):
        problems.append(f"{name}={raw!r} is not an integer")
        return default
    value = int(raw)
    if value < low or (high is not None and value > high):
        problems.append(f"{name}={raw!r} must be " + (f"between {low} and {high}" if high is not None else f">= {low}"))
        return default
    return value


def load_settings(env: Mapping[str, str] | None = None) -> Settings:
    """Read and validate the configuration; raise :class:`ConfigError` listing every problem."""
    env = os.environ if env is None else env
    problems: list[str] = []
    bucket = _bucket(env, problems)
    level = env.get("LOG_LEVEL", "INFO").strip().upper() or "INFO"
    if level not in _LEVELS:
        problems.append(f"LOG_LEVEL={level!r} must be one of {', '.join(_LEVELS)}")
    db = env.get("FIRESTORE_DB", "(default)").strip() or "(default)"
    lease = _lease(env, problems)
    max_bytes = _integer(env, "CHART_EXPORT_MAX_CANDLE_BYTES", DEFAULT_MAX_CANDLE_BYTES, problems)
    max_attempts = _integer(env, MAX_ATTEMPTS_ENV, DEFAULT_MAX_ATTEMPTS, problems, low=MAX_ATTEMPTS_RANGE[0],
                            high=MAX_ATTEMPTS_RANGE[1])
    retry_base = _number(env, RETRY_BASE_ENV, DEFAULT_RETRY_BASE_SECONDS, problems)
    if problems:
        raise ConfigError(problems)
    project = env.get("GOOGLE_CLOUD_PROJECT") or env.get("GCP_PROJECT") or None
    return Settings(charts_bucket=bucket, firestore_db=db, log_level=level, lease_seconds=lease,
                    max_candle_bytes=max_bytes, project=project, max_attempts=max_attempts,
                    retry_base_seconds=retry_base)


def setting(name: str, env: Mapping[str, str] | None = None) -> float | int:
    """One lease/attempt setting read and validated as :func:`load_settings` does, for code
    that runs without it (``run-local``, the seed's orchestration API); ConfigError if bad."""
    readers = {
        LEASE_ENV: lambda e, p: _number(e, LEASE_ENV, DEFAULT_LEASE_SECONDS, p),
        MAX_ATTEMPTS_ENV: lambda e, p: _integer(e, MAX_ATTEMPTS_ENV, DEFAULT_MAX_ATTEMPTS, p,
                                                low=MAX_ATTEMPTS_RANGE[0], high=MAX_ATTEMPTS_RANGE[1]),
        RETRY_BASE_ENV: lambda e, p: _number(e, RETRY_BASE_ENV, DEFAULT_RETRY_BASE_SECONDS, p),
    }
    problems: list[str] = []
    value = readers[name](os.environ if env is None else env, problems)
    if problems:
        raise ConfigError(problems)
    return value
