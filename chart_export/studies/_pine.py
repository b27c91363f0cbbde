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
* ``math.sum`` (and ``sma``, ``variance``, ``stdev``, ``correlation`` built on it) is
  TradingView's rolling compensated machine, reproduced bit for bit (``_tv_sum``): the same
  last bit as TradingView, not the correctly rounded sum (a flat window's variance is then
  TradingView's rounding residue, and two SMAs tie or not exactly where TradingView's do).

Not a study module (its name starts with ``_``): the registry skips it.
"""

from __future__ import annotations

import functools
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


def _libm(f, x) -> np.ndarray:
    x = np.asarray(x, dtype=np.float64)
    out = na(x.shape[0])
    ok = np.flatnonzero(x > 0.0)
    out[ok] = [f(v) for v in x[ok].tolist()]
    return out


def log(x: np.ndarray) -> np.ndarray:
    """``math.log``: natural logarithm through the C library (Python's ``math.log``), not
    numpy's vectorised one, which differs from it by an ulp on some values (16 of the daily
    series' 419 returns): that ulp is all a standard deviation of a flat window is made of.
    TradingView's own ``math.log`` is the JVM's Intel LIBM stub, not correctly rounded either
    (PyneCore ports it operation for operation in ``core/pine_math.py``, measured exact): the
    C library's still differs from it by an ulp on a few bars (11 of the oracle's 380 HV
    values), well inside the oracle's 1e-9. na where ``x <= 0`` or na."""
    return _libm(math.log, x)


def log10(x: np.ndarray) -> np.ndarray:
    """``math.log10``, as ``log`` (TradingView's is the same LIBM family's ``log10``)."""
    return _libm(math.log10, x)


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
        if carry:  # an na bar reports the standing result, na included (a sum an inf made na)
            last = np.maximum.accumulate(np.where(ok, np.arange(x.shape[0]), -1))
            out[~ok] = np.where(last >= 0, out[np.maximum(last, 0)], np.nan)[~ok]
        return out

    wrapper.__doc__, wrapper.__name__ = f.__doc__, f.__name__
    return wrapper


def _window(x: np.ndarray, n: int, reduce) -> np.ndarray:
    out = na(x.shape[0])
    if x.shape[0] >= n:
        out[n - 1:] = reduce(sliding_window_view(x, n))
    return out


def _tv_sum(vals: list[float], n: int) -> list[float]:
    """TradingView's rolling ``math.sum`` machine over ``vals`` (no na), as PyneCore measured it
    bit for bit (``pynecore/core/rolling_sum.py``): a compensated running sum, each bar evicting
    the *entry stored* for the value ``n`` bars back and adding its own value in one fused
    two-round step (the entry stored is the realized addend, not the raw value); while the
    window fills a plain compensated add. On a bar where the carried compensation ``c`` would
    round ``x + |c|`` down (the fixed-order Fast2Sum residue ``|c| - (fl(x + |c|) - x)`` is > 0)
    the machine re-baselines: the sum becomes the plain newest-first sum of the raw window, ``c``
    is cleared and the raw value stored. Sequential by nature (the re-baseline depends on the
    carried state), so it is one Python loop: the arithmetic, not numpy, decides the last bit."""
    m = len(vals)
    out = [math.nan] * m
    ent = [0.0] * m
    s = c = 0.0
    for k in range(m):
        x = vals[k]
        if c and x:  # the re-baseline test (the three conditions in any order: no side effect)
            b = c if c > 0.0 else -c
            r = x + b
            if b - (r - x) > 0.0 and r - r == 0.0 and r:
                s = x
                for j in range(k - 1, max(k - n, -1), -1):  # the rest of the window, newest first
                    s += vals[j]
                c = 0.0
                ent[k] = x
                out[k] = s
                continue
        if k < n:  # the window fills: nothing leaves, a plain compensated add
            y = x - c
            t = s + y
            c = (t - s) - y
            s = t
            ent[k] = y
        else:  # steady state: the fused evict-and-add
            y1 = -ent[k - n] - c
            t = s + y1
            y2 = x - ((t - s) - y1)
            s = t + y2
            c = (s - t) - y2
            ent[k] = y2
        out[k] = s
    out[:n - 1] = [math.nan] * min(n - 1, m)
    return out


@functools.lru_cache(maxsize=8)
def _tv_sum_cached(data: bytes, n: int) -> np.ndarray:
    out = np.array(_tv_sum(np.frombuffer(data, dtype=np.float64).tolist(), n), dtype=np.float64)
    out.flags.writeable = False
    return out


def _wsum(x: np.ndarray, n: int) -> np.ndarray:
    """``math.sum`` of a series without na: TradingView's rolling machine (``_tv_sum``). A
    study often sums one series twice (``sma`` and ``stdev`` of the same source): the last few
    results are kept (keyed by the values' bytes), and a copy is returned."""
    return _tv_sum_cached(np.ascontiguousarray(x, dtype=np.float64).tobytes(), int(n)).copy()


@_compact(carry=True)
def msum(x: np.ndarray, n: int) -> np.ndarray:
    """``math.sum``: sum of the last ``n`` non-na values (TradingView's rolling machine)."""
    return _wsum(x, n)


@_compact(carry=True)
def sma(x: np.ndarray, n: int) -> np.ndarray:
    """``ta.sma``: first value at the ``n``-th value."""
    return _wsum(x, n) / n


def _recursive(x: np.ndarray, n: int, kind: str, a: float) -> np.ndarray:
    """The recursive averages, seeded with ``ta.sma`` on the ``n``-th value: ``"ema"`` is
    ``prev + a * (x - prev)``, ``"rma"`` is ``(prev * a + x) / n``. One Python loop each, the
    arithmetic written out in place (no call per bar: ~25 % faster than a step function)."""
    out = na(x.shape[0])
    if x.shape[0] < n:
        return out
    vals = x.tolist()
    prev = seed = _tv_sum(vals[:n], n)[-1] / n  # the seed: ta.sma on the n-th value
    rest = vals[n:]
    if kind == "ema":
        steps = [(prev := prev + a * (v - prev)) for v in rest]
    else:
        steps = [(prev := (prev * a + v) / n) for v in rest]
    out[n - 1] = seed
    out[n:] = steps
    return out


@_compact
def ema(x: np.ndarray, n: int) -> np.ndarray:
    """``ta.ema``: alpha = 2 / (n + 1), seeded with the SMA of the first ``n`` values."""
    if n == 1:
        return x.copy()
    return _recursive(x, n, "ema", 2.0 / (n + 1))


@_compact
def rma(x: np.ndarray, n: int) -> np.ndarray:
    """``ta.rma`` (Wilder, TradingView's "SMMA (RMA)"): ``(prev * (n - 1) + x) / n``, seeded
    with the SMA of the first ``n`` values."""
    if n == 1:
        return x.copy()
    return _recursive(x, n, "rma", float(n - 1))


def wma(x: np.ndarray, n: int) -> np.ndarray:
    """``ta.wma``: weights 1..n, newest heaviest. The window is the last ``n`` bars with an na
    bar forward-filled by the last value before it (not compacted like ``sma``); the na bar
    itself is na, and so is every bar before the ``n``-th non-na value. Each window is summed
    oldest first, ``s = s + y * k`` for ``k`` = 1..n, then divided by ``1 + 2 + ... + n``
    (PyneCore's measured TradingView order)."""
    x = np.asarray(x, dtype=np.float64)
    out = na(x.shape[0])
    isna = np.isnan(x)
    ok = np.flatnonzero(~isna)
    if ok.size < n:
        return out
    s = int(ok[0])
    ff = fixnan(x[s:])
    if ff.shape[0] >= n:
        w = sliding_window_view(ff, n)
        acc = np.zeros(w.shape[0])
        for k in range(n):
            acc += w[:, k] * float(k + 1)
        out[s + n - 1:] = acc / float(n * (n + 1) // 2)
    out[isna] = np.nan
    out[:int(ok[n - 1])] = np.nan  # fewer than n values so far
    return out


def linreg(x: np.ndarray, n: int, offset: int = 0) -> np.ndarray:
    """``ta.linreg``: the least-squares line through the last ``n`` values (x = 1..n from the
    oldest), at ``n - offset``; na while the window holds na. TradingView's arithmetic as
    PyneCore measured it: each window re-summed oldest first (``sum_y += y``, ``sum_xy += y * k``),
    ``slope = (n * sum_xy - sum_x * sum_y) / (n * sum_x2 - sum_x^2)``, ``intercept = mean -
    slope * sum_x / n + slope`` and the value ``intercept + slope * (n - 1 - offset)``."""
    x = np.asarray(x, dtype=np.float64)
    out = na(x.shape[0])
    if x.shape[0] < n:
        return out
    sx = sx2 = 0.0
    for k in range(1, n + 1):
        sx = sx + float(k)
        sx2 = sx2 + float(k) * float(k)
    denom = n * sx2 - sx * sx
    w = sliding_window_view(x, n)
    sy = np.zeros(w.shape[0])
    sxy = np.zeros(w.shape[0])
    for k in range(n):
        sy += w[:, k]
        sxy += w[:, k] * float(k + 1)
    with np.errstate(divide="ignore", invalid="ignore"):
        slope = (n * sxy - sx * sy) / denom
        intercept = sy / n - slope * sx / n + slope
        out[n - 1:] = intercept + slope * float(n - 1 - offset)
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


def divide(num, den) -> np.ndarray:
    """Pine's ``/`` as TradingView computes it (PyneCore measured, ``core/safe_convert.py``):
    ``x / 0`` is +-inf by the signs (a ``-0.0`` counts), ``0 / 0`` and na operands are na. ``na()``
    reports inf as na, so a plot does not draw it, but a running sum carries it (``sma`` of
    it is inf while it is in the window and na, for good, once it leaves: inf - inf)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.divide(np.asarray(num, dtype=np.float64), np.asarray(den, dtype=np.float64))


def finite(x: np.ndarray) -> np.ndarray:
    """What a ``plot`` of ``x`` draws: na where ``x`` is na or +-inf."""
    return np.where(np.isfinite(x), x, np.nan)


def div(num, den) -> np.ndarray:
    """``num / den`` with na where ``den`` is 0 or either is na: ``divide`` where the quotient
    is only ever plotted or compared with ``na()`` (where inf and na are the same)."""
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
    mx, my = msum(x, n) / n, msum(y, n) / n  # five math.sum machines, each na-compacted
    cov = msum(x * y, n) / n - mx * my
    vp = np.maximum(0.0, msum(x * x, n) / n - mx * mx) * np.maximum(0.0, msum(y * y, n) / n - my * my)
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
    win = sliding_window_view(sign * x, w)  # row r: bars r .. r + w - 1 (bar i = r + w - 1)
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
