"""Deterministic OHLCV series for tests (seeded numpy RNG; same output on every run).

``make_series(kind, n, seed)`` returns ``{"open", "high", "low", "close", "volume"}`` as
float64 arrays of length ``n`` with ``high >= max(open, close)``, ``low <= min(open,
close)``, ``volume >= 0``, all finite and positive prices. Kinds:

* ``trend``      - geometric random walk with upward drift around 100, continuous opens.
* ``flat``       - prices on a 0.0001 tick around 1.0 with runs of identical OHLC bars
                   (zero range, zero change, sometimes zero volume), doji bars
                   (open == close with wicks), one long frozen run of 80 bars, and a
                   frozen start (the first bars are identical).
* ``gaps_small`` - random walk quoted around 0.0001 with opening gaps (next open jumps
                   away from the previous close), some bars entirely outside the last.
* ``gaps_large`` - the same shape quoted around 60,000.
"""

from __future__ import annotations

import numpy as np

KINDS = ("trend", "flat", "gaps_small", "gaps_large")
DEFAULT_SEED = 20240611


def _rng(kind: str, seed: int) -> np.random.Generator:
    return np.random.default_rng([seed, KINDS.index(kind)])


def _wicks(rng, o, c, rel):
    body_hi = np.maximum(o, c)
    body_lo = np.minimum(o, c)
    high = body_hi * (1.0 + np.abs(rng.normal(0.0, rel, o.shape)))
    low = body_lo * (1.0 - np.abs(rng.normal(0.0, rel, o.shape)))
    return high, low


def _trend(rng, n):
    r = rng.normal(0.0006, 0.012, n)
    close = 100.0 * np.exp(np.cumsum(r))
    open_ = np.empty(n)
    open_[0] = 100.0
    open_[1:] = close[:-1]
    high, low = _wicks(rng, open_, close, 0.004)
    volume = rng.lognormal(10.0, 0.6, n)
    return open_, high, low, close, volume


def _gaps(rng, n, scale):
    gap = np.where(rng.random(n) < 0.08, rng.normal(0.0, 0.04, n), 0.0)
    gap[0] = 0.0
    r = rng.normal(0.0002, 0.012, n)
    log_close = np.cumsum(np.log1p(gap) + r)
    close = scale * np.exp(log_close)
    prev_close = np.empty(n)
    prev_close[0] = scale
    prev_close[1:] = close[:-1]
    open_ = prev_close * (1.0 + gap)
    high, low = _wicks(rng, open_, close, 0.003)
    volume = rng.lognormal(8.0, 1.0, n)
    volume[rng.random(n) < 0.02] = 0.0
    return open_, high, low, close, volume


def _flat(rng, n):
    tick = 1e-4
    o = np.empty(n)
    h = np.empty(n)
    lo = np.empty(n)
    c = np.empty(n)
    v = np.empty(n)
    price = 1.0
    i = 0
    long_run_at = n * 2 // 5

    def frozen(length, zero_volume):
        nonlocal i
        for _ in range(length):
            if i >= n:
                return
            o[i] = h[i] = lo[i] = c[i] = price
            v[i] = 0.0 if zero_volume else float(rng.integers(1, 500))
            i += 1

    frozen(30, zero_volume=False)  # identical first bars (zero ranges from the start)
    while i < n:
        if long_run_at <= i < long_run_at + 40:
            frozen(80, zero_volume=bool(rng.random() < 0.5))
            continue
        kind = rng.choice(["walk", "frozen", "doji"], p=[0.55, 0.25, 0.20])
        if kind == "frozen":
            frozen(int(rng.integers(3, 30)), zero_volume=bool(rng.random() < 0.3))
            continue
        for _ in range(int(rng.integers(3, 25))):
            if i >= n:
                break
            op = price
            if kind == "walk":
                price = max(price + tick * int(rng.integers(-8, 9)), 50 * tick)
            cl = price  # doji: close == open
            hi = max(op, cl) + tick * int(rng.integers(0, 6))
            lw = max(min(op, cl) - tick * int(rng.integers(0, 6)), tick)
            o[i], h[i], lo[i], c[i] = op, hi, lw, cl
            v[i] = float(rng.integers(0, 5000))
            i += 1
    # snap to the tick grid so equal prices are exactly equal
    o, h, lo, c = (np.round(a / tick) * tick for a in (o, h, lo, c))
    return o, h, lo, c, v


def make_series(kind: str, n: int = 1000, seed: int = DEFAULT_SEED) -> dict[str, np.ndarray]:
    """Deterministic OHLCV series of the given kind (see module docstring)."""
    if kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}; expected one of {KINDS}")
    rng = _rng(kind, seed)
    if kind == "trend":
        o, h, lo, c, v = _trend(rng, n)
    elif kind == "flat":
        o, h, lo, c, v = _flat(rng, n)
    elif kind == "gaps_small":
        o, h, lo, c, v = _gaps(rng, n, 1e-4)
    else:
        o, h, lo, c, v = _gaps(rng, n, 60_000.0)
    # guarantee the OHLC invariants exactly, whatever rounding did
    h = np.maximum(h, np.maximum(o, c))
    lo = np.minimum(lo, np.minimum(o, c))
    return {
        "open": o.astype(np.float64),
        "high": h.astype(np.float64),
        "low": lo.astype(np.float64),
        "close": c.astype(np.float64),
        "volume": v.astype(np.float64),
    }
