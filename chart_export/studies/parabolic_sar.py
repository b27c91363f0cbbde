"""Parabolic SAR, drawn as crosses: TradingView's built-in (``ta.sar(start, increment,
maximum)``), as the Pine code of ``ta.sar``'s reference entry computes it. Its rules, where
TA-Lib differs: the first direction comes from ``close > close[1]`` on bar 1; the reversal test
(``result > low`` long, ``result < high`` short, tolerant) runs on the new SAR before it is
clamped to the lows/highs of bars 1 and 2; ``start`` and ``increment`` are independent."""

from __future__ import annotations

import numpy as np

from ._pine import EPSILON, na
from .spec import Input, Plot, StudySpec


def sar(high: np.ndarray, low: np.ndarray, close: np.ndarray, start: float, inc: float, maximum: float) -> np.ndarray:
    """``ta.sar`` line by line (``pine_sar`` of the reference); na on bar 0."""
    n = high.shape[0]
    out = na(n)
    if n < 2:
        return out
    H, L, C = high.tolist(), low.tolist(), close.tolist()
    result = max_min = acceleration = 0.0
    is_below = False
    for i in range(1, n):
        first_trend_bar = False
        if i == 1:
            if C[1] - C[0] > EPSILON:  # close > close[1]
                is_below, max_min, result = True, H[1], L[0]
            else:
                is_below, max_min, result = False, L[1], H[0]
            first_trend_bar = True
            acceleration = start
        result = result + acceleration * (max_min - result)
        if is_below:
            if result - L[i] > EPSILON:  # result > low
                first_trend_bar, is_below = True, False
                result = max(H[i], max_min)
                max_min, acceleration = L[i], start
        elif H[i] - result > EPSILON:  # result < high
            first_trend_bar, is_below = True, True
            result = min(L[i], max_min)
            max_min, acceleration = H[i], start
        if not first_trend_bar:
            if is_below:
                if H[i] - max_min > EPSILON:
                    max_min = H[i]
                    acceleration = min(acceleration + inc, maximum)
            elif max_min - L[i] > EPSILON:
                max_min = L[i]
                acceleration = min(acceleration + inc, maximum)
        if is_below:
            result = min(result, L[i - 1])
            if i > 1:
                result = min(result, L[i - 2])
        else:
            result = max(result, H[i - 1])
            if i > 1:
                result = max(result, H[i - 2])
        out[i] = result
    return out


def _step(key: str, default: float, *aliases: str) -> Input:
    return Input(key, "float", default, aliases, 0.0, 1.0, exclusive_minimum=True)


STUDY = StudySpec(
    name="Parabolic SAR",
    kind="psar",
    aliases=("psar", "sar"),
    inputs=(  # TradingView: start = input(0.02), increment = input(0.02), maximum = input(0.2, "Max value")
        _step("start", 0.02, "in_0", "start"),
        _step("increment", 0.02, "in_1", "increment", "inc"),
        _step("maximum", 0.2, "in_2", "maximum", "Max value", "max"),
    ),
    plots=(Plot("sar", kind="cross", color="next:1", width=1.0, z=3.5, names=("plot", "sar", "psar", "parabolicsar")),),
    compute=lambda c, p: {"sar": sar(c.high, c.low, c.close, p["start"], p["increment"], p["maximum"])},
    legend=lambda p, last, fmt: [
        ("sar", f"PSAR ({p['start']:g}, {p['increment']:g}, {p['maximum']:g})  {fmt.price(last['sar'])}")],
)
