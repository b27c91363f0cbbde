"""Envelope, TradingView's built-in::

    basis = exponential ? ta.ema(src, len) : ta.sma(src, len)
    k = percent / 100.0
    upper = basis * (1 + k)
    lower = basis * (1 - k)

Inputs in the script's order: Length, Percent (10), Source, Exponential (in_0..in_3). chart-img's
older "Envelopes" inputs still read: ``upperPercentage`` sets ``percent``; ``method``
("Exponential") sets the EMA. The band between upper and lower is filled."""

from __future__ import annotations

from ._pine import ema, sma
from .spec import Fill, Plot, StudySpec, choice, flag, length, number, price_source, source

_METHODS = {"simple": "Simple", "sma": "Simple", "exponential": "Exponential", "ema": "Exponential"}


def _compute(c, p):
    src = price_source(c, p["source"])
    exponential = p["exponential"] or p["method"] == "Exponential"
    basis = ema(src, p["length"]) if exponential else sma(src, p["length"])
    k = p["percent"] / 100.0
    return {"upper": basis * (1 + k), "basis": basis, "lower": basis * (1 - k)}


STUDY = StudySpec(
    name="Envelopes",
    kind="envelopes",
    aliases=("Envelope", "ENV"),
    inputs=(
        length("length", 20, "in_0", "Length", "length", "len", maximum=2000),
        number("percent", 10.0, "in_1", "Percent", "percent", "upperPercentage", "Upper Percentage", minimum=0.0,
               maximum=2000.0),
        source("source", "in_2", "Source", "src"),
        flag("exponential", False, "in_3", "Exponential", "exponential"),
        choice("method", "Simple", _METHODS, "method", "Method"),  # chart-img's older input
    ),
    plots=(
        Plot("upper", color="#2962FF", width=1.0, names=("upper",)),
        Plot("basis", color="#FF6D00", width=1.0, names=("plot", "average", "basis")),
        Plot("lower", color="#2962FF", width=1.0, names=("lower",)),
    ),
    fills=(Fill("upper", "lower", color="=upper", alpha=0.07),),
    compute=_compute,
    legend=lambda p, last, fmt: [("basis", f"Env ({p['length']}, {p['percent']:g})  "
                                           f"{fmt.price(last['upper'])} / {fmt.price(last['basis'])} / "
                                           f"{fmt.price(last['lower'])}")],
)
