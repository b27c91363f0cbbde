"""Benchmark: chart_export's renderer against mplfinance, drawing the same five charts.

    .venv/bin/python benchmarks/bench_render.py            # 500 and 2000 candles, 15 reps
    .venv/bin/python benchmarks/bench_render.py --quick    # 500 candles, 5 reps

Both sides get the same deterministic candles and the same prepared data: indicators are
computed over the whole history by the studies (``prepare_chart``) and the same visible
window (the last 144 bars at 800 px) is drawn, 800x600 px at 100 dpi, PNG into memory.
Timed per chart: indicator computation + drawing + PNG encoding (mplfinance with its
defaults: ``mpf.plot(..., savefig=BytesIO)``; candles, the same lines/panels through
``make_addplot``, ``volume=True`` where the template has a volume pane, the volume profile
as ``barh`` on the returned price axes). The two sides alternate (ours, theirs, ours, ...)
so drift of the machine hits both alike. Reported: median ms per template per size, the
ratio mplfinance / ours, and the peak RSS of a fresh subprocess per side that renders all
five templates at 10,000 candles (VmHWM of /proc/self/status, see ``_peak_rss_kib``).

``make_candles`` is also used by ``gallery.py``.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from chart_export.candles import Candles  # noqa: E402

DAY = 86_400


def make_candles(n: int, *, seed: int = 7, timeframe_seconds: int = DAY, start: int = 1_577_836_800, price: float = 30_000.0) -> Candles:
    """Deterministic OHLCV: a random walk with drifting regimes and volatility clusters."""
    rng = np.random.default_rng(seed)
    drift = np.repeat(rng.normal(0.0, 0.004, n // 60 + 1), 60)[:n]
    vol = 0.018 * np.exp(np.repeat(rng.normal(0.0, 0.3, n // 40 + 1), 40)[:n])
    r = drift + rng.normal(0.0, 1.0, n) * vol
    close = price * np.exp(np.cumsum(r))
    open_ = np.empty(n)
    open_[0] = price
    open_[1:] = close[:-1]
    open_ *= 1.0 + rng.normal(0.0, 0.0015, n)
    high = np.maximum(open_, close) * (1.0 + np.abs(rng.normal(0.0, 0.6, n)) * vol)
    low = np.minimum(open_, close) * (1.0 - np.abs(rng.normal(0.0, 0.6, n)) * vol)
    volume = rng.lognormal(8.0, 0.35, n) * (1.0 + 25.0 * np.abs(r))
    times = start + timeframe_seconds * np.arange(n, dtype=np.int64)
    return Candles.from_arrays(times, open_, high, low, close, volume)


# --------------------------------------------------------------------------- the two sides


def ours_factory():
    from chart_export.rendering import ChartRenderer
    from chart_export.templates import load_builtin

    renderer = ChartRenderer()

    def render(template_id: str, candles: Candles) -> bytes:
        return renderer.render(load_builtin(template_id), candles, symbol="BTCUSDT", timeframe="1d").png

    return render


def mplfinance_factory():
    import logging

    import matplotlib

    logging.getLogger("matplotlib.font_manager").setLevel(logging.ERROR)  # style 'charles' asks for missing weights

    matplotlib.use("Agg")
    import mplfinance as mpf
    import pandas as pd
    from matplotlib import pyplot as plt

    from chart_export.rendering import prepare_chart
    from chart_export.templates import load_builtin

    def render(template_id: str, candles: Candles) -> bytes:
        template = load_builtin(template_id)
        prep = prepare_chart(template, candles)
        w = prep.window
        index = pd.DatetimeIndex(pd.to_datetime(w.time, unit="s", utc=True).tz_localize(None))
        df = pd.DataFrame(
            {"Open": w.open, "High": w.high, "Low": w.low, "Close": w.close, "Volume": w.volume}, index=index
        )
        adds = []
        panel = 0
        volume = False
        profile = None
        ratios = [3]
        for ps in prep.studies:
            s = ps.series
            k = ps.study.kind
            if k == "ma_double":
                adds += [mpf.make_addplot(s["ma1"], color="#e69f00"), mpf.make_addplot(s["ma2"], color="#0072b2")]
            elif k == "bbands":
                adds += [mpf.make_addplot(s[n], color="#cc79a7") for n in ("upper", "basis", "lower")]
            elif k == "psar":
                adds.append(mpf.make_addplot(s["sar"], type="scatter", marker="+", markersize=20, color="#2196f3"))
            elif k == "vpvr":
                profile = ps.result
            elif k == "volume":
                volume = True
                panel += 1
                ratios.append(1)
            else:
                panel += 1
                ratios.append(1)
                if k == "macd":
                    adds += [
                        mpf.make_addplot(s["hist"], type="bar", panel=panel, color="#089981", alpha=0.5),
                        mpf.make_addplot(s["macd"], panel=panel, color="#0072b2"),
                        mpf.make_addplot(s["signal"], panel=panel, color="#e69f00"),
                    ]
                elif k == "adx":
                    adds += [mpf.make_addplot(s[n], panel=panel) for n in ("adx", "plus_di", "minus_di")]
                elif k == "rsi":
                    adds += [mpf.make_addplot(s["rsi"], panel=panel, ylim=(0, 100)), mpf.make_addplot(s["smoothing"], panel=panel)]
                elif k == "stochrsi":
                    adds += [mpf.make_addplot(s["k"], panel=panel, ylim=(0, 100)), mpf.make_addplot(s["d"], panel=panel)]
                elif k == "obv":
                    adds += [mpf.make_addplot(s["obv"], panel=panel), mpf.make_addplot(s["smoothing"], panel=panel)]
        kwargs = dict(
            type="candle", style="charles", addplot=adds, volume=volume, figsize=(8, 6), panel_ratios=tuple(ratios),
            title=f"BTCUSDT 1d {template_id}", warn_too_much_data=100_000, returnfig=True,
        )
        if volume:
            kwargs["volume_panel"] = 1
        fig, axes = mpf.plot(df, **kwargs)
        if profile is not None:
            ax = axes[0]
            edges = np.asarray(profile.edges)
            mids = (edges[:-1] + edges[1:]) / 2
            hgt = (edges[1] - edges[0]) * 0.8
            peak = float((profile.up + profile.down).max()) or 1.0
            scale = len(w) * 0.28 / peak
            right = len(w)
            ax.barh(mids, -profile.up * scale, left=right, height=hgt, color="#2f7fc1", alpha=0.35)
            ax.barh(mids, -profile.down * scale, left=right - profile.up * scale, height=hgt, color="#e6a400", alpha=0.35)
        buf = io.BytesIO()
        fig.savefig(buf, format="png", dpi=100)
        plt.close(fig)
        return buf.getvalue()

    return render


SIDES = {"ours": ours_factory, "mplfinance": mplfinance_factory}


# --------------------------------------------------------------------------- peak RSS


def _peak_rss_kib() -> float:
    """This process's peak RSS in KiB: VmHWM from /proc (per address space, so it starts
    afresh at exec). ``getrusage(RUSAGE_SELF).ru_maxrss`` is not used on Linux: it keeps
    the high-water mark of the forking parent across fork + exec, so a child of a big
    benchmark process would report the parent's peak."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return float(line.split()[1])
    except OSError:
        pass
    import resource

    return float(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)


def _rss_child(side: str, n: int) -> None:
    from chart_export.templates import BUILTIN_TEMPLATE_IDS

    render = SIDES[side]()
    candles = make_candles(n)
    sizes = [len(render(tid, candles)) for tid in BUILTIN_TEMPLATE_IDS]
    print(json.dumps({"side": side, "peak_mib": _peak_rss_kib() / 1024.0, "png_bytes": sizes}))


def peak_rss(side: str, n: int) -> dict:
    out = subprocess.run(
        [sys.executable, __file__, "--rss-child", side, "--rss-candles", str(n)],
        check=True, capture_output=True, text=True, cwd=str(ROOT),
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


# --------------------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="500 candles only, 5 repetitions")
    parser.add_argument("--reps", type=int, default=None, help="repetitions per side per chart (default 15, quick 5)")
    parser.add_argument("--sizes", type=int, nargs="*", default=None, help="candle counts (default 500 2000)")
    parser.add_argument("--rss-candles", type=int, default=10_000)
    parser.add_argument("--no-rss", action="store_true")
    parser.add_argument("--rss-child", choices=sorted(SIDES), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.rss_child:
        _rss_child(args.rss_child, args.rss_candles)
        return 0

    from chart_export.templates import BUILTIN_TEMPLATE_IDS

    reps = args.reps or (5 if args.quick else 15)
    sizes = args.sizes or ([500] if args.quick else [500, 2000])
    renders = {name: factory() for name, factory in SIDES.items()}
    times: dict[tuple[str, str, int], list[float]] = {}
    for n in sizes:
        candles = make_candles(n)
        for tid in BUILTIN_TEMPLATE_IDS:
            for name in SIDES:  # warm-up: imports, fonts, figure caches
                renders[name](tid, candles)
            for _ in range(reps):
                for name in SIDES:  # interleaved
                    t0 = time.perf_counter()
                    renders[name](tid, candles)
                    times.setdefault((name, tid, n), []).append(time.perf_counter() - t0)

    print(f"Median render time per chart, 800x600 PNG, {reps} repetitions per side, interleaved "
          f"(Python {sys.version.split()[0]}, {os.cpu_count()} CPUs).\n")
    print("| template | candles | ours (ms) | mplfinance (ms) | ratio (mplfinance / ours) |")
    print("|---|---:|---:|---:|---:|")
    ratios = []
    for n in sizes:
        for tid in BUILTIN_TEMPLATE_IDS:
            a = statistics.median(times[("ours", tid, n)]) * 1000
            b = statistics.median(times[("mplfinance", tid, n)]) * 1000
            ratios.append(b / a)
            print(f"| {tid} | {n} | {a:.1f} | {b:.1f} | {b / a:.2f}x |")
    print(f"\nSmallest ratio: {min(ratios):.2f}x (target >= 3x)")
    if not args.no_rss:
        print(f"\nPeak RSS, fresh process rendering all five templates at {args.rss_candles:,} candles:\n")
        print("| side | peak RSS (MiB) |")
        print("|---|---:|")
        for name in SIDES:
            info = peak_rss(name, args.rss_candles)
            print(f"| {name} | {info['peak_mib']:.1f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
