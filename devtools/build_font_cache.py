"""Regenerate ``chart_export/mplcache/fontlist-v*.json``: matplotlib's font list, restricted to
the fonts matplotlib ships (stored relative to its data path, so the file is valid in any venv
with the same matplotlib version). Shipped with the function so a new instance does not spend
~0.5 s rebuilding the font cache. Run after changing the matplotlib pin:

    .venv/bin/python devtools/build_font_cache.py
"""

import os
import sys
import tempfile
from pathlib import Path

os.environ["MPLCONFIGDIR"] = tempfile.mkdtemp(prefix="mplcache-build-")

import matplotlib  # noqa: E402
from matplotlib import font_manager  # noqa: E402

OUT = Path(__file__).resolve().parents[1] / "chart_export" / "mplcache"


def main() -> int:
    manager = font_manager.FontManager()
    data = Path(matplotlib.get_data_path()).resolve()
    manager.ttflist = [f for f in manager.ttflist if Path(f.fname).resolve().is_relative_to(data)]
    manager.afmlist = [f for f in manager.afmlist if Path(f.fname).resolve().is_relative_to(data)]
    OUT.mkdir(exist_ok=True)
    for old in OUT.glob("fontlist-v*.json"):
        old.unlink()
    target = OUT / f"fontlist-v{font_manager.FontManager.__version__}.json"
    font_manager.json_dump(manager, target)
    print(f"{target} ({len(manager.ttflist)} TrueType, {len(manager.afmlist)} AFM fonts)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
