"""Give matplotlib a writable config dir with a prebuilt font cache, before it is imported.

A new Cloud Functions instance has no matplotlib cache; building the font list costs ~0.5 s of
cold start. When ``MPLCONFIGDIR`` is unset we point it at a temp dir and seed it with the font
list shipped in ``chart_export/mplcache/`` (bundled fonts only, version-matched; regenerate with
``devtools/build_font_cache.py``). matplotlib ignores a cache of another version and rebuilds,
so a stale file costs time, never correctness.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from importlib import resources
from pathlib import Path


def prepare() -> Path | None:
    """Set ``MPLCONFIGDIR`` (if unset and matplotlib not yet imported); return the dir used."""
    if os.environ.get("MPLCONFIGDIR") or "matplotlib" in sys.modules:
        return None
    target = Path(tempfile.gettempdir()) / "chart_export-mplconfig"
    try:
        target.mkdir(parents=True, exist_ok=True)
        shipped = resources.files("chart_export").joinpath("mplcache")
        for entry in shipped.iterdir():
            if entry.name.startswith("fontlist-") and not (target / entry.name).exists():
                with resources.as_file(entry) as source:
                    shutil.copyfile(source, target / entry.name)
    except OSError:
        return None  # matplotlib falls back to its own temp dir and builds the cache
    os.environ["MPLCONFIGDIR"] = str(target)
    return target
