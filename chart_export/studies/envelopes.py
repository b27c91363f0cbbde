"""Envelope, TradingView's built-in::

    basis = exponential ? ta.ema(src, len) : ta.sma(src, len)
    k = percent / 100.0
    upper = basis * (1 + k)
    lower = basis * (1 - k)

Inputs and defaults in the script's order: Length, Percent (10), Source, Exponential; then
Chart-IMG's lower percentage and method. ``in_N`` are Chart-IMG's, what a template written for it
means: ``in_0`` length, ``in_1`` upper percentage, ``in_2`` lower percentage, ``in_3`` method
(Simple, Exponential; "Weighted" is refused), ``in_4`` source, from
Chart-IMG's API documentation (https://doc.chart-img.com/, "TradingView Chart Indicators" >
Envelopes; saved copy: github.com/217th/tda_worker_chart_export, docs-worker-chart-export/chart-img-docs/
API Documentation.htm, commit aed440f7cddd9a1841523bbc2eb00cafced220df)
(its percentages default to 2, the script's to 10). ``percent`` (``in_1``, "Upper Percentage") sets
both bands, as the script's one Percent does, unless ``lower_percent`` (``in_2``, "Lower Percentage")
sets the lower band's; ``method`` "Exponential" sets the EMA as ``exponential`` does. The script's
Exponential toggle (its ``in_3``, Chart-IMG's method) is set by its title. The band between upper
and lower is filled."""

from __future__ import annotations

from ._pine import ema, sma
from .spec import Fill, Plot, StudySpec, choice, flag, length, number, price_source, source

_METHODS = {"simple": "Simple", "sma": "Simple", "exponential": "Exponential", "ema": "Exponential"}


def _compute(c, p):
    src = price_source(c, p["source"])
    exponential = p["exponential"] or p["method"] == "Exponential"
    basis = ema(src, p["length"]) if exponential else sma(src, p["length"])
    k = p["percent"] / 100.0
    k_lower = k if p["lower_percent"] is None else p["lower_percent"] / 100.0
    return {"upper": basis * (1 + k), "basis": basis, "lower": basis * (1 - k_lower)}


def _params(p):
    lower = "" if p["lower_percent"] is None else f", {p['lower_percent']:g}"
    return f"{p['length']}, {p['percent']:g}{lower}"


STUDY = StudySpec(
    name="Envelopes",
    kind="envelopes",
    aliases=("Envelope", "ENV"),
    inputs=(
        length("length", 20, "in_0", "Length", "length", "len", maximum=2000),
        number("percent", 10.0, "in_1", "Percent", "percent", "upperPercentage", "Upper Percentage", minimum=0.0,
               maximum=2000.0),
        source("source", "in_4", "Source", "src"),
        flag("exponential", False, "Exponential", "exponential"),
        choice("method", "Simple", _METHODS, "in_3", "method", "Method"),  # Chart-IMG's
        # Chart-IMG's; None (the default): the lower band's percentage is ``percent``, as in the script
        number("lower_percent", None, "in_2", "lowerPercentage", "Lower Percentage", minimum=0.0, maximum=2000.0),
    ),
    plots=(
        Plot("upper", color="#2962FF", width=1.0, names=("upper",)),
        Plot("basis", color="#FF6D00", width=1.0, names=("plot", "average", "basis")),
        Plot("lower", color="#2962FF", width=1.0, names=("lower",)),
    ),
    fills=(Fill("upper", "lower", color="=upper", alpha=0.07),),
    compute=_compute,
    legend=lambda p, last, fmt: [("basis", f"Env ({_params(p)})  {fmt.price(last['upper'])} / "
                                           f"{fmt.price(last['basis'])} / {fmt.price(last['lower'])}")],
)
