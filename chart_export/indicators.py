"""Technical indicators as plain numpy functions (one per indicator, named after TA-Lib).

Conventions shared by every function here:

* Inputs are 1-D array-likes converted to float64; outputs have the input's length and
  are NaN where the indicator is not defined yet (warm-up), exactly where TA-Lib's are
  unless a docstring says otherwise.
* Leading NaNs are skipped the way the TA-Lib Python wrapper does: the warm-up starts at
  the first bar where every input is non-NaN. A NaN *inside* the data is not repaired:
  windowed values (SMA, Bollinger, Stochastic) are NaN for the windows holding it and
  recursive ones (EMA, MACD, RSI, ADX/DI) are NaN from there on -- where TA-Lib prints
  0 or a frozen value; SAR and OBV skip the comparisons it takes part in, as TA-Lib does.
  (Candles are validated upstream, so this is a corner case.)
* Recursive indicators (EMA, MACD, RSI, ADX/DI, SAR) and OBV repeat the arithmetic of
  the TA-Lib 0.8 C library operation for operation (RSI scales by a hoisted ``1/n``;
  MACD and SAR use fused multiply-adds), so on Python >= 3.13 (``math.fma``) they give
  the same bits as TA-Lib; older Pythons differ in the last bit of MACD/SAR only.
  Windowed sums (SMA, Bollinger, Stochastic smoothing) are computed per window rather
  than with a running total, the numerically stable choice; they agree with TA-Lib to
  ~1e-13 relative or better.
* Bad parameters raise ``ValueError``.

Only numpy and the standard library are imported, so importing this module is cheap.
"""

from __future__ import annotations

import math
import numbers
from dataclasses import dataclass

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

__all__ = [
    "VolumeProfile",
    "adx",
    "bbands",
    "dmi",
    "ema",
    "macd",
    "minus_di",
    "obv",
    "plus_di",
    "rsi",
    "sar",
    "sma",
    "stddev",
    "stochrsi",
    "trange",
    "volume_profile",
]

# TA-Lib's TA_EPSILON: the fixed band of its TA_IS_ZERO on dimensionless quantities
# (the +DI/-DI sum), and the relative band of TA_IS_ZERO_SCALED (Stochastic range).
_TA_EPSILON = 1e-14


def _fma_fallback(a: float, b: float, c: float) -> float:
    return a * b + c


# Fused multiply-add (one rounding), as TA-Lib 0.8's MACD and SAR kernels compute their
# steps (fma() in hardware or software). math.fma exists from Python 3.13; before that
# the unfused form differs in the last bit only.
_fma = getattr(math, "fma", _fma_fallback)

# Cells per chunk of volume_profile's (bars x rows) overlap matrix: bounds memory (~8 MB).
_VP_CELLS = 1 << 20


# --------------------------------------------------------------------------- helpers


def _series(x, name: str) -> np.ndarray:
    """Return ``x`` as a 1-D float64 array, or raise ValueError."""
    try:
        a = np.asarray(x, dtype=np.float64)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"{name} must be a 1-D array of numbers: {exc}") from None
    if a.ndim != 1:
        raise ValueError(f"{name} must be 1-D, got shape {a.shape}")
    return a


def _same_length(**arrays: np.ndarray) -> int:
    lengths = {name: a.shape[0] for name, a in arrays.items()}
    if len(set(lengths.values())) > 1:
        detail = ", ".join(f"{k}={v}" for k, v in lengths.items())
        raise ValueError(f"inputs must have the same length, got {detail}")
    return next(iter(lengths.values()))


def _period(n, name: str, minimum: int = 1) -> int:
    """Validate an integer period (bools and non-integral numbers are rejected)."""
    if isinstance(n, bool) or not isinstance(n, numbers.Integral):
        raise ValueError(f"{name} must be an integer >= {minimum}, got {n!r}")
    n = int(n)
    if n < minimum:
        raise ValueError(f"{name} must be an integer >= {minimum}, got {n}")
    return n


def _real(v, name: str) -> float:
    if isinstance(v, bool) or not isinstance(v, numbers.Real) or not math.isfinite(v):
        raise ValueError(f"{name} must be a finite real number, got {v!r}")
    return float(v)


def _first_valid(*arrays: np.ndarray) -> int:
    """Index of the first bar where no input is NaN (len if there is none)."""
    ok = ~np.isnan(arrays[0])
    for a in arrays[1:]:
        ok &= ~np.isnan(a)
    idx = np.flatnonzero(ok)
    return int(idx[0]) if idx.size else arrays[0].shape[0]


def _array(values: list) -> np.ndarray:
    return np.fromiter(values, dtype=np.float64, count=len(values))


def _nan(n: int) -> np.ndarray:
    return np.full(n, np.nan)


def _rolling_mean(a: np.ndarray, n: int) -> np.ndarray:
    """Mean of every full window of ``n`` (len(a) - n + 1 values), summed per window."""
    return sliding_window_view(a, n).sum(axis=1) / n


def _is_zero(v: np.ndarray) -> np.ndarray:
    """TA-Lib's TA_IS_ZERO: inside the fixed band (-1e-14, 1e-14)."""
    return (-_TA_EPSILON < v) & (v < _TA_EPSILON)


def _div100(num: np.ndarray, den: np.ndarray, ok: np.ndarray) -> np.ndarray:
    """``100 * (num / den)`` where ``ok``, 0 elsewhere (NaN stays NaN), without division
    warnings."""
    out = np.zeros(num.shape)
    np.divide(num, den, out=out, where=ok)
    out *= 100.0
    out[np.isnan(num) | np.isnan(den)] = np.nan
    return out


# ------------------------------------------------------------------ moving averages


def sma(x, n: int) -> np.ndarray:
    """Simple moving average over ``n`` bars; first value at bar ``n - 1``.

    Each window is summed on its own (no running total), so there is no drift over long
    series and no cancellation against a large price level.
    """
    x = _series(x, "x")
    n = _period(n, "n")
    out = _nan(x.shape[0])
    s = _first_valid(x)
    if x.shape[0] - s >= n:
        out[s + n - 1 :] = _rolling_mean(x[s:], n)
    return out


def _ema_values(v: list, n: int, k: float) -> list:
    """TA-Lib EMA over a NaN-free prefix: seed = SMA of the first n, then recursion."""
    if n == 1:
        return list(v)
    seed = 0.0
    for t in v[:n]:
        seed += t
    prev = seed / n
    return [prev] + [(prev := (t - prev) * k + prev) for t in v[n:]]


def ema(x, n: int) -> np.ndarray:
    """Exponential moving average, TA-Lib seeding: first value (bar ``n - 1``) is the SMA
    of the first ``n`` bars, then ``ema = (x - ema) * k + ema`` with ``k = 2 / (n + 1)``.
    ``n == 1`` returns the input unchanged."""
    x = _series(x, "x")
    n = _period(n, "n")
    out = _nan(x.shape[0])
    s = _first_valid(x)
    if x.shape[0] - s >= n:
        out[s + n - 1 :] = _ema_values(x[s:].tolist(), n, 2.0 / (n + 1))
    return out


def bbands(x, n: int, k: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Bollinger Bands ``(upper, middle, lower)``: middle = SMA(n), bands = middle +/- k *
    population standard deviation of the same ``n`` bars (TA-Lib BBANDS with SMA,
    nbdevup = nbdevdn = k). First value at bar ``n - 1``.

    The deviation is ``stddev`` (two passes per window, not E[x^2] - E[x]^2 like TA-Lib),
    so a flat window gives exactly 0 instead of rounding noise and a high price level does
    not eat the precision of a narrow band.
    """
    x = _series(x, "x")
    n = _period(n, "n")
    k = _real(k, "k")
    if k < 0:
        raise ValueError(f"k must be >= 0, got {k}")
    middle = sma(x, n)
    band = k * stddev(x, n)
    return middle + band, middle, middle - band


def stddev(x, n: int) -> np.ndarray:
    """Population standard deviation over ``n`` bars (TA-Lib STDDEV with nbdev 1, Pine
    ``ta.stdev``); first value at bar ``n - 1``.

    Two passes per window on the window shifted by its first value (not E[x^2] - E[x]^2
    like TA-Lib): the shift is exact for nearby prices, so a flat window gives exactly 0
    and a high price level costs no precision.
    """
    x = _series(x, "x")
    n = _period(n, "n")
    out = _nan(x.shape[0])
    s = _first_valid(x)
    if x.shape[0] - s >= n:
        win = sliding_window_view(x[s:], n)
        shifted = win - win[:, :1]
        dev = shifted - (shifted.sum(axis=1) / n)[:, None]
        out[s + n - 1 :] = np.sqrt((dev * dev).sum(axis=1) / n)
    return out


def macd(x, fast: int, slow: int, signal: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """MACD ``(macd, signal, hist)`` exactly as TA-Lib MACD (EMA steps as fused
    multiply-adds ``fma(x - ema, k, ema)``, ``k = 2 / (period + 1)``).

    * If ``slow < fast`` the two are swapped (TA-Lib does the same).
    * Both price EMAs are seeded on the same bar, ``slow - 1``: the slow EMA with the SMA
      of the first ``slow`` bars, the fast EMA with the SMA of the ``fast`` bars ending
      there (so the fast EMA is *not* the standalone ``ema(x, fast)``).
    * The signal EMA is seeded with the SMA of the first ``signal`` MACD values.
    * All three outputs start at bar ``slow + signal - 2`` (TA-Lib leaves the MACD line
      NaN until the signal exists, so do we).
    """
    x = _series(x, "x")
    fast = _period(fast, "fast")
    slow = _period(slow, "slow")
    signal = _period(signal, "signal")
    if slow < fast:
        fast, slow = slow, fast
    size = x.shape[0]
    out_m, out_s, out_h = _nan(size), _nan(size), _nan(size)
    s = _first_valid(x)
    first = s + slow + signal - 2
    if first >= size:
        return out_m, out_s, out_h
    v = x[s:].tolist()
    kf = 2.0 / (fast + 1)
    ks = 2.0 / (slow + 1)
    kg = 2.0 / (signal + 1)
    fma = _fma
    # Seeds: the fast window is the tail of the slow window.
    tot = 0.0
    for t in v[: slow - fast]:
        tot += t
    pf = 0.0
    for t in v[slow - fast : slow]:
        pf += t
        tot += t
    ps = tot / slow
    pf = pf / fast
    if slow == 1:  # both periods 1 (TA-Lib requires >= 2): no smoothing at all
        line = [t - t for t in v]
    elif fast == 1:  # the fast "EMA" is the price itself
        line = [pf - ps] + [t - (ps := fma(t - ps, ks, ps)) for t in v[slow:]]
    else:
        line = [pf - ps] + [
            (pf := fma(t - pf, kf, pf)) - (ps := fma(t - ps, ks, ps)) for t in v[slow:]
        ]
    sg = 0.0
    for m in line[:signal]:
        sg += m
    sg = sg / signal
    sig = [sg] + [(sg := fma(m - sg, kg, sg)) for m in line[signal:]]
    m_arr = np.asarray(line[signal - 1 :])
    s_arr = np.asarray(sig)
    out_m[first:] = m_arr
    out_s[first:] = s_arr
    out_h[first:] = m_arr - s_arr
    return out_m, out_s, out_h


# --------------------------------------------------------------------------- RSI


def _rsi_values(v: np.ndarray, n: int) -> np.ndarray:
    """RSI over a NaN-free-start array with len(v) > n; returns len(v) - n values."""
    d = np.diff(v)
    gain = np.where(d > 0.0, d, 0.0)
    gain[np.isnan(d)] = np.nan
    loss = gain - d  # exact: -d for a fall, 0 for a rise or no change
    inv = 1.0 / n
    m = float(n - 1)
    g = 0.0
    ls = 0.0
    for a in gain[:n].tolist():
        g += a
    for b in loss[:n].tolist():
        ls += b
    g *= inv
    ls *= inv
    G_arr = _array([g] + [(g := (g * m + a) * inv) for a in gain[n:].tolist()])
    L_arr = _array([ls] + [(ls := (ls * m + b) * inv) for b in loss[n:].tolist()])
    tot = G_arr + L_arr
    return _div100(G_arr, tot, tot > 0.0)


def rsi(x, n: int) -> np.ndarray:
    """Relative Strength Index, Wilder smoothing with TA-Lib seeding.

    Average gain/loss start as the plain mean of the first ``n`` changes (bar ``n``), then
    ``avg = (avg * (n - 1) + change) / n``. RSI = 100 * gain / (gain + loss); 0 when
    nothing moved (gain + loss == 0), as TA-Lib 0.8.x. First value at bar ``n``.
    """
    x = _series(x, "x")
    n = _period(n, "n")
    out = _nan(x.shape[0])
    s = _first_valid(x)
    if x.shape[0] - s > n:
        out[s + n :] = _rsi_values(x[s:], n)
    return out


def stochrsi(x, n_rsi: int, n_stoch: int, k: int, d: int) -> tuple[np.ndarray, np.ndarray]:
    """Stochastic RSI ``(k, d)``, TradingView's definition.

    ``r = rsi(x, n_rsi)``; raw = 100 * (r - lowest(r, n_stoch)) / (highest - lowest);
    ``K = SMA(raw, k)``, ``D = SMA(K, d)``. This equals TA-Lib
    ``STOCH(r, r, r, n_stoch, k, SMA, d, SMA)`` where TA-Lib defines it. A flat window
    (range within 1e-14 of the window's own magnitude, TA-Lib's TA_IS_ZERO_SCALED) gives
    raw = 0, like TA-Lib, with no division warning.

    Deviation from TA-Lib: K is defined from bar ``n_rsi + n_stoch + k - 2`` on (as soon
    as its SMA is), while TA-Lib's STOCH leaves K NaN until D exists ``d - 1`` bars later.
    """
    x = _series(x, "x")
    n_rsi = _period(n_rsi, "n_rsi")
    n_stoch = _period(n_stoch, "n_stoch")
    k = _period(k, "k")
    d = _period(d, "d")
    size = x.shape[0]
    out_k, out_d = _nan(size), _nan(size)
    s = _first_valid(x)
    r0 = s + n_rsi  # first RSI bar
    k0 = r0 + n_stoch - 1 + k - 1  # first K bar
    if k0 >= size:
        return out_k, out_d
    r = _rsi_values(x[s:], n_rsi)
    win = sliding_window_view(r, n_stoch)
    hi = win.max(axis=1)
    lo = win.min(axis=1)
    rng = hi - lo
    flat = np.abs(rng) <= _TA_EPSILON * (np.abs(hi) + np.abs(lo))
    raw = np.zeros(rng.shape)
    np.divide(r[n_stoch - 1 :] - lo, rng / 100.0, out=raw, where=~flat)
    kk = _rolling_mean(raw, k)
    out_k[k0:] = kk
    if kk.shape[0] >= d:
        out_d[k0 + d - 1 :] = _rolling_mean(kk, d)
    return out_k, out_d


# ------------------------------------------------------------------ ADX / +DI / -DI


def _true_range(h: np.ndarray, lo: np.ndarray, c: np.ndarray) -> np.ndarray:
    """TR of bars 1 ..: max(high - low, |high - prev close|, |low - prev close|)."""
    pc = c[:-1]
    return np.maximum(h[1:] - lo[1:], np.maximum(np.abs(h[1:] - pc), np.abs(lo[1:] - pc)))


def trange(high, low, close) -> np.ndarray:
    """True range (TA-Lib TRANGE): max(high - low, |high - prev close|, |low - prev close|);
    bar 0 (no previous close) is NaN."""
    high = _series(high, "high")
    low = _series(low, "low")
    close = _series(close, "close")
    out = _nan(_same_length(high=high, low=low, close=close))
    out[1:] = _true_range(high, low, close)
    return out


def _one_bar_dm_tr(h: np.ndarray, lo: np.ndarray, c: np.ndarray):
    """One-bar +DM, -DM and true range; index j describes bar j + 1.

    +DM = high - prev high when that is > 0 and > (prev low - low), else 0; -DM mirrors
    it; TR as ``trange``.
    """
    diff_p = h[1:] - h[:-1]
    diff_m = lo[:-1] - lo[1:]
    plus1 = np.where((diff_p - diff_m > 0.0) & (diff_p > 0.0), diff_p, 0.0)
    minus1 = np.where((diff_m - diff_p > 0.0) & (diff_m > 0.0), diff_m, 0.0)
    return plus1, minus1, _true_range(h, lo, c)


def _wilder_sum(one_bar: np.ndarray, n: int) -> np.ndarray:
    """Wilder's smoothed sum with TA-Lib seeding, for bars n .. (one_bar[j] is bar j+1):
    the plain sum of bars 1 .. n-1 (n - 1 values), then ``s = s - s / n + value``."""
    s = 0.0
    for t in one_bar[: n - 1].tolist():
        s += t
    return _array([(s := (s - s / n) + t) for t in one_bar[n - 1 :].tolist()])


def _adx_values(pdi: np.ndarray, mdi: np.ndarray, n: int) -> np.ndarray:
    """ADX of smoothing length ``n`` from the DI series; returns ``len(pdi) - n + 1`` values,
    the first at DI index ``n - 1`` (TA-Lib: DI length == n, first ADX at bar 2n-1)."""
    tot = pdi + mdi
    # TA-Lib skips a bar's DX when TR == 0 (then both DI are 0) or the DI sum is ~0.
    ok = ~_is_zero(tot)
    dx = np.zeros(tot.shape)
    np.divide(np.abs(mdi - pdi), tot, out=dx, where=ok)
    dx *= 100.0
    sum_dx = 0.0
    for d, good in zip(dx[:n].tolist(), ok[:n].tolist()):
        if good:
            sum_dx += d
    a = sum_dx / n
    m = float(n - 1)
    pairs = zip(dx[n:].tolist(), ok[n:].tolist())
    return _array([a] + [(a := (a * m + d) / n) if good else a for d, good in pairs])


def _dm_inputs(high, low, close, n):
    high = _series(high, "high")
    low = _series(low, "low")
    close = _series(close, "close")
    size = _same_length(high=high, low=low, close=close)
    n = _period(n, "n")
    s = _first_valid(high, low, close)
    return high[s:], low[s:], close[s:], n, size, s


def dmi(high, low, close, n: int, adx_n: int | None = None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``(plus_di, minus_di, adx)`` in one pass; same values as the three functions.

    ``adx_n``: the ADX smoothing length when it differs from the DI length ``n``
    (TradingView's "ADX Smoothing"); the ADX recursion is TA-Lib's with ``adx_n`` in place
    of ``n``, first value at bar ``n + adx_n - 1``. Default ``n`` (TA-Lib ADX)."""
    h, lo, c, n, size, s = _dm_inputs(high, low, close, n)
    m = n if adx_n is None else _period(adx_n, "adx_n")
    pdi, mdi, adx_ = _nan(size), _nan(size), _nan(size)
    if h.shape[0] > n:
        plus1, minus1, tr1 = _one_bar_dm_tr(h, lo, c)
        T = _wilder_sum(tr1, n)
        ok = T > 0.0
        plus = _div100(_wilder_sum(plus1, n), T, ok)
        minus = _div100(_wilder_sum(minus1, n), T, ok)
        pdi[s + n :] = plus
        mdi[s + n :] = minus
        if plus.shape[0] >= m:
            adx_[s + n + m - 1 :] = _adx_values(plus, minus, m)
    return pdi, mdi, adx_


def _di(high, low, close, n, which: int) -> np.ndarray:
    h, lo, c, n, size, s = _dm_inputs(high, low, close, n)
    out = _nan(size)
    if h.shape[0] > n:
        one_bar = _one_bar_dm_tr(h, lo, c)
        T = _wilder_sum(one_bar[2], n)
        out[s + n :] = _div100(_wilder_sum(one_bar[which], n), T, T > 0.0)
    return out


def plus_di(high, low, close, n: int) -> np.ndarray:
    """+DI = 100 * Wilder(+DM) / Wilder(TR), 0 when the smoothed true range is 0. First
    value at bar ``n``.

    TA-Lib seeding: each smoothed sum starts as the plain sum of the one-bar values of
    bars 1 .. n-1 (n - 1 values), then ``s = s - s / n + value`` from bar n on. +DM of a
    bar is ``high - prev high`` when that is > 0 and > ``prev low - low``, else 0.
    Deviation: for ``n == 1`` TA-Lib returns +DM/TR without the factor 100; we keep 100.
    """
    return _di(high, low, close, n, 0)


def minus_di(high, low, close, n: int) -> np.ndarray:
    """-DI = 100 * Wilder(-DM) / Wilder(TR), 0 when the smoothed true range is 0. First
    value at bar ``n``. Seeding and ``n == 1`` as ``plus_di``; -DM of a bar is
    ``prev low - low`` when that is > 0 and > ``high - prev high``, else 0."""
    return _di(high, low, close, n, 1)


def adx(high, low, close, n: int) -> np.ndarray:
    """Average Directional Index, TA-Lib's algorithm: DX = 100 * |-DI - +DI| / (+DI + -DI)
    of bars n .. 2n-1 are summed and divided by n (first ADX at bar ``2n - 1``; a bar with
    no DX -- zero true range or zero DI sum -- adds nothing but still counts), then
    ``adx = (adx * (n - 1) + dx) / n``, a bar with no DX leaving ADX unchanged."""
    return dmi(high, low, close, n)[2]


# --------------------------------------------------------------------------- SAR


def sar(high, low, acceleration: float, maximum: float) -> np.ndarray:
    """Parabolic SAR, TA-Lib's algorithm. First value at bar 1.

    * Initial direction from the first two bars: short if -DM > 0 (low fell by more than
      the high rose), otherwise long (ties are long). The first SAR is bar 0's low (long)
      or high (short); the first extreme point is bar 1's high (long) or low (short).
    * ``af`` starts at ``acceleration``, grows by ``acceleration`` at each new extreme up
      to ``maximum``; on a reversal the SAR becomes the previous extreme point clamped to
      the last two bars' range. An ``acceleration`` above ``maximum`` is lowered to
      ``maximum`` (as TA-Lib does).
    """
    high = _series(high, "high")
    low = _series(low, "low")
    size = _same_length(high=high, low=low)
    acc = _real(acceleration, "acceleration")
    mx = _real(maximum, "maximum")
    if acc <= 0.0:
        raise ValueError(f"acceleration must be > 0, got {acc}")
    if mx <= 0.0:
        raise ValueError(f"maximum must be > 0, got {mx}")
    out = _nan(size)
    s = _first_valid(high, low)
    if size - s < 2:
        return out
    H = high[s:].tolist()
    L = low[s:].tolist()
    if acc > mx:
        acc = mx
    af = acc
    diff_p = H[1] - H[0]
    diff_m = L[0] - L[1]
    is_long = not (diff_m > 0.0 and diff_m - diff_p > 0.0)
    if is_long:
        ep = H[1]
        sr = L[0]
    else:
        ep = L[1]
        sr = H[0]
    new_low = L[1]
    new_high = H[1]
    res = []
    append = res.append
    for i in range(1, len(H)):
        prev_low = new_low
        prev_high = new_high
        new_low = L[i]
        new_high = H[i]
        if is_long:
            if new_low <= sr:
                is_long = False
                sr = ep
                if sr < prev_high:
                    sr = prev_high
                if sr < new_high:
                    sr = new_high
                append(sr)
                af = acc
                ep = new_low
                sr = _fma(af, ep - sr, sr)
                if sr < prev_high:
                    sr = prev_high
                if sr < new_high:
                    sr = new_high
            else:
                append(sr)
                if new_high > ep:
                    ep = new_high
                    af += acc
                    if af > mx:
                        af = mx
                sr = _fma(af, ep - sr, sr)
                if sr > prev_low:
                    sr = prev_low
                if sr > new_low:
                    sr = new_low
        else:
            if new_high >= sr:
                is_long = True
                sr = ep
                if sr > prev_low:
                    sr = prev_low
                if sr > new_low:
                    sr = new_low
                append(sr)
                af = acc
                ep = new_high
                sr = _fma(af, ep - sr, sr)
                if sr > prev_low:
                    sr = prev_low
                if sr > new_low:
                    sr = new_low
            else:
                append(sr)
                if new_low < ep:
                    ep = new_low
                    af += acc
                    if af > mx:
                        af = mx
                sr = _fma(af, ep - sr, sr)
                if sr < prev_high:
                    sr = prev_high
                if sr < new_high:
                    sr = new_high
    out[s + 1 :] = res
    return out


# --------------------------------------------------------------------------- OBV


def obv(close, volume) -> np.ndarray:
    """On Balance Volume, TA-Lib seeding: the first value is ``volume[0]``; then volume is
    added on a higher close, subtracted on a lower one, ignored on an equal one."""
    close = _series(close, "close")
    volume = _series(volume, "volume")
    size = _same_length(close=close, volume=volume)
    out = _nan(size)
    s = _first_valid(close, volume)
    if s >= size:
        return out
    c = close[s:]
    v = volume[s:]
    step = np.zeros(c.shape[0])
    up = c[1:] > c[:-1]
    down = c[1:] < c[:-1]
    step[1:][up] = v[1:][up]
    step[1:][down] = -v[1:][down]
    step[0] = v[0]
    out[s:] = np.cumsum(step)
    return out


# ------------------------------------------------------------------- volume profile


@dataclass(frozen=True, eq=False)
class VolumeProfile:
    """Volume by price row. Arrays are read-only.

    edges: ``rows + 1`` ascending prices, ``edges[0]`` = lowest low, ``edges[-1]`` =
        highest high; row ``i`` is ``[edges[i], edges[i + 1]]``.
    up, down: volume of up bars / down bars in each row.
    poc_index: row with the most volume (the lowest such row on a tie).
    value_area_low, value_area_high: first and last row (inclusive row indices) of the
        value area.
    bars: how many bars were profiled.

    With no volume at all (every bar 0) there is no point of control and no value area:
    ``has_volume`` is False and ``poc_price`` / ``value_area_prices`` are NaN (the row
    indices keep their degenerate values, 0).
    """

    edges: np.ndarray
    up: np.ndarray
    down: np.ndarray
    poc_index: int
    value_area_low: int
    value_area_high: int
    bars: int = 0

    @property
    def has_volume(self) -> bool:
        return bool(float(self.up.sum() + self.down.sum()) > 0.0)

    @property
    def rows(self) -> int:
        return int(self.up.shape[0])

    @property
    def total(self) -> np.ndarray:
        """Volume per row (up + down)."""
        return self.up + self.down

    @property
    def poc_price(self) -> float:
        """Middle price of the POC row (NaN without volume)."""
        if not self.has_volume:
            return math.nan
        return float((self.edges[self.poc_index] + self.edges[self.poc_index + 1]) / 2.0)

    @property
    def value_area_prices(self) -> tuple[float, float]:
        """``(low, high)`` price bounds of the value area (NaN, NaN without volume)."""
        if not self.has_volume:
            return math.nan, math.nan
        return float(self.edges[self.value_area_low]), float(self.edges[self.value_area_high + 1])


def volume_profile(
    high, low, close, volume, rows: int, value_area: float, *, open_=None
) -> VolumeProfile:
    """Volume profile of the given bars (TradingView "Volume Profile", Up/Down mode).

    * ``rows`` equal-height rows span [min(low), max(high)].
    * Each bar's volume is spread over the rows its [low, high] overlaps, in proportion to
      the overlap; a zero-range bar puts all of it in the row holding its price (a price
      on an inner edge belongs to the row above; if every bar has the same single price
      the whole volume goes to row 0).
    * Up/down: with ``open_`` a bar is up when ``close >= open`` (TradingView's rule);
      without it, when ``close >= previous close`` (the first bar counts as up).
    * POC = row with the most volume. The value area grows from the POC one row at a
      time, taking the neighbour (above or below) with more volume (above on a tie), until
      it holds at least ``value_area`` percent of the total volume.

    Inputs must be finite with ``high >= low`` and ``volume >= 0``; at least one bar.
    """
    high = _series(high, "high")
    low = _series(low, "low")
    close = _series(close, "close")
    volume = _series(volume, "volume")
    arrays = {"high": high, "low": low, "close": close, "volume": volume}
    if open_ is not None:
        arrays["open_"] = _series(open_, "open_")
    size = _same_length(**arrays)
    rows = _period(rows, "rows")
    if isinstance(value_area, bool) or not isinstance(value_area, numbers.Real):
        raise ValueError(f"value_area must be a number in (0, 100], got {value_area!r}")
    va_pct = float(value_area)
    if not (0.0 < va_pct <= 100.0):
        raise ValueError(f"value_area must be in (0, 100], got {value_area!r}")
    if size == 0:
        raise ValueError("volume_profile needs at least one bar")
    for name, a in arrays.items():
        bad = np.flatnonzero(~np.isfinite(a))
        if bad.size:
            raise ValueError(f"{name} must be finite (bar {int(bad[0])})")
    if (high < low).any():
        raise ValueError(f"high < low at bar {int(np.flatnonzero(high < low)[0])}")
    if (volume < 0).any():
        raise ValueError(f"volume < 0 at bar {int(np.flatnonzero(volume < 0)[0])}")

    lo_p = float(low.min())
    hi_p = float(high.max())
    edges = lo_p + np.arange(rows + 1) * ((hi_p - lo_p) / rows)  # as np.linspace, also when the step
    edges[-1] = hi_p  # underflows (a subnormal range: linspace then spreads it differently)
    if open_ is not None:
        is_up = close >= arrays["open_"]
    else:
        is_up = np.empty(size, dtype=bool)
        is_up[0] = True
        is_up[1:] = close[1:] >= close[:-1]

    up = np.zeros(rows)
    down = np.zeros(rows)
    spread = high > low
    # zero-range bars: whole volume in the row holding the price
    point = ~spread
    if point.any():
        if hi_p > lo_p:
            idx = np.searchsorted(edges[1:-1], low[point], side="right")
        else:
            idx = np.zeros(int(point.sum()), dtype=np.intp)
        np.add.at(up, idx[is_up[point]], volume[point][is_up[point]])
        np.add.at(down, idx[~is_up[point]], volume[point][~is_up[point]])
    # ranged bars: proportional to the overlap with each row
    bars = np.flatnonzero(spread)
    e_lo = edges[:-1][None, :]
    e_hi = edges[1:][None, :]
    chunk = max(1, _VP_CELLS // rows)
    for start in range(0, bars.shape[0], chunk):
        b = bars[start : start + chunk]
        h = high[b][:, None]
        lw = low[b][:, None]
        ov = np.minimum(h, e_hi) - np.maximum(lw, e_lo)
        np.maximum(ov, 0.0, out=ov)
        # share of each row = overlap / summed overlap (== high - low up to rounding, and
        # > 0): the shares of a bar add up to 1, so volume is conserved
        ov /= ov.sum(axis=1)[:, None]
        u = is_up[b]
        vol = volume[b]
        up += np.where(u, vol, 0.0) @ ov
        down += np.where(u, 0.0, vol) @ ov

    total_rows = up + down
    poc = int(np.argmax(total_rows))
    target = float(total_rows.sum()) * (va_pct / 100.0)
    lo_i = hi_i = poc
    acc = float(total_rows[poc])
    tr = total_rows.tolist()
    while acc < target and (lo_i > 0 or hi_i < rows - 1):
        below = tr[lo_i - 1] if lo_i > 0 else -1.0
        above = tr[hi_i + 1] if hi_i < rows - 1 else -1.0
        if above >= below:
            hi_i += 1
            acc += above
        else:
            lo_i -= 1
            acc += below
    for a in (edges, up, down):
        a.flags.writeable = False
    return VolumeProfile(edges, up, down, poc, lo_i, hi_i, size)
