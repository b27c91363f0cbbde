"""The oracle's input bars: deterministic series written to ``tests/data/oracle/bars/``.

Standard library only (runs under either venv). Each series stresses what TradingView's
built-ins handle in their own way:

* ``daily``: 420 daily bars rounded to a 0.05 tick (ties for highest/lowest, Aroon, SAR),
  a flat stretch (every price equal: flat windows for Stochastic, %R, BOP, RSI), opening
  gaps, zero-volume bars and a zero-volume run.
* ``intraday``: 30-minute bars of a 09:30-16:00 session on weekdays only (overnight and
  weekend gaps, several sessions for VWAP and session anchors), FX-like 0.0001 tick.
* ``short``: 12 bars, shorter than most warm-ups.
* ``weekly``: 640 weekly bars (Mondays, 2019-01-07 to 2031-04), 0.05 tick: twelve years for
  the yearly and multi-year anchors (Pivot Points Standard's Biyearly .. Decennially).
* ``eurusd_tv``: the bars of PyneCore's TradingView export ``sar.csv`` (real EURUSD data),
  its prices as the decimals TradingView quotes: the export writes some one ulp off
  (``1.0683799999999999`` for 1.06838), which PyneCore's runner rounds back to 6 significant
  digits (``script_runner._round_price``) before the script sees them, so the committed bars are
  the rounded ones and our studies see the very bits the oracle saw.

``python devtools/oracle/bars.py`` rewrites the files; they are committed, and tests and the
generator only read them.
"""

from __future__ import annotations

import csv
import math
import random
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "tests" / "data" / "oracle" / "bars"
TV = ROOT / "tests" / "data" / "tradingview"


def _round(x: float, tick: float, decimals: int) -> float:
    return round(round(x / tick) * tick, decimals)


def _walk(rng: random.Random, n: int, start: float, vol: float, tick: float, decimals: int):
    rows = []
    close = start
    for _ in range(n):
        gap = rng.gauss(0, vol * 0.6) if rng.random() < 0.15 else 0.0
        o = close + gap
        c = o + rng.gauss(0, vol)
        h = max(o, c) + abs(rng.gauss(0, vol * 0.5))
        lo = min(o, c) - abs(rng.gauss(0, vol * 0.5))
        o, h, lo, c = (_round(v, tick, decimals) for v in (o, h, lo, c))
        h, lo = max(h, o, c), min(lo, o, c)
        rows.append([o, h, lo, c])
        close = c
    return rows


def daily() -> list[list]:
    rng = random.Random(16)
    rows = _walk(rng, 420, 100.0, 1.2, 0.05, 2)
    # a flat stretch: 25 bars at one price
    p = rows[199][3]
    for i in range(200, 225):
        rows[i] = [p, p, p, p]
    t0 = datetime(2022, 1, 3, tzinfo=UTC)
    out = []
    for i, (o, h, lo, c) in enumerate(rows):
        vol = rng.randrange(1000, 50000)
        if i % 37 == 5 or 300 <= i < 306:
            vol = 0
        out.append([int((t0 + timedelta(days=i)).timestamp()), o, h, lo, c, vol])
    return out


def intraday() -> list[list]:
    rng = random.Random(30)
    day = datetime(2024, 3, 4, tzinfo=UTC)  # a Monday
    times = []
    while len(times) < 390:
        if day.weekday() < 5:
            t = day.replace(hour=14, minute=30)  # 09:30 New York (EST, UTC-5 until 10 March)
            for _ in range(13):
                times.append(int(t.timestamp()))
                t += timedelta(minutes=30)
        day += timedelta(days=1)
    rows = _walk(rng, len(times), 1.0850, 0.0009, 0.0001, 4)
    return [[t, *r, rng.randrange(0, 900) * 10] for t, r in zip(times, rows)]


def short() -> list[list]:
    rng = random.Random(12)
    rows = _walk(rng, 12, 50.0, 0.8, 0.01, 2)
    t0 = int(datetime(2024, 6, 3, tzinfo=UTC).timestamp())
    return [[t0 + 86400 * i, *r, rng.randrange(100, 900)] for i, r in enumerate(rows)]


def weekly() -> list[list]:
    rng = random.Random(1)
    rows = _walk(rng, 640, 150.0, 2.0, 0.05, 2)
    t0 = datetime(2019, 1, 7, tzinfo=UTC)  # a Monday
    return [[int((t0 + timedelta(weeks=i)).timestamp()), *r, rng.randrange(10000, 90000)] for i, r in enumerate(rows)]


def _quoted(price: float) -> float:
    """A price of about 1 back to its 6 significant digits (5 decimals: finer than the 0.0001
    tick, as PyneCore's ``_round_price`` keeps it)."""
    return round(price, 5 - math.floor(math.log10(abs(price)))) if price else 0.0


def eurusd_tv() -> list[list]:
    with (TV / "sar.csv").open() as f:
        return [[int(r["time"]), *(_quoted(float(r[k])) for k in ("open", "high", "low", "close")),
                 float(r["Volume"])] for r in csv.DictReader(f)]


SERIES = {"daily": daily, "intraday": intraday, "short": short, "eurusd_tv": eurusd_tv, "weekly": weekly}


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for name, make in SERIES.items():
        with (OUT / f"{name}.csv").open("w", newline="") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(["time", "open", "high", "low", "close", "volume"])
            for r in make():
                w.writerow([r[0], *(repr(float(v)) if isinstance(v, float) else v for v in r[1:])])


if __name__ == "__main__":
    main()
