"""Bollinger Bands %B: where the source sits between the lower (0) and upper (1) band.

Formula (TradingView Help Center: "Bollinger Bands %B (%B)"; TradingView's built-in script
``basis = ta.sma(src, length); dev = mult * ta.stdev(src, length); bbr = (src - lower) /
(upper - lower)``); ``ta.stdev`` as TradingView computes it (``sum(x^2)/n - mean^2`` of
per-window sums: no running total, so no drift). NaN where the bands coincide (flat window).
First value at bar length - 1.

``in_N`` are Chart-IMG's, what a template written for it means: ``in_0`` the length, ``in_1`` the
multiplier, from Chart-IMG's API documentation (https://doc.chart-img.com/, "TradingView Chart Indicators" >
Bollinger Bands %B; saved copy: github.com/217th/tda_worker_chart_export, docs-worker-chart-export/chart-img-docs/
API Documentation.htm, commit aed440f7cddd9a1841523bbc2eb00cafced220df).
The source (the script's ``in_1``, which Chart-IMG gives the multiplier) is set by its title ``Source``."""

from __future__ import annotations

from ._pine import div, sma, stdev
from .spec import Pane, Plot, StudySpec, length, number, price_source, source


def _compute(c, p):
    x = price_source(c, p["source"])
    basis = sma(x, p["length"])
    dev = p["mult"] * stdev(x, p["length"])
    upper, lower = basis + dev, basis - dev
    return {"bbr": div(x - lower, upper - lower)}


STUDY = StudySpec(
    name="Bollinger Bands %B",
    kind="bbpb",
    aliases=("%B", "BB %B"),
    inputs=(
        length("length", 20, "length", "Length", "in_0", maximum=10000),
        source("source", "Source", "src"),
        number("mult", 2.0, "mult", "StdDev", "Multiplier", "in_1", minimum=0.001, maximum=50.0),
    ),
    plots=(Plot("bbr", color="#22AB94", width=1.5, names=("plot", "bollinger bands %b", "%b")),),
    pane=Pane(include=(0.0, 1.0), lines=(0.0, 1.0), band=(0.0, 1.0), mid=0.5),
    compute=_compute,
    legend=lambda p, last, fmt: [("bbr", f"BB %B ({p['length']}, {p['mult']:g})  {fmt.fixed2(last['bbr'])}")],
)
