"""The study registry: every module of this package defines studies, found by pkgutil.

A module declares ``STUDY = StudySpec(...)`` (or ``STUDIES = (...)`` for a family) — see
``README.md`` here. Adding a study is one new module plus its test; nothing else changes.
Modules whose name starts with ``_`` and :mod:`.spec` are helpers, not studies.

Imported by :mod:`chart_export.templates` (and so only when a template is parsed), never on
the function's no-op fast path.
"""

from __future__ import annotations

import difflib
import importlib
import pkgutil
from functools import cache
from types import MappingProxyType
from typing import Mapping

from .spec import StudySpec

_HELPERS = {"spec"}


def _normalise(name: str) -> str:
    return " ".join(name.split()).lower()


@cache
def _load() -> tuple[Mapping[str, StudySpec], Mapping[str, str], Mapping[str, StudySpec]]:
    """(name -> spec, normalised name or alias -> name, kind -> spec)."""
    specs: dict[str, StudySpec] = {}
    kinds: dict[str, StudySpec] = {}
    names: dict[str, str] = {}
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if info.name.startswith("_") or info.name in _HELPERS:
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        found = getattr(module, "STUDIES", None) or ((module.STUDY,) if hasattr(module, "STUDY") else ())
        if not found:
            raise ImportError(f"{module.__name__} defines neither STUDY nor STUDIES")
        for spec in found:
            if spec.name in specs or spec.kind in kinds:
                raise ImportError(f"{module.__name__}: study {spec.name!r} / kind {spec.kind!r} is defined twice")
            specs[spec.name] = spec
            kinds[spec.kind] = spec
    for spec in specs.values():
        names.setdefault(_normalise(spec.name), spec.name)
    for spec in specs.values():
        for alias in spec.aliases:
            taken = names.setdefault(_normalise(alias), spec.name)
            if taken != spec.name:
                raise ImportError(f"alias {alias!r} of {spec.name!r} is already {taken!r}")
    return MappingProxyType(dict(sorted(specs.items()))), MappingProxyType(names), MappingProxyType(kinds)


def studies() -> Mapping[str, StudySpec]:
    """Every registered study by its TradingView name (sorted)."""
    return _load()[0]


def known_names() -> tuple[str, ...]:
    return tuple(studies())


def lookup(name: str) -> StudySpec | None:
    """The spec for a study name as a template writes it (case and spaces ignored,
    aliases such as ``RSI`` accepted), or None."""
    canonical = _load()[1].get(_normalise(name))
    return None if canonical is None else studies()[canonical]


def by_kind(kind: str) -> StudySpec:
    """The spec of a parsed study's ``kind`` (KeyError when none)."""
    return _load()[2][kind]


def closest(name: str, n: int = 3) -> list[str]:
    """Canonical names of the known studies (names and aliases) closest to ``name``."""
    table = _load()[1]
    out: list[str] = []
    for hit in difflib.get_close_matches(_normalise(name), list(table), n=n * 3, cutoff=0.5):
        if table[hit] not in out:
            out.append(table[hit])
    return out[:n]


__all__ = ["StudySpec", "by_kind", "closest", "known_names", "lookup", "studies"]
