"""On Balance Volume, TradingView's built-in with its "Smoothing" section (default None)::

    obv = ta.cum(math.sign(ta.change(src)) * volume)

na on bar 0 (no change yet), then from 0 (TA-Lib starts at ``volume[0]``). Without volume on the
visible bars OBV is flat and its legend says so (TradingView raises "No volume is provided by
the data vendor")."""

from __future__ import annotations

import numpy as np

from . import _smoothing
from ._pine import change, cum
from .spec import Pane, Plot, StudySpec, has_volume


def obv(close: np.ndarray, volume: np.ndarray) -> np.ndarray:
    return cum(np.sign(change(close)) * volume)


def _legend(p, last, fmt):
    return [("obv", f"OBV  {fmt.compact(last['obv'])}"), *_smoothing.legend(p, last, fmt.compact)]


STUDY = StudySpec(
    name="On Balance Volume",
    kind="obv",
    aliases=("obv",),
    inputs=_smoothing.inputs(0, "None"),
    plots=(
        Plot("obv", color="palette:1", width=1.3, names=("plot", "obv", "on balance volume", "onbalancevolume")),
        *_smoothing.plots("OBV-based MA", names=("ma",)),
    ),
    fills=_smoothing.FILLS,
    pane=Pane(format="compact"),
    compute=lambda c, p: _smoothing.outputs("obv", obv(c.close, c.volume), p, c.volume),
    legend=_legend,
    note=lambda window, series: None if has_volume(window) else "flat: no volume data",
)
