"""Cold start: the shipped font cache is used as is, so no instance rebuilds it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from matplotlib import font_manager

REPO = Path(__file__).resolve().parents[1]
SHIPPED = REPO / "chart_export" / "mplcache"


def test_shipped_font_cache_matches_the_pinned_matplotlib():
    names = [p.name for p in SHIPPED.glob("fontlist-v*.json")]
    assert names == [f"fontlist-v{font_manager.FontManager.__version__}.json"], (
        "regenerate with devtools/build_font_cache.py")


def test_fresh_instance_uses_the_shipped_cache(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "MPLCONFIGDIR"}
    env.update(TMPDIR=str(tmp_path), CHARTS_BUCKET="cold-start-bucket", PYTHONPATH=str(REPO))
    code = ("import main, os; from chart_export import rendering; "
            "from matplotlib import font_manager as fm; print(os.environ['MPLCONFIGDIR']); "
            "print(fm.findfont('DejaVu Sans'))")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=REPO,
                          timeout=120)
    assert proc.returncode == 0, proc.stderr
    config_dir, font = proc.stdout.split()[-2:]
    assert Path(config_dir) == tmp_path / "chart_export-mplconfig"
    assert "building the font cache" not in proc.stderr
    (cache,) = Path(config_dir).glob("fontlist-v*.json")
    assert cache.read_bytes() == (SHIPPED / cache.name).read_bytes()  # loaded, not rebuilt
    assert Path(font).name == "DejaVuSans.ttf"
