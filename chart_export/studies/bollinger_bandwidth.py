"""Bollinger BandWidth, TradingView's built-in::

    basis = ta.sma(src, length)
    dev   = mult * ta.stdev(src, length)
    upper = basis + dev
    lower = basis - dev
    bbw   = ((upper - lower) / basis) * 100
    plot(bbw, "Bollinger BandWidth", color = #2962FF)
    plot(ta.highest(bbw, expansionLengthInput),  "Highest Expansion",  color = color.new(#F23645, 50))
    plot(ta.lowest(bbw, contractionLengthInput), "Lowest Contraction", color = color.new(#089981, 50))

First value at bar ``length - 1``; the highest / lowest over the values that exist until their
window is full (``ta.highest`` after a leading na)."""

from __future__ import annotations

from ._pine import div, highest, lowest, sma, stdev
from .spec import Pane, Plot, StudySpec, length, number, price_source, source


def _compute(c, p):
    src = price_source(c, p["source"])
    basis = sma(src, p["length"])
    dev = p["mult"] * stdev(src, p["length"])
    upper = basis + dev
    lower = basis - dev
    bbw = div(upper - lower, basis) * 100
    return {"bbw": bbw, "highest": highest(bbw, p["expansion"]), "lowest": lowest(bbw, p["contraction"])}


def _legend(p, last, fmt):
    return [("bbw", f"BBW ({p['length']}, {p['mult']:g})  {fmt.fixed2(last['bbw'])}"),
            ("highest", f"Highest Expansion ({p['expansion']})  {fmt.fixed2(last['highest'])}"),
            ("lowest", f"Lowest Contraction ({p['contraction']})  {fmt.fixed2(last['lowest'])}")]


STUDY = StudySpec(
    name="Bollinger BandWidth",
    kind="bbw",
    aliases=("BBW",),
    inputs=(
        length("length", 20, "in_0", "length", "Length"),
        source("in_1", "Source", "src"),
        number("mult", 2.0, "in_2", "StdDev", "mult", minimum=0.001, maximum=50.0),
        length("expansion", 125, "in_3", "Highest Expansion Length", "expansionLengthInput"),
        length("contraction", 125, "in_4", "Lowest Contraction Length", "contractionLengthInput"),
    ),
    plots=(
        Plot("highest", color="#F6949C", width=1.0, z=2.9, names=("highest expansion",)),
        Plot("lowest", color="#84CCC3", width=1.0, z=2.9, names=("lowest contraction",)),
        Plot("bbw", color="#2962FF", width=1.3, names=("plot", "bollinger bandwidth", "bbw")),
    ),
    pane=Pane(include=(0.0,), format="auto"),
    compute=_compute,
    legend=_legend,
)
