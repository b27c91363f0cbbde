"""Before/after of the built-in templates between a git revision and this checkout: per
template and candle file, the share of pixels that differ, the studies whose manifest ``last``
values changed, and per study output the visible bars whose values changed.

    .venv/bin/python benchmarks/compare_revs.py REV [--candles FILE ...] [--out DIR]

REV is checked out with ``git worktree add --detach`` into a temporary folder (removed at
the end) and run with this checkout's interpreter (``sys.executable``), so the two sides
share one venv. Without ``--candles``: 500 daily, 500 hourly and 160 daily sample candles
(``devtools.sample_data.candle_file``; 160 bars leave the warm-ups in the 144 visible ones).
A value counts as changed above 1e-9 relative; "big" is above 1e-4 of the output's scale.
"""

from __future__ import annotations

import argparse
import json
import pickle
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]

# run inside each checkout: prepare every built-in template on each candle file, keep the
# visible series of every study output
_DUMP = """
import pickle, sys
import numpy as np
from chart_export.candles import parse_candles
from chart_export.rendering import prepare_chart
from chart_export.templates import BUILTIN_TEMPLATE_IDS, load_builtin
out = {}
for cf in sys.argv[2:]:
    c = parse_candles(open(cf, "rb").read())
    for tid in sorted(BUILTIN_TEMPLATE_IDS):
        for s in prepare_chart(load_builtin(tid), c).studies:
            for k, v in s.series.items():
                out[(cf, tid, s.spec.name, k)] = np.asarray(v, dtype=float)
pickle.dump(out, open(sys.argv[1], "wb"))
"""


def _side(checkout: Path, out: Path, candles: list[str]) -> tuple[dict, dict]:
    """(visible series, {(candle file, template): (png path, meta)}) of one checkout."""
    series_file = out / "series.pkl"
    subprocess.run([sys.executable, "-c", _DUMP, str(series_file), *candles], cwd=checkout, check=True)
    charts = {}
    ids = json.loads(subprocess.run(
        [sys.executable, "-c", "import json; from chart_export.templates import BUILTIN_TEMPLATE_IDS as i; "
         "print(json.dumps(sorted(i)))"], cwd=checkout, check=True, capture_output=True, text=True).stdout)
    for cf in candles:
        for tid in ids:
            png, meta = out / f"{tid}-{Path(cf).stem}.png", out / f"{tid}-{Path(cf).stem}.json"
            subprocess.run([sys.executable, "-m", "chart_export", "render", "--template", tid, "--candles", cf,
                            "--out", str(png), "--meta", str(meta)], cwd=checkout, check=True, capture_output=True)
            charts[(cf, tid)] = (png, json.loads(meta.read_text()))
    return pickle.loads(series_file.read_bytes()), charts


def _changed(a, b) -> bool:
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return abs(a - b) > 1e-9 * max(abs(a), abs(b), 1e-300)
    return a != b


def _lasts(meta: dict) -> dict:
    return {(s["name"], k): v for s in meta.get("studies", []) for k, v in (s.get("last") or {}).items()}


def report(before: tuple[dict, dict], after: tuple[dict, dict]) -> list[str]:
    from PIL import Image

    lines = []
    for key in sorted(set(before[1]) & set(after[1])):
        (pa, ma), (pb, mb) = before[1][key], after[1][key]
        ia, ib = np.asarray(Image.open(pa).convert("RGB")), np.asarray(Image.open(pb).convert("RGB"))
        pct = 100.0 * float((ia != ib).any(axis=2).mean()) if ia.shape == ib.shape else float("nan")
        la, lb = _lasts(ma), _lasts(mb)
        last = [f"{n} {k} {la.get((n, k))} -> {lb.get((n, k))}" for n, k in sorted(set(la) | set(lb))
                if _changed(la.get((n, k)), lb.get((n, k)))]
        lines.append(f"{Path(key[0]).stem} {key[1]}: {pct:.2f} % of pixels differ; last values changed: "
                     f"{'; '.join(last) or 'none'}")
        for skey in sorted(k for k in set(before[0]) | set(after[0]) if k[:2] == key):
            x, y = before[0].get(skey), after[0].get(skey)
            if x is None or y is None or x.shape != y.shape:
                lines.append(f"    {skey[2]} {skey[3]}: only {'after' if x is None else 'before'} or other length")
                continue
            mask = int((np.isnan(x) != np.isnan(y)).sum())
            ok = ~np.isnan(x) & ~np.isnan(y)
            d = np.abs(x[ok] - y[ok])
            scale = float(np.max(np.abs(x[ok]))) if ok.any() else 0.0
            n = int((d > 1e-9 * np.abs(x[ok])).sum())
            if n or mask:
                lines.append(f"    {skey[2]} {skey[3]}: {n} of {x.size} visible bars changed "
                             f"({int((d > 1e-4 * scale).sum())} big, max {d.max() if d.size else 0:.4g}), "
                             f"na on {mask} other bars")
    return lines


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("rev")
    ap.add_argument("--candles", nargs="*", default=None)
    ap.add_argument("--out", type=Path, default=None, help="keep the charts here (default: a temporary folder)")
    a = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        out = a.out or Path(tmp)
        candles = [str(Path(c).resolve()) for c in a.candles or ()]
        if not candles:
            sys.path.insert(0, str(ROOT))
            from devtools.sample_data import candle_file

            for name, n, tf in (("daily500", 500, "1d"), ("hourly500", 500, "1h"), ("daily160", 160, "1d")):
                path = Path(tmp) / f"{name}.json"
                path.write_bytes(candle_file(n, timeframe=tf))
                candles.append(str(path))
        checkout = Path(tmp) / "rev"
        subprocess.run(["git", "worktree", "add", "--detach", "-q", str(checkout), a.rev], cwd=ROOT, check=True)
        try:
            (out / "before").mkdir(parents=True, exist_ok=True)
            (out / "after").mkdir(parents=True, exist_ok=True)
            before = _side(checkout, out / "before", candles)
            after = _side(ROOT, out / "after", candles)
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", str(checkout)], cwd=ROOT, check=False)
        print(f"before: {a.rev}; after: this checkout ({ROOT})")
        print("\n".join(report(before, after)))


if __name__ == "__main__":
    main()
