"""Where the render time goes: cProfile over the five built-in templates (the same renders
as ``bench_render.py``'s "ours" side), printed by cumulative or own time.

    .venv/bin/python benchmarks/profile_render.py                      # 500 and 2000 candles, 10 reps
    .venv/bin/python benchmarks/profile_render.py --sort tottime --top 40
    .venv/bin/python benchmarks/profile_render.py --templates ctpl_price_psar_adi_v1 --sizes 500

Each template is rendered once untimed (imports, fonts, caches), then ``--reps`` times under
the profiler. Profile figures include the profiler's overhead: use them to rank costs, and
``bench_render.py`` / interleaved A/B runs for timings.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.bench_render import make_candles, ours_factory  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    from chart_export.templates import BUILTIN_TEMPLATE_IDS

    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--sizes", type=int, nargs="*", default=[500, 2000])
    p.add_argument("--reps", type=int, default=10)
    p.add_argument("--templates", nargs="*", default=sorted(BUILTIN_TEMPLATE_IDS))
    p.add_argument("--sort", default="cumulative", help="pstats sort key (cumulative, tottime, ...)")
    p.add_argument("--top", type=int, default=50)
    p.add_argument("--dump", help="also write the raw profile to this file")
    args = p.parse_args(argv)

    render = ours_factory()
    jobs = [(tid, make_candles(n)) for n in args.sizes for tid in args.templates]
    for tid, c in jobs:
        render(tid, c)
    prof = cProfile.Profile()
    prof.enable()
    for _ in range(args.reps):
        for tid, c in jobs:
            render(tid, c)
    prof.disable()
    if args.dump:
        prof.dump_stats(args.dump)
    st = pstats.Stats(prof)
    st.strip_dirs().sort_stats(args.sort).print_stats(args.top)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
