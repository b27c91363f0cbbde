"""On Balance Volume with an optional moving average. Without volume on the visible bars
OBV is flat (0 for a feed without volume, TA-Lib's value) and its legend says so."""

from __future__ import annotations

from .. import indicators as ind
from .spec import SMOOTHING, Pane, Plot, StudySpec, choice, has_volume, length, smoothing_legend, with_smoothing


def _legend(p, last, fmt):
    return [("obv", f"OBV  {fmt.compact(last['obv'])}"), *smoothing_legend(p, last, fmt.compact)]


STUDY = StudySpec(
    name="On Balance Volume",
    kind="obv",
    aliases=("obv",),
    inputs=(
        choice("smoothing", "None", SMOOTHING, "smoothingLine", "maType", "in_0"),
        length("smoothing_length", 14, "smoothingLength", "maLength", "in_1"),
    ),
    plots=(
        Plot("obv", color="palette:1", width=1.3, names=("plot", "obv", "on balance volume")),
        Plot("smoothing", color="palette:0", width=1.0, names=("smoothing", "ma")),
    ),
    pane=Pane(format="compact"),
    compute=lambda c, p: with_smoothing("obv", ind.obv(c.close, c.volume), p),
    legend=_legend,
    note=lambda window, series: None if has_volume(window) else "flat: no volume data",
)
