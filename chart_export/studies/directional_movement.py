"""Directional Movement Index: ADX, +DI and -DI, TradingView's built-in line by line::

    up = ta.change(high)
    down = -ta.change(low)
    plusDM = na(up) ? na : (up > down and up > 0 ? up : 0)
    minusDM = na(down) ? na : (down > up and down > 0 ? down : 0)
    trur = ta.rma(ta.tr, len)
    plus = fixnan(100 * ta.rma(plusDM, len) / trur)
    minus = fixnan(100 * ta.rma(minusDM, len) / trur)
    sum = plus + minus
    adx = 100 * ta.rma(math.abs(plus - minus) / (sum == 0 ? 1 : sum), lensig)

Where TA-Lib differs: ``ta.tr`` is na on bar 0, every RMA is seeded with an SMA (the DIs start
at bar ``len``, ADX at ``len + lensig - 1``), and the comparisons are Pine's tolerant ones.
in_N: chart-img's catalogue order (in_0 DI Length, in_1 ADX Smoothing; the script declares ADX
Smoothing first, both default to 14)."""

from __future__ import annotations

import numpy as np

from ._pine import change, div, eq, fixnan, gt, rma, tr
from .spec import Pane, Plot, StudySpec, length


def dmi(high: np.ndarray, low: np.ndarray, close: np.ndarray, di_length: int, adx_smoothing: int):
    """``(plus, minus, adx)`` of the script above."""
    up = change(high)
    down = -change(low)
    plus_dm = np.where(gt(up, down) & gt(up, 0.0), up, 0.0)
    plus_dm[np.isnan(up)] = np.nan
    minus_dm = np.where(gt(down, up) & gt(down, 0.0), down, 0.0)
    minus_dm[np.isnan(down)] = np.nan
    trur = rma(tr(high, low, close), di_length)
    plus = fixnan(div(100.0 * rma(plus_dm, di_length), trur))
    minus = fixnan(div(100.0 * rma(minus_dm, di_length), trur))
    total = plus + minus
    adx = 100.0 * rma(np.abs(plus - minus) / np.where(eq(total, 0.0), 1.0, total), adx_smoothing)
    return plus, minus, adx


def _compute(c, p):
    plus, minus, adx = dmi(c.high, c.low, c.close, p["di_length"], p["adx_smoothing"])
    return {"adx": adx, "plus_di": plus, "minus_di": minus}


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
    legend=lambda p, last, fmt: [("adx", f"DMI ({p['adx_smoothing']}, {p['di_length']})  {fmt.fixed2(last['adx'])}"),
                                 ("plus_di", f"+DI  {fmt.fixed2(last['plus_di'])}"),
                                 ("minus_di", f"-DI  {fmt.fixed2(last['minus_di'])}")],
)
