"""Ultimate Oscillator, TradingView's built-in: ``bp = close - math.min(low, close[1]); tr_ =
math.max(high, close[1]) - math.min(low, close[1]); 100 * (4 avg7 + 2 avg14 + avg28) / 7`` with
``average = math.sum(bp, n) / math.sum(tr_, n)``. A window without range has none (na, a gap;
TA-Lib ULTOSC gives 0 there, and equals it elsewhere). First value at bar max length."""

from __future__ import annotations

import numpy as np

from ._pine import div, msum, shift
from .spec import Pane, Plot, StudySpec, length


def _compute(c, p):
    pc = shift(c.close, 1)
    low = np.minimum(c.low, pc)
    bp = c.close - low
    tr = np.maximum(c.high, pc) - low

    def avg(n):  # average(bp, tr_, length) = math.sum(bp, length) / math.sum(tr_, length)
        return div(msum(bp, n), msum(tr, n))

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
