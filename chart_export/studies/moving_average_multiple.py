"""Moving Average Multiple: Chart-IMG's older study, several simple (or exponential) moving
averages of the close over the price pane. No Pine source and no published default we could
check: six averages of 9, 20, 50, 100, 150 and 200 bars (``method`` SMA or EMA, TradingView's
``ta.sma`` / ``ta.ema``)."""

from __future__ import annotations

from ._math import ma
from .spec import MA_TYPES, Plot, StudySpec, choice, length

DEFAULTS = (9, 20, 50, 100, 150, 200)
KEYS = tuple(f"ma{i + 1}" for i in range(len(DEFAULTS)))


def _legend(p, last, fmt):
    return [(k, f"{p['method']} ({p[f'length{i + 1}']})  {fmt.price(last[k])}") for i, k in enumerate(KEYS)]


STUDY = StudySpec(
    name="Moving Average Multiple",
    kind="ma_multiple",
    aliases=("MA Multiple", "Multiple Moving Average"),
    source="Chart-IMG's catalogue (no Pine source): ta.sma / ta.ema of the close at six lengths (defaults ours)",
    inputs=(*(length(f"length{i + 1}", n, f"length{i + 1}", f"Length {i + 1}", f"in_{i}") for i, n in enumerate(DEFAULTS)),
            choice("method", "SMA", MA_TYPES, "method", "in_6")),
    plots=tuple(Plot(k, color=f"next:{i}", width=1.0, names=(("plot", k) if i == 0 else (k,)))
                for i, k in enumerate(KEYS)),
    compute=lambda c, p: {k: ma(c.close, p[f"length{i + 1}"], p["method"]) for i, k in enumerate(KEYS)},
    legend=_legend,
)
