"""Interleaved A/B of our renderer between revisions: the five built-in templates, the same
renders as ``bench_render.py``'s "ours" side, timed render by render in turn on every side.

    .venv/bin/python benchmarks/ab_render.py 012212c 0feaf80 .           # revisions, or checkout folders
    .venv/bin/python benchmarks/ab_render.py old=/tmp/bench-old new=. --reps 30 --sizes 500 2000

Each side is a worker process of this interpreter running its own checkout (a folder, or a
revision exported with ``git archive`` into a temporary folder); the driver asks the sides in
turn (order alternating) to render one chart, so a busy machine slows every side alike. Per
chart: the median wall ms and the median CPU ms (``time.process_time``: on a machine shared
with other jobs, the time the render itself took) and each side's ratio to the first side.
Every side also returns the SHA-256 of each PNG it drew: the last column names the sides whose
PNG bytes (so pixels) equal the last side's on every repetition. No side's timing is used
by any test.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

_WORKER = r"""
import hashlib, json, os, sys, time
sys.path.insert(0, os.environ["AB_ROOT"])
from benchmarks.bench_render import make_candles, ours_factory
render = ours_factory()
candles = {}
clear = lambda: None
if os.environ.get("AB_COLD"):  # every render as on new candles: no study value kept from the last one
    try:
        from chart_export.studies._pine import _tv_sum_cached
        clear = _tv_sum_cached.cache_clear
    except ImportError:
        pass
for line in sys.stdin:
    tid, n = line.split()
    c = candles.get(n) or candles.setdefault(n, make_candles(int(n)))
    clear()
    t0, c0 = time.perf_counter(), time.process_time()
    png = render(tid, c)
    t1, c1 = time.perf_counter(), time.process_time()
    print(json.dumps([t1 - t0, c1 - c0, hashlib.sha256(png).hexdigest()]), flush=True)
"""


def _checkout(spec: str, tmp: Path) -> tuple[str, Path]:
    """``(name, folder)`` of ``name=where`` or ``where``: a folder, else a git revision exported."""
    name, _, where = spec.rpartition("=")
    where = where or spec
    name = name or where
    if Path(where).is_dir():
        return name, Path(where).resolve()
    folder = tmp / f"rev-{len(list(tmp.iterdir()))}"
    folder.mkdir()
    archive = subprocess.run(["git", "archive", where], cwd=ROOT, check=True, capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(folder)], input=archive, check=True)
    return name, folder


def main(argv: list[str] | None = None) -> int:
    from chart_export.templates import BUILTIN_TEMPLATE_IDS

    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("sides", nargs="+", help="[name=]folder or [name=]git revision; the first is the reference")
    p.add_argument("--reps", type=int, default=20, help="timed renders per side per chart (after 2 untimed)")
    p.add_argument("--sizes", type=int, nargs="*", default=[500, 2000])
    p.add_argument("--cold", action="store_true", help="clear the rolling-sum cache (studies/_pine) before each "
                   "render: the cost of a chart on new candles, which bench_render's repeated renders hide")
    args = p.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="ab-render-") as tmp:
        sides = [_checkout(s, Path(tmp)) for s in args.sides]
        names = [n for n, _ in sides]
        procs = {n: subprocess.Popen([sys.executable, "-c", _WORKER], cwd=str(folder), text=True,
                                     env={**os.environ, "AB_ROOT": str(folder), "AB_COLD": "1" if args.cold else ""},
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE) for n, folder in sides}

        def ask(name: str, tid: str, n: int) -> list:
            proc = procs[name]
            proc.stdin.write(f"{tid} {n}\n")
            proc.stdin.flush()
            return json.loads(proc.stdout.readline())

        res: dict[tuple[str, int, str], list[list]] = {}
        try:
            for n in args.sizes:
                for tid in sorted(BUILTIN_TEMPLATE_IDS):
                    for name in names:
                        ask(name, tid, n), ask(name, tid, n)  # warm-up: imports, fonts, figures
                    for r in range(args.reps):
                        for name in (names if r % 2 == 0 else names[::-1]):
                            res.setdefault((tid, n, name), []).append(ask(name, tid, n))
        finally:
            for proc in procs.values():
                proc.stdin.close()
                proc.wait()

    ref = names[0]
    print(f"{args.reps} interleaved renders per side per chart{' (cold: no cached sums)' if args.cold else ''} (Python {sys.version.split()[0]}, "
          f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}); median wall ms / median CPU ms\n")
    print("| template | candles | " + " | ".join(f"{n} wall / CPU" for n in names) + " | "
          + " | ".join(f"{n} / {ref} wall / CPU" for n in names[1:]) + f" | same PNG as {names[-1]} |")
    print("|---|---:|" + "---:|" * (2 * len(names) - 1) + "---|")
    totals = {n: [0.0, 0.0] for n in names}
    same_all = set(names[:-1])
    for n in args.sizes:
        for tid in sorted(BUILTIN_TEMPLATE_IDS):
            med = {}
            for name in names:
                runs = res[(tid, n, name)]
                med[name] = (statistics.median(v[0] for v in runs) * 1e3, statistics.median(v[1] for v in runs) * 1e3)
                totals[name][0] += med[name][0]
                totals[name][1] += med[name][1]
            last = {v[2] for v in res[(tid, n, names[-1])]}
            same = [x for x in names[:-1] if len(last) == 1 and {v[2] for v in res[(tid, n, x)]} == last]
            same_all &= set(same)
            print(f"| {tid} | {n} | " + " | ".join(f"{med[x][0]:.2f} / {med[x][1]:.2f}" for x in names) + " | "
                  + " | ".join(f"{med[x][0] / med[ref][0]:.3f} / {med[x][1] / med[ref][1]:.3f}" for x in names[1:])
                  + f" | {', '.join(same) or 'none'} |")
    print("| all charts | sum | " + " | ".join(f"{totals[x][0]:.1f} / {totals[x][1]:.1f}" for x in names) + " | "
          + " | ".join(f"{totals[x][0] / totals[ref][0]:.3f} / {totals[x][1] / totals[ref][1]:.3f}" for x in names[1:])
          + f" | {', '.join(x for x in names[:-1] if x in same_all) or 'none'} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
