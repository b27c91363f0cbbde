"""Relative Strength Index, TradingView's built-in with its "Smoothing" section (default SMA
14)::

    change = ta.change(rsiSourceInput)
    up = ta.rma(math.max(change, 0), rsiLengthInput)
    down = ta.rma(-math.min(change, 0), rsiLengthInput)
    rsi = down == 0 ? 100 : up == 0 ? 0 : 100 - (100 / (1 + up / down))

First value at bar ``length`` (the RMAs of the changes of bars 1..length, SMA-seeded). A series
that never moves is 100 (``down == 0``). 30/70 band, 50 midline. The divergence section
(markers only, off by default) is not drawn. Chart-IMG documents this study's inputs by name
(``length``, ``smoothingLine``, ``smoothingLength``), not by position (https://doc.chart-img.com/,
"TradingView Chart Indicators" > Relative Strength Index; saved copy: github.com/217th/
tda_worker_chart_export, docs-worker-chart-export/chart-img-docs/API Documentation.htm, commit
aed440f7cddd9a1841523bbc2eb00cafced220df), so ``in_N`` are the script's: Calculate Divergence
``in_2``, the smoothing type, length and BB StdDev ``in_3``..``in_5``."""

from __future__ import annotations

import numpy as np

from . import _smoothing
from ._pine import change, eq, rma
from .spec import Pane, Plot, StudySpec, flag, length, price_source, source


def rsi(src: np.ndarray, n: int) -> np.ndarray:
    """The script's RSI (``ta.rsi`` differs only where ``down == 0``: there it is na or 100)."""
    ch = change(src)
    up = rma(np.maximum(ch, 0.0), n)
    down = rma(-np.minimum(ch, 0.0), n)
    with np.errstate(divide="ignore", invalid="ignore"):
        out = 100.0 - (100.0 / (1.0 + up / down))
    out = np.where(eq(up, 0.0), 0.0, out)
    out = np.where(eq(down, 0.0), 100.0, out)
    out[np.isnan(up) | np.isnan(down)] = np.nan
    return out


def _legend(p, last, fmt):
    return [("rsi", f"RSI ({p['length']})  {fmt.fixed2(last['rsi'])}"), *_smoothing.legend(p, last, fmt.fixed2)]


STUDY = StudySpec(
    name="Relative Strength Index",
    kind="rsi",
    aliases=("rsi",),
    inputs=(
        length("length", 14, "length", "in_0", "RSI Length"),
        source("in_1", "Source", "source", "src"),
        flag("divergence", False, "in_2", "Calculate Divergence"),  # not drawn (see above)
        *_smoothing.inputs(3, "SMA"),
    ),
    plots=(
        Plot("rsi", color="band", width=1.3, names=("plot", "rsi")),
        *_smoothing.plots("RSI-based MA", names=("ma",)),
    ),
    fills=_smoothing.FILLS,
    pane=Pane(range=(0.0, 100.0), ticks=(30.0, 70.0, 50.0), lines=(30.0, 70.0), band=(30.0, 70.0), mid=50.0,
              format="integer"),
    compute=lambda c, p: _smoothing.outputs("rsi", rsi(price_source(c, p["source"]), p["length"]), p, c.volume),
    legend=_legend,
)
