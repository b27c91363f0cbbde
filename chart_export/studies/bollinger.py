"""Bollinger Bands: basis (SMA), upper and lower at ``mult`` standard deviations, band filled."""

from __future__ import annotations

from .. import indicators as ind
from .spec import Fill, Plot, StudySpec, length, number, price_source, source


def _compute(c, p):
    upper, basis, lower = ind.bbands(price_source(c, p["source"]), p["length"], p["mult"])
    return {"upper": upper, "basis": basis, "lower": lower}


def _legend(p, last, fmt):
    return [("basis", f"BB ({p['length']}, {p['mult']:g})  {fmt.price(last['upper'])} / "
                      f"{fmt.price(last['basis'])} / {fmt.price(last['lower'])}")]


STUDY = StudySpec(
    name="Bollinger Bands",
    kind="bbands",
    aliases=("bb",),
    inputs=(
        length("length", 20, "length", "in_0"),
        number("mult", 2.0, "mult", "in_1", "stdDev", "StdDev", minimum=0.0, maximum=50.0),
        source("source", "src"),
    ),
    plots=(  # drawing order: upper, lower, basis on top
        Plot("upper", color="=basis", width=1.0, z=2.9, names=("upper",)),
        Plot("lower", color="=basis", width=1.0, z=2.9, names=("lower",)),
        Plot("basis", color="next:2", width=1.0, z=2.9, names=("plot", "basis", "median")),
    ),
    fills=(Fill("upper", "lower", color="=upper", alpha=0.07),),
    compute=_compute,
    legend=_legend,
)
