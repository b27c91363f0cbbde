"""Pine v6 built-ins as vectorised numpy, with TradingView's semantics, so that a study module
reads beside its Pine source line by line (``ta.rma`` -> ``rma``, ``ta.tr(true)`` ->
``tr(h, l, c, True)``, ``a > b`` -> ``gt(a, b)``).

Semantics (checked against TradingView's exports and the PyneCore oracle, tests/test_oracle.py):

* Series are float64 arrays as long as the chart; ``na`` is NaN.
* ``sma``, ``ema``, ``rma``, ``stdev``, ``msum`` skip na values the way Pine does: the window
  holds the last ``length`` non-na values and an na bar does not advance the state; on an na
  bar ``ema``/``rma`` give na, ``sma``/``msum``/``stdev`` repeat their previous value
  (``math.sum`` keeps its sum). EMA and RMA are seeded with the SMA of their first ``length``
  values.
* Comparisons of floats in a Pine script are tolerant: ``a > b`` is ``a - b > 1e-10``,
  ``a == b`` is ``|a - b| <= 1e-10`` (``gt``, ``lt``, ``eq``). Built-ins such as
  ``math.max``/``min`` and ``ta.highest``/``lowest`` compare exactly.
* ``highestbars``/``lowestbars``: a tie goes to the oldest bar of the window (TradingView's
  exports: tests/data/tradingview/highest+lowest.csv).
* Windowed sums are summed per window (no running total), so they do not drift.

Not a study module (its name starts with ``_``): the registry skips it.
"""

from __future__ import annotations

import math

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

EPSILON = 1e-10  # Pine's absolute float comparison tolerance


def na(n: int) -> np.ndarray:
    return np.full(n, np.nan)


def nz(x: np.ndarray, replacement: float = 0.0) -> np.ndarray:
    return np.where(np.isnan(x), replacement, x)


def fixnan(x: np.ndarray) -> np.ndarray:
    """Pine ``fixnan``: an na value is replaced by the last non-na one (leading na stay)."""
    x = np.asarray(x, dtype=np.float64)
    idx = np.maximum.accumulate(np.where(np.isnan(x), -1, np.arange(x.shape[0])))
    return np.where(idx >= 0, x[np.maximum(idx, 0)], np.nan)


def gt(a, b) -> np.ndarray:
    """Pine ``a > b`` on floats (tolerant); False where either is na."""
    return (np.asarray(a) - np.asarray(b)) > EPSILON


def lt(a, b) -> np.ndarray:
    return (np.asarray(b) - np.asarray(a)) > EPSILON


def eq(a, b) -> np.ndarray:
    return np.abs(np.asarray(a) - np.asarray(b)) <= EPSILON


def shift(x: np.ndarray, k: int = 1) -> np.ndarray:
    """Pine ``x[k]``: the value ``k`` bars back, na where it does not exist."""
    out = na(x.shape[0])
    if k == 0:
        out[:] = x
    elif 0 < k < x.shape[0]:
        out[k:] = x[:-k]
    return out


def change(x: np.ndarray, k: int = 1) -> np.ndarray:
    """``ta.change``: ``x - x[k]``."""
    return x - shift(x, k)


def cum(x: np.ndarray) -> np.ndarray:
    """``ta.cum``: running total; na where the source is na (and it adds nothing)."""
    out = np.cumsum(nz(x))
    out[np.isnan(x)] = np.nan
    return out


def _compact(f=None, *, carry: bool = False):
    """Run ``f(values, length)`` on the non-na values only (Pine's na-skipping windows) and put
    the results back on their bars; na bars stay na, or repeat the previous result (``carry``)."""
    if f is None:
        return lambda g: _compact(g, carry=carry)

    def wrapper(x, length: int, *args):
        x = np.asarray(x, dtype=np.float64)
        ok = ~np.isnan(x)
        if ok.all():
            return f(x, int(length), *args)
        out = na(x.shape[0])
        out[ok] = f(x[ok], int(length), *args)
        if carry:
            out[~ok] = fixnan(out)[~ok]
        return out

    wrapper.__doc__, wrapper.__name__ = f.__doc__, f.__name__
    return wrapper


def _window(x: np.ndarray, n: int, reduce) -> np.ndarray:
    out = na(x.shape[0])
    if x.shape[0] >= n:
        out[n - 1:] = reduce(sliding_window_view(x, n))
    return out


def _wsum(x: np.ndarray, n: int) -> np.ndarray:
    """Sum of each window of ``n``, compensated (Knuth's TwoSum per step), so it is the
    correctly rounded sum but for rare cases, as TradingView's compensated rolling sum is:
    ``sum(x^2)/n - mean^2`` of a flat window is then exactly 0 on both sides."""
    out = na(x.shape[0])
    if x.shape[0] < n:
        return out
    w = sliding_window_view(x, n)
    s = w[:, 0].copy()
    comp = np.zeros_like(s)
    t, bp, a = np.empty_like(s), np.empty_like(s), np.empty_like(s)
    for j in range(1, n):
        v = w[:, j]
        np.add(s, v, out=t)
        np.subtract(t, s, out=bp)  # err = (s - (t - bp)) + (v - bp)
        np.subtract(t, bp, out=a)
        np.subtract(s, a, out=a)
        comp += a
        np.subtract(v, bp, out=a)
        comp += a
        s, t = t, s
    out[n - 1:] = s + comp
    return out


@_compact(carry=True)
def msum(x: np.ndarray, n: int) -> np.ndarray:
    """``math.sum``: sum of the last ``n`` values, each window summed on its own."""
    return _wsum(x, n)


@_compact(carry=True)
def sma(x: np.ndarray, n: int) -> np.ndarray:
    """``ta.sma``: first value at the ``n``-th value."""
    return _wsum(x, n) / n


def _recursive(x: np.ndarray, n: int, step) -> np.ndarray:
    out = na(x.shape[0])
    if x.shape[0] < n:
        return out
    vals = x.tolist()
    prev = math.fsum(vals[:n]) / n  # the SMA seed, correctly rounded like TradingView's sum
    out[n - 1:] = [prev] + [(prev := step(prev, v)) for v in vals[n:]]
    return out


@_compact
def ema(x: np.ndarray, n: int) -> np.ndarray:
    """``ta.ema``: alpha = 2 / (n + 1), seeded with the SMA of the first ``n`` values."""
    if n == 1:
        return x.copy()
    alpha = 2.0 / (n + 1)
    return _recursive(x, n, lambda prev, v: prev + alpha * (v - prev))


@_compact
def rma(x: np.ndarray, n: int) -> np.ndarray:
    """``ta.rma`` (Wilder, TradingView's "SMMA (RMA)"): ``(prev * (n - 1) + x) / n``, seeded
    with the SMA of the first ``n`` values."""
    if n == 1:
        return x.copy()
    m = float(n - 1)
    return _recursive(x, n, lambda prev, v: (prev * m + v) / n)


def wma(x: np.ndarray, n: int) -> np.ndarray:
    """``ta.wma``: weights 1..n, newest heaviest (leading na skipped)."""
    x = np.asarray(x, dtype=np.float64)
    out = na(x.shape[0])
    ok = np.flatnonzero(~np.isnan(x))
    if ok.size == 0:
        return out
    s = int(ok[0])
    w = np.arange(1, n + 1, dtype=np.float64)
    out[s:] = _window(x[s:], n, lambda win: (win * w).sum(axis=1) / (n * (n + 1) / 2.0))
    return out


def vwma(x: np.ndarray, volume: np.ndarray, n: int) -> np.ndarray:
    """``ta.vwma``: ``sma(x * volume, n) / sma(volume, n)``."""
    return div(sma(x * volume, n), sma(volume, n))


@_compact(carry=True)
def variance(x: np.ndarray, n: int) -> np.ndarray:
    """``ta.variance`` (biased): ``sum(x^2) / n - mean^2``, clamped at 0, as TradingView."""
    p = _wsum(x, n)
    q = _wsum(x * x, n)
    m = p / n
    return np.maximum(q / n - m * m, 0.0)


def stdev(x: np.ndarray, n: int) -> np.ndarray:
    """``ta.stdev`` (biased): the square root of ``variance``."""
    return np.sqrt(variance(x, n))


def ma(kind: str, x: np.ndarray, n: int, volume: np.ndarray | None = None) -> np.ndarray:
    """The ``switch`` of TradingView's "Smoothing" / "MA Type" inputs."""
    if kind in ("SMA", "SMA + Bollinger Bands"):
        return sma(x, n)
    if kind == "EMA":
        return ema(x, n)
    if kind in ("SMMA (RMA)", "RMA"):
        return rma(x, n)
    if kind == "WMA":
        return wma(x, n)
    if kind == "VWMA":
        if volume is None:
            raise ValueError("VWMA needs the volume")
        return vwma(x, volume, n)
    raise ValueError(f"unknown moving average {kind!r}")


def tr(high: np.ndarray, low: np.ndarray, close: np.ndarray, handle_na: bool = False) -> np.ndarray:
    """``ta.tr(handle_na)``: ``max(high - low, |high - close[1]|, |low - close[1]|)``; on bar 0
    (no previous close) ``high - low`` with ``handle_na``, else na."""
    pc = shift(close)
    with np.errstate(invalid="ignore"):
        out = np.maximum(high - low, np.maximum(np.abs(high - pc), np.abs(low - pc)))
    out[np.isnan(pc)] = (high - low)[np.isnan(pc)] if handle_na else np.nan
    return out


def div(num, den) -> np.ndarray:
    """``num / den`` with na where ``den`` is 0 or either is na (Pine's division by zero)."""
    num, den = np.broadcast_arrays(np.asarray(num, dtype=np.float64), np.asarray(den, dtype=np.float64))
    out = np.full(num.shape, np.nan)
    np.divide(num, den, out=out, where=(den != 0.0) & ~np.isnan(den) & ~np.isnan(num))
    return out


def _extreme(x: np.ndarray, n: int, pick) -> np.ndarray:
    x = np.asarray(x, dtype=np.float64)
    if not np.isnan(x).any():
        return _window(x, n, lambda w: pick(w, axis=1))
    # leading na: the window holds the values that exist (na when none does)
    filled = np.where(np.isnan(x), -np.inf if pick is np.max else np.inf, x)
    out = _window(filled, n, lambda w: pick(w, axis=1))
    out[np.isinf(out)] = np.nan
    return out


def highest(x: np.ndarray, n: int) -> np.ndarray:
    """``ta.highest(x, n)``: exact maximum of the last ``n`` bars, na before bar ``n - 1``; na
    values in the window are left out (TradingView's partial window after a leading na)."""
    return _extreme(x, n, np.max)


def lowest(x: np.ndarray, n: int) -> np.ndarray:
    return _extreme(x, n, np.min)


def _bars(x: np.ndarray, n: int, pick) -> np.ndarray:
    # argmax/argmin return the first of equal values: the oldest bar of the window
    return _window(np.asarray(x, dtype=np.float64), n, lambda w: -(n - 1 - pick(w, axis=1)).astype(np.float64))


def highestbars(x: np.ndarray, n: int) -> np.ndarray:
    """``ta.highestbars``: offset (<= 0) of the highest of the last ``n`` bars, na before bar
    ``n - 1``; a tie goes to the oldest bar."""
    return _bars(x, n, np.argmax)


def lowestbars(x: np.ndarray, n: int) -> np.ndarray:
    return _bars(x, n, np.argmin)


def stoch(source: np.ndarray, high: np.ndarray, low: np.ndarray, n: int) -> np.ndarray:
    """``ta.stoch``: ``100 * (source - lowest(low)) / (highest(high) - lowest(low))``; na when
    the window is flat (division by zero) or holds na."""
    lo = lowest(low, n)
    return div(100.0 * (source - lo), highest(high, n) - lo)


def rsi(x: np.ndarray, n: int) -> np.ndarray:
    """``ta.rsi``: ``100 - 100 / (1 + rma(up) / rma(down))``: 100 when only rises, na when
    nothing moved over the whole smoothing."""
    d = change(x)
    up = rma(np.maximum(d, 0.0), n)  # math.max: na stays na
    down = rma(np.maximum(-d, 0.0), n)
    with np.errstate(divide="ignore", invalid="ignore"):
        return 100.0 - 100.0 / (1.0 + up / down)


# --------------------------------------------------------------------------- catalogue (issue 14)


def alma(x: np.ndarray, n: int, offset: float = 0.85, sigma: float = 6.0, floor: bool = False) -> np.ndarray:
    """``ta.alma``: Gaussian weights ``exp(-(i - m)^2 / (2 s^2))``, ``m = offset * (n - 1)``
    (floored with ``floor``), ``s = n / sigma``, ``i = 0`` the oldest bar of the window; each
    weight divided by their sum first (TradingView's order); na while the window holds na."""
    m = math.floor(offset * (n - 1)) if floor else offset * (n - 1)
    s = n / sigma
    w = np.exp(-((np.arange(n) - m) ** 2) / (2.0 * s * s))
    w = w / w.sum()
    return _window(np.asarray(x, dtype=np.float64), n, lambda win: win @ w)


def atr(high: np.ndarray, low: np.ndarray, close: np.ndarray, n: int) -> np.ndarray:
    """``ta.atr``: ``rma(tr(true), n)``, first value at bar ``n - 1``."""
    return rma(tr(high, low, close, True), n)


def roc(x: np.ndarray, n: int) -> np.ndarray:
    """``ta.roc``: ``100 * (x - x[n]) / x[n]``; na where ``x[n]`` is 0."""
    return div(100.0 * change(x, n), shift(x, n))


def swma(x: np.ndarray) -> np.ndarray:
    """``ta.swma``: ``(x + 2 * x[1] + 2 * x[2] + x[3]) / 6`` (weights 1/6, 2/6, 2/6, 1/6)."""
    return (x + 2 * shift(x, 1) + 2 * shift(x, 2) + shift(x, 3)) / 6


def tsi(x: np.ndarray, short: int, long: int) -> np.ndarray:
    """``ta.tsi``: ``ema(ema(m, long), short) / ema(ema(|m|, long), short)`` of ``m =
    ta.change(x)``, between -1 and 1 (no factor 100); na where the second is 0."""
    m = change(x)
    return div(ema(ema(m, long), short), ema(ema(np.abs(m), long), short))


def correlation(x: np.ndarray, y: np.ndarray, n: int) -> np.ndarray:
    """``ta.correlation``: ``cov / sqrt(vx * vy)`` from the window sums (``cov = sxy/n - mx*my``,
    ``v = max(0, sx2/n - m^2)``); 0 where ``|cov| <= 1e-10`` (a constant source too), else na
    where the variances' product is 0."""
    x, y = np.asarray(x, dtype=np.float64), np.asarray(y, dtype=np.float64)
    mx, my = _wsum(x, n) / n, _wsum(y, n) / n
    cov = _wsum(x * y, n) / n - mx * my
    vp = np.maximum(0.0, _wsum(x * x, n) / n - mx * mx) * np.maximum(0.0, _wsum(y * y, n) / n - my * my)
    out = div(cov, np.sqrt(vp))
    out[np.abs(cov) <= EPSILON] = 0.0
    return out


def percentrank(x: np.ndarray, n: int) -> np.ndarray:
    """``ta.percentrank``: the percentage of the previous ``n`` values (na ones not counted, but
    in the denominator) that are <= the current one (tolerant); from bar ``n``, na where the
    current value is na."""
    x = np.asarray(x, dtype=np.float64)
    out = na(x.shape[0])
    if x.shape[0] <= n:
        return out
    w = sliding_window_view(x, n + 1)  # w[:, -1] is the current value
    cur = w[:, -1:]
    with np.errstate(invalid="ignore"):
        count = ((w <= cur) | (w - cur <= EPSILON)).sum(axis=1)
    out[n:] = (count - 1) * 100.0 / n
    out[np.isnan(x)] = np.nan
    return out


def percentile_nearest_rank(x: np.ndarray, n: int, percentage: float) -> np.ndarray:
    """``ta.percentile_nearest_rank``: the window's value at rank ``ceil(percentage * n / 100)``
    (clamped to 1..n) of the sorted last ``n`` values; first value at bar ``n - 1``; na while the
    window holds na."""
    rank = min(max(math.ceil(percentage * n / 100), 1), n)
    return _window(np.asarray(x, dtype=np.float64), n, lambda w: np.sort(w, axis=1)[:, rank - 1])


def _pivot(x: np.ndarray, left: int, right: int, sign: float) -> np.ndarray:
    """``sign * x[i - right]`` rules of ta.pivothigh (sign 1) / ta.pivotlow (sign -1)."""
    x = np.asarray(x, dtype=np.float64)
    n, w = x.shape[0], left + right + 1
    out = np.full(n, np.nan)
    if n < w:
        return out
    win = np.lib.stride_tricks.sliding_window_view(sign * x, w)  # row r: bars r .. r + w - 1 (bar i = r + w - 1)
    c = win[:, left]
    with np.errstate(invalid="ignore"):
        before = np.nanmax(np.where(np.isnan(win[:, :left]), -np.inf, win[:, :left]), axis=1) <= c if left \
            else np.ones(len(c), dtype=bool)
        after = win[:, left + 1:].max(axis=1) < c if right else np.ones(len(c), dtype=bool)
    ok = before & after & ~np.isnan(win[:, left:]).any(axis=1)
    out[w - 1:] = np.where(ok, sign * c, np.nan)
    return out


def pivothigh(x: np.ndarray, left: int, right: int) -> np.ndarray:
    """ta.pivothigh(source, leftbars, rightbars): on bar i, ``x[i - right]`` when it is the highest
    of bars ``i - left - right .. i`` and the newest of equal highs (ties before it allowed, none
    after it); else NaN. A NaN before the pivot in its window is skipped (Pine's window restarts
    after an na: a series that starts na, e.g. an RSI, has pivots from its first values); a NaN
    at or after it leaves none."""
    return _pivot(x, int(left), int(right), 1.0)


def pivotlow(x: np.ndarray, left: int, right: int) -> np.ndarray:
    """ta.pivotlow: ``x[i - right]`` when it is the lowest of its window, the newest of equal lows."""
    return _pivot(x, int(left), int(right), -1.0)


def barssince(cond: np.ndarray) -> np.ndarray:
    """ta.barssince: bars since ``cond`` was last true (0 on a true bar); NaN before the first."""
    cond = np.asarray(cond, dtype=bool)
    idx = np.arange(cond.shape[0])
    last = np.maximum.accumulate(np.where(cond, idx, -1)) if cond.shape[0] else idx
    return np.where(last >= 0, idx - last, np.nan).astype(np.float64)


def valuewhen(cond: np.ndarray, source: np.ndarray, occurrence: int = 0) -> np.ndarray:
    """ta.valuewhen: ``source`` on the ``occurrence``-th most recent bar (0 = the latest, this
    bar included) where ``cond`` was true; NaN when there were not that many."""
    cond = np.asarray(cond, dtype=bool)
    source = np.asarray(source, dtype=np.float64)
    hits = np.flatnonzero(cond)
    k = np.searchsorted(hits, np.arange(cond.shape[0]), side="right") - 1 - int(occurrence)
    out = np.full(cond.shape[0], np.nan)
    ok = k >= 0
    out[ok] = source[hits[k[ok]]]
    return out
