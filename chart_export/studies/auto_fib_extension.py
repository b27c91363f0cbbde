"""Auto Fib Extension, TradingView's built-in: Fibonacci extension levels projected from the
last three swing points (a trend leg and its retracement), drawn as lines over the retracement
leg (extended right by default) with ``level(price)`` labels and fills, the two legs dashed
(the trend leg red, the retracement green) (Pine source: deepentropy/oakscriptJS,
docs/official/indicators_standard/Auto Fib Extension.pine, commit be99ba4e).

The script finds its own pivots (it imports the ZigZag library but does not use it):
``pivots(src, depth / 2, isHigh)`` is the bar ``depth / 2`` back when no bar of the ``depth +
1`` around it goes beyond it (ties allowed). A new high while the last pivot is a high
replaces it only if higher, else is dropped (lows mirrored); then, on the last bar, it walks
back from the newest high / low pair for a leg ``prev -> end`` and a retracement ``end ->
last`` whose size is 23.6 % to 100 % of the leg, exactly as the script's ``while`` loop (with its
pops). With the last pivot a high: levels at ``lastH - m |prev - lastL|`` over the bars from
``lastL`` to ``lastH``; a low: ``lastL + m |prev - lastH|``; "Reverse" flips the sign. Levels
as Auto Fib Retracement's: the 22 levels' show / value / colour inputs, here from ``in_9`` (no
Deviation input). Outputs ``base`` (the level-0 price) and
``diff`` (the signed leg) on the last bar, as the script's series (no other bar has them):
tests/test_oracle.py holds them to the port (devtools/oracle/ports/auto_fib_extension.py, the
script bar by bar in PyneCore with its chart points as (bar, price) pairs), and
tests/test_study_auto_fib_extension.py to hand-worked swings."""

from __future__ import annotations

import numpy as np

from ._drawing import Line
from .auto_fib_retracement import fib_inputs, levels_drawings, shown_levels
from .spec import Computed, Plot, StudySpec, geometry


def _pivots(x: np.ndarray, depth: int, high: bool) -> np.ndarray:
    """found[i]: on bar i, bar i - depth // 2 is a pivot (max / min of bars i - depth .. i)."""
    n = x.shape[0]
    k = depth // 2
    found = np.zeros(n, dtype=bool)
    s = x if high else -x
    for i in range(k, min(depth, n)):  # bar_index >= length: the bars before the first are na, never beyond
        found[i] = s[: i + 1].max() <= s[i - k]
    if n > depth:
        win = np.lib.stride_tricks.sliding_window_view(s, depth + 1)  # bars i - depth .. i, pivot at i - k
        found[depth:] = win.max(axis=1) <= win[:, depth - k]
    return found


def swings(high: np.ndarray, low: np.ndarray, depth: int):
    """``(prev, end, last, last_is_high)``: the points (bar, price) of the extension, or None
    (the script's runtime error: not enough data)."""
    n = high.shape[0]
    k = depth // 2
    ph, pl = _pivots(high, depth, True), _pivots(low, depth, False)
    hs: list[tuple[int, float]] = []
    ls: list[tuple[int, float]] = []
    for i in range(n):
        h = (i - k, float(high[i - k])) if ph[i] else None
        lo = (i - k, float(low[i - k])) if pl[i] else None
        if hs and ls:
            if hs[-1][0] > ls[-1][0]:
                if h is not None and h[1] > hs[-1][1]:
                    hs[-1] = h
                h = None
            else:
                if lo is not None and lo[1] < ls[-1][1]:
                    ls[-1] = lo
                lo = None
        if h is not None:
            hs.append(h)
        if lo is not None:
            ls.append(lo)
    hc, lc = list(hs), list(ls)
    while hc and lc:
        last_h, last_l = hc.pop(), lc.pop()
        high_last = last_h[0] > last_l[0]
        piv = hc if high_last else lc
        i = len(piv) - 1
        while i >= 0:
            p = piv[i]
            if p[0] < last_l[0]:
                break
            if p[1] > last_h[1]:
                last_h = piv.pop()
            else:
                del piv[i]
            i -= 1
        if not hc or not lc:
            break
        high_last = last_h[0] > last_l[0]
        prev = (hc if high_last else lc)[-1]
        if high_last:
            diff = abs(prev[1] - last_l[1])
            if last_h[1] > last_l[1] + diff or last_h[1] < last_l[1] + diff * 0.236:
                lc.append(last_l)
                continue
            return prev, last_l, last_h, True
        diff = abs(prev[1] - last_h[1])
        if last_l[1] < last_h[1] - diff or last_l[1] > last_h[1] - diff * 0.236:
            hc.append(last_h)
            continue
        return prev, last_h, last_l, False
    return None


def _levels(c, p):
    """(prev, end, last, base, diff) or None."""
    if len(c) == 0:
        return None
    found = swings(c.high, c.low, int(p["depth"]))
    if found is None:
        return None
    prev, end, last, high_last = found
    diff = (-1.0 if high_last else 1.0) * abs(prev[1] - end[1])
    return prev, end, last, last[1], diff


def _compute(c, p):
    n = len(c)
    out = {"base": np.full(n, np.nan), "diff": np.full(n, np.nan)}
    got = _levels(c, p)
    if got is not None:
        out["base"][-1], out["diff"][-1] = got[3], got[4]
    return Computed(out, got, p)


def _drawings(c, p, out):
    got = geometry(out, p, lambda: _levels(c, p))
    if got is None:
        return []
    prev, end, last, base, diff = got
    sign = -1.0 if p["reverse"] else 1.0
    drawn = [Line(prev[0], prev[1], end[0], end[1], "#F23645", style="dashed", plot="base"),
             Line(end[0], end[1], last[0], last[1], "#089981", style="dashed", plot="base")]
    return drawn + levels_drawings(c, p, shown_levels(p), x_from=end[0], x_to=last[0], start=base, height=sign * diff,
                                   plot="base")


def _legend(p, last, fmt):
    return [("base", f"Auto Fib Extension ({p['depth']})  {fmt.price(last['base'])}")]


STUDY = StudySpec(
    name="Auto Fib Extension",
    kind="auto_fib_extension",
    aliases=("Auto Fibonacci Extension",),
    inputs=fib_inputs(False),
    plots=(Plot("base", kind="custom", color="#787b86", names=("plot", "levels")),),
    compute=_compute,
    legend=_legend,
    drawings=_drawings,
)
