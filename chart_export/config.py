"""Configuration from the environment, validated once, failing fast with one line per problem."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass

from .orchestration import DEFAULT_LEASE_SECONDS, LEASE_ENV

_BUCKET = re.compile(r"^[a-z0-9][a-z0-9._-]{1,220}[a-z0-9]$")
_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")


class ConfigError(ValueError):
    """One or more settings are invalid; ``problems`` lists each one."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("invalid configuration: " + "; ".join(problems))
        self.problems = problems


@dataclass(frozen=True, slots=True)
class Settings:
    charts_bucket: str  # CHARTS_BUCKET (required): where PNGs and manifests go
    firestore_db: str = "(default)"  # FIRESTORE_DB
    log_level: str = "INFO"  # LOG_LEVEL
    lease_seconds: float = DEFAULT_LEASE_SECONDS  # CHART_EXPORT_LEASE_SECONDS
    max_candle_bytes: int = 64 * 1024 * 1024  # CHART_EXPORT_MAX_CANDLE_BYTES
    project: str | None = None  # GOOGLE_CLOUD_PROJECT / GCP_PROJECT (clients infer it when unset)


def _positive(env: Mapping[str, str], name: str, default: float, cast, problems: list[str]):
    raw = env.get(name, "").strip()
    if not raw:
        return default
    try:
        value = cast(raw)
    except ValueError:
        problems.append(f"{name}={raw!r} is not a number")
        return default
    if value <= 0:
        problems.append(f"{name}={raw!r} must be > 0")
    return value


def load_settings(env: Mapping[str, str] | None = None) -> Settings:
    env = os.environ if env is None else env
    problems: list[str] = []
    bucket = env.get("CHARTS_BUCKET", "").strip()
    if not bucket:
        problems.append("CHARTS_BUCKET is required (the bucket for PNGs and manifests)")
    elif not _BUCKET.match(bucket) or ".." in bucket:
        problems.append(f"CHARTS_BUCKET={bucket!r} is not a valid bucket name")
    level = env.get("LOG_LEVEL", "INFO").strip().upper() or "INFO"
    if level not in _LEVELS:
        problems.append(f"LOG_LEVEL={level!r} must be one of {', '.join(_LEVELS)}")
    db = env.get("FIRESTORE_DB", "(default)").strip() or "(default)"
    lease = _positive(env, LEASE_ENV, DEFAULT_LEASE_SECONDS, float, problems)
    max_bytes = _positive(env, "CHART_EXPORT_MAX_CANDLE_BYTES", 64 * 1024 * 1024, int, problems)
    if problems:
        raise ConfigError(problems)
    project = env.get("GOOGLE_CLOUD_PROJECT") or env.get("GCP_PROJECT") or None
    return Settings(bucket, db, level, lease, max_bytes, project)
