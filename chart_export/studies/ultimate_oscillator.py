"""Ultimate Oscillator: weighted average of buying pressure over three lookbacks (0..100).

Formula: TA-Lib ULTOSC (= TradingView's ``bp = close - math.min(low, close[1]); tr =
math.max(high, close[1]) - math.min(low, close[1]); 100 * (4 avg7 + 2 avg14 + avg28) / 7``
with ``avg_n = sum(bp, n) / sum(tr, n)``). A window whose true-range sum is within 1e-14 of
0 contributes 0, as TA-Lib (Pine: na). First value at bar max length."""

from __future__ import annotations

import numpy as np

from ._math import rolling_sum, shift
from .spec import Pane, Plot, StudySpec, length


def _compute(c, p):
    pc = shift(c.close, 1)
    low = np.minimum(c.low, pc)
    bp = c.close - low
    tr = np.maximum(c.high, pc) - low

    def avg(n):
        b, r = rolling_sum(bp, n), rolling_sum(tr, n)
        out = np.zeros(r.shape[0])
        np.divide(b, r, out=out, where=~((-1e-14 < r) & (r < 1e-14)) & ~np.isnan(r))
        out[np.isnan(r) | np.isnan(b)] = np.nan
        return out

    return {"uo": 100.0 * (4.0 * avg(p["fast"]) + 2.0 * avg(p["middle"]) + avg(p["slow"])) / 7.0}


STUDY = StudySpec(
    name="Ultimate Oscillator",
    kind="ultosc",
    aliases=("UO", "ULTOSC"),
    inputs=(
        length("fast", 7, "length1", "Fast Length", "in_0"),
        length("middle", 14, "length2", "Middle Length", "in_1"),
        length("slow", 28, "length3", "Slow Length", "in_2"),
    ),
    plots=(Plot("uo", color="#F44336", width=1.5, names=("plot", "uo")),),
    pane=Pane(range=(0.0, 100.0), ticks=(30.0, 70.0), lines=(30.0, 70.0), format="integer"),
    compute=_compute,
    legend=lambda p, last, fmt: [("uo", f"UO ({p['fast']}, {p['middle']}, {p['slow']})  {fmt.fixed2(last['uo'])}")],
)
