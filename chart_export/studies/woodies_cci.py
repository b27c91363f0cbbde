"""Woodies CCI, TradingView's built-in::

    cciTurbo = ta.cci(source, cciTurboLength)
    cci14 = ta.cci(source, cci14Length)
    last5IsDown = cci14[5] < 0 and cci14[4] < 0 and cci14[3] < 0 and cci14[2] < 0 and cci14[1] < 0
    last5IsUp = cci14[5] > 0 and cci14[4] > 0 and cci14[3] > 0 and cci14[2] > 0 and cci14[1] > 0
    histogramColor = last5IsUp ? #009688 : last5IsDown ? #F44336 : cci14 < 0 ? #009688 : #F44336
    plot(cci14, title="CCI Turbo Histogram", color=histogramColor, style=plot.style_histogram)
    plot(cciTurbo, title="CCI Turbo", color=#009688 , style=plot.style_line)
    plot(cci14, title="CCI 14", color= #F44336, style=plot.style_line)

The histogram is ``cci14`` in two colours: drawn as two histograms (``histogram_teal``,
``histogram_red``: ``cci14`` where its colour is that one, else na). Comparisons tolerant. Lines
at 0 and ±100. ``ta.cci`` is the CCI study's (its mean deviation)."""

from __future__ import annotations

import numpy as np

from ._pine import gt, lt, shift
from .commodity_channel_index import cci
from .spec import Pane, Plot, StudySpec, length

TEAL, RED = "#009688", "#F44336"


def _compute(c, p):
    turbo = cci(c.close, p["turbo"])
    cci14 = cci(c.close, p["length"])
    last5_down = np.logical_and.reduce([lt(shift(cci14, k), 0.0) for k in range(1, 6)])
    last5_up = np.logical_and.reduce([gt(shift(cci14, k), 0.0) for k in range(1, 6)])
    teal = np.where(last5_up, True, np.where(last5_down, False, lt(cci14, 0.0)))
    return {"histogram": cci14, "histogram_teal": np.where(teal, cci14, np.nan),
            "histogram_red": np.where(teal, np.nan, cci14), "turbo": turbo, "cci": cci14}


def _hist(key: str, colour: str, names: tuple[str, ...]) -> Plot:
    return Plot(key, kind="histogram", rule="sign", colors=(colour, colour), alpha=None, bar_width=0.25, z=2.0,
                names=names)


STUDY = StudySpec(
    name="Woodies CCI",
    kind="woodies_cci",
    aliases=(),
    inputs=(
        length("turbo", 6, "in_0", "CCI Turbo Length", "cciTurboLength", minimum=3, maximum=14),
        length("length", 14, "in_1", "CCI 14 Length", "cci14Length", minimum=7, maximum=20),
    ),
    plots=(
        _hist("histogram_teal", TEAL, ("cci turbo histogram", "histogram")),
        _hist("histogram_red", RED, ("cci turbo histogram (red)",)),
        Plot("turbo", color=TEAL, names=("cci turbo",)),
        Plot("cci", color=RED, names=("plot", "cci 14", "cci")),
    ),
    pane=Pane(include=(100.0, -100.0), lines=(100.0, -100.0), mid=0.0, format="auto"),
    compute=_compute,
    legend=lambda p, last, fmt: [("turbo", f"CCI Turbo ({p['turbo']})  {fmt.auto(last['turbo'])}"),
                                 ("cci", f"CCI ({p['length']})  {fmt.auto(last['cci'])}")],
)
