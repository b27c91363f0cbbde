"""Directional Movement: +DI, -DI and ADX (Wilder's Directional Movement System).

Formula: TA-Lib PLUS_DI, MINUS_DI and ADX when DI length == ADX smoothing (the defaults,
14/14); the two lengths are independent here as in TradingView's script (``trur =
ta.rma(ta.tr, len); plus = 100 * ta.rma(plusDM, len) / trur; adx = 100 * ta.rma(|plus -
minus| / sum, lensig)``). TA-Lib's Wilder seeding is used (smoothed sums start from the
plain sum of bars 1..n-1; ADX from the mean of the first ``adx_smoothing`` DX values, a bar
with no DX -- zero DI sum -- adding nothing), as chart_export.indicators.dmi does; Pine's
rma seeds with an SMA, so early values differ slightly and converge.
Input order follows chart-img's catalogue (in_0 DI Length, in_1 ADX Smoothing); TV's
script declares ADX Smoothing first -- both default to 14. ("DMI" is the Average
Directional Index study's alias.)"""

from __future__ import annotations

import numpy as np

from ._math import first_valid, nan
from .spec import Pane, Plot, StudySpec, length


def _wilder_sum(one_bar, n):
    s = 0.0
    for x in one_bar[: n - 1].tolist():
        s += x
    res = []
    for x in one_bar[n - 1 :].tolist():
        s = (s - s / n) + x
        res.append(s)
    return np.asarray(res, dtype=np.float64)


def _compute(c, p):
    h, l, cl = c.high, c.low, c.close
    size = cl.shape[0]
    out = {"adx": nan(size), "plus_di": nan(size), "minus_di": nan(size)}
    s = first_valid(h, l, cl)
    H, L, C = h[s:], l[s:], cl[s:]
    n, m = p["di_length"], p["adx_smoothing"]
    if H.shape[0] <= n:
        return out
    dp = H[1:] - H[:-1]
    dm = L[:-1] - L[1:]
    plus1 = np.where((dp - dm > 0.0) & (dp > 0.0), dp, 0.0)
    minus1 = np.where((dm - dp > 0.0) & (dm > 0.0), dm, 0.0)
    pc = C[:-1]
    tr1 = np.maximum(H[1:] - L[1:], np.maximum(np.abs(H[1:] - pc), np.abs(L[1:] - pc)))
    T = _wilder_sum(tr1, n)
    ok = T > 0.0
    pd = np.zeros(T.shape)
    md = np.zeros(T.shape)
    np.divide(_wilder_sum(plus1, n), T, out=pd, where=ok)
    np.divide(_wilder_sum(minus1, n), T, out=md, where=ok)
    pd *= 100.0
    md *= 100.0
    out["plus_di"][s + n :] = pd
    out["minus_di"][s + n :] = md
    if pd.shape[0] < m:
        return out
    tot = pd + md
    good = ~((-1e-14 < tot) & (tot < 1e-14))
    dx = np.zeros(tot.shape)
    np.divide(np.abs(md - pd), tot, out=dx, where=good)
    dx *= 100.0
    a = 0.0
    for d, g in zip(dx[:m].tolist(), good[:m].tolist()):
        if g:
            a += d
    a /= m
    res = [a]
    for d, g in zip(dx[m:].tolist(), good[m:].tolist()):
        if g:
            a = (a * (m - 1) + d) / m
        res.append(a)
    out["adx"][s + n + m - 1 :] = res
    return out


STUDY = StudySpec(
    name="Directional Movement",
    kind="directional_movement",
    aliases=("Directional Movement Index",),
    inputs=(
        length("di_length", 14, "len", "DI Length", "diLength", "in_0", maximum=2000),
        length("adx_smoothing", 14, "lensig", "ADX Smoothing", "adxSmoothing", "in_1", maximum=50),
    ),
    plots=(
        Plot("adx", color="#F50057", width=1.5, names=("plot", "adx")),
        Plot("plus_di", color="#2962FF", width=1.5, names=("+di",)),
        Plot("minus_di", color="#FF6D00", width=1.5, names=("-di",)),
    ),
    pane=Pane(include=(0.0,), format="integer"),
    compute=_compute,
    legend=lambda p, last, fmt: [("adx", f"DMI ({p['di_length']}, {p['adx_smoothing']})  {fmt.fixed2(last['adx'])}"),
                                 ("plus_di", f"+DI  {fmt.fixed2(last['plus_di'])}"),
                                 ("minus_di", f"-DI  {fmt.fixed2(last['minus_di'])}")],
)
