"""BBTrend, TradingView's built-in::

    [shortMiddle, shortUpper, shortLower] = ta.bb(close, shortLengthInput, stdDevMultInput)
    [longMiddle,  longUpper,  longLower]  = ta.bb(close, longLengthInput,  stdDevMultInput)
    BBTrend = (math.abs(shortLower - longLower) - math.abs(shortUpper - longUpper)) / shortMiddle * 100
    histColor = switch
        BBTrend > 0 and BBTrend >= BBTrend[1] => posColorStrong
        BBTrend > 0 and BBTrend <  BBTrend[1] => posColorWeak
        BBTrend < 0 and BBTrend >  BBTrend[1] => negColorWeak
        BBTrend < 0 and BBTrend <= BBTrend[1] => negColorStrong
    plot(BBTrend, "BBTrend", style = plot.style_columns, color = histColor)

``ta.bb``: the SMA and ``mult * ta.stdev`` either side. First value at bar ``Long BB Length - 1``.
Columns in four colours (green / red, strong when moving away from 0)."""

from __future__ import annotations

import numpy as np

from ._pine import div, sma, stdev
from .spec import Pane, Plot, StudySpec, length, number

# >= 0 rising, >= 0 falling, < 0 rising, < 0 falling (the renderer's sign_trend), as TradingView's
# strong (25 % transparent) / weak (50 %) green and red on white
HIST_COLORS = ("#46B29B", "#84CCC3", "#F89AA2", "#F56874")


def bb(x: np.ndarray, n: int, mult: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    middle = sma(x, n)
    dev = stdev(x, n) * mult
    return middle, middle + dev, middle - dev


def _compute(c, p):
    short_middle, short_upper, short_lower = bb(c.close, p["short"], p["mult"])
    _, long_upper, long_lower = bb(c.close, p["long"], p["mult"])
    trend = div(np.abs(short_lower - long_lower) - np.abs(short_upper - long_upper), short_middle) * 100
    return {"bbtrend": trend}


STUDY = StudySpec(
    name="BBTrend",
    kind="bbtrend",
    aliases=(),
    inputs=(
        length("short", 20, "in_0", "Short BB Length", "shortLengthInput"),
        length("long", 50, "in_1", "Long BB Length", "longLengthInput"),
        number("mult", 2.0, "in_2", "StdDev", "stdDevMultInput", minimum=0.001),
    ),
    plots=(Plot("bbtrend", kind="histogram", rule="sign_trend", colors=HIST_COLORS, alpha=None, bar_width=0.68,
                z=2.0, baseline=True, names=("plot", "bbtrend")),),
    pane=Pane(include=(0.0,), format="auto"),
    compute=_compute,
    legend=lambda p, last, fmt: [("bbtrend", f"BBTrend ({p['short']}, {p['long']}, {p['mult']:g})  "
                                             f"{fmt.auto(last['bbtrend'])}")],
)
