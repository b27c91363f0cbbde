"""Relative Strength Index with its optional moving average; 30/70 band, 50 midline."""

from __future__ import annotations

from .. import indicators as ind
from .spec import (SMOOTHING, Pane, Plot, StudySpec, choice, length, price_source, smoothing_legend, source,
                   with_smoothing)


def _legend(p, last, fmt):
    return [("rsi", f"RSI ({p['length']})  {fmt.fixed2(last['rsi'])}"), *smoothing_legend(p, last, fmt.fixed2)]


STUDY = StudySpec(
    name="Relative Strength Index",
    kind="rsi",
    aliases=("rsi",),
    inputs=(
        length("length", 14, "length", "in_0"),
        source("source", "in_1", "src"),
        choice("smoothing", "SMA", SMOOTHING, "smoothingLine", "maType", "in_2"),
        length("smoothing_length", 14, "smoothingLength", "maLength", "in_3"),
    ),
    plots=(
        Plot("rsi", color="band", width=1.3, names=("plot", "rsi")),
        Plot("smoothing", color="palette:0", width=1.0, names=("smoothing", "rsi-based ma", "ma")),
    ),
    pane=Pane(range=(0.0, 100.0), ticks=(30.0, 70.0, 50.0), lines=(30.0, 70.0), band=(30.0, 70.0), mid=50.0,
              format="integer"),
    compute=lambda c, p: with_smoothing("rsi", ind.rsi(price_source(c, p["source"]), p["length"]), p),
    legend=_legend,
)
