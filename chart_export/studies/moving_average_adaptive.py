"""Moving Average Adaptive: Chart-IMG's older name for Perry Kaufman's Adaptive Moving Average
(KAMA; "Smarter Trading", 1995), over the price pane. No Pine source; Kaufman's definition:

    ER  = |close - close[length]| / sum(|close - close[1]|, length)   (0 when the sum is 0)
    sc  = (ER * (2/(fast+1) - 2/(slow+1)) + 2/(slow+1))^2
    ama = ama[1] + sc * (close - ama[1])

seeded with the close of the bar before the first ER (bar ``length - 1``); Kaufman's defaults
length 10, fast 2, slow 30.

Chart-IMG's API documentation (doc.chart-img.com, "TradingView Chart Indicators"; saved copy in 217th/tda_worker_chart_export,
docs-worker-chart-export/chart-img-docs/API Documentation.htm, commit aed440f7) gives one input, ``periods`` 10 (2..10000), and one line
"Plot 1", purple (rgb(171,71,188)); ``fast`` and ``slow`` are Kaufman's constants, not on that
page (template keys ``fast`` / ``slow`` only)."""

from __future__ import annotations

import math

import numpy as np

from ._math import first_valid, nan
from ._pine import change, msum
from .spec import Plot, StudySpec, length


def kama(close: np.ndarray, n: int, fast: int, slow: int) -> np.ndarray:
    out = nan(close.shape[0])
    s = first_valid(close)
    x = close[s:]
    if x.shape[0] <= n:
        return out
    noise = msum(np.abs(change(x)), n)
    signal = np.abs(change(x, n))
    er = np.where(noise > 0, signal / np.where(noise > 0, noise, 1.0), 0.0)
    slow_sc = 2.0 / (slow + 1)
    sc = (er * (2.0 / (fast + 1) - slow_sc) + slow_sc) ** 2
    value = float(x[n - 1])
    res = out[s:]
    res[n - 1] = value
    for i in range(n, x.shape[0]):
        if not (math.isnan(sc[i]) or math.isnan(x[i])):
            value += sc[i] * (x[i] - value)
        res[i] = value
    return out


STUDY = StudySpec(
    name="Moving Average Adaptive",
    kind="kama",
    aliases=("KAMA", "AMA", "Kaufman Adaptive Moving Average", "Adaptive Moving Average"),
    source=("Perry Kaufman's Adaptive Moving Average (Smarter Trading, 1995), Chart-IMG's catalogue; no Pine "
            "source: efficiency ratio over length, smoothing between 2/(fast+1) and 2/(slow+1), squared"),
    inputs=(length("length", 10, "periods", "length", "Length", "period", "in_0", minimum=2, maximum=10000),
            length("fast", 2, "fast", "Fast Length"),
            length("slow", 30, "slow", "Slow Length")),
    plots=(Plot("kama", color="#AB47BC", names=("plot", "plot 1", "kama")),),
    compute=lambda c, p: {"kama": kama(c.close, p["length"], p["fast"], p["slow"])},
    legend=lambda p, last, fmt: [("kama", f"KAMA ({p['length']}, {p['fast']}, {p['slow']})  "
                                          f"{fmt.price(last['kama'])}")],
)
