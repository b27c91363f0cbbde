"""Bollinger Bands, TradingView's built-in: ``basis = ma(src, length, maType)`` ("Basis MA
Type": SMA, EMA, SMMA (RMA), WMA, VWMA), ``dev = mult * ta.stdev(src, length)`` (biased,
``sum(x^2)/n - mean^2`` over per-window sums), bands ``basis +/- dev``, band filled; Offset.

``in_0`` length and ``in_1`` StdDev are Chart-IMG's (the workflow's templates send them), from
Chart-IMG's API documentation (https://doc.chart-img.com/, "TradingView Chart Indicators" >
Bollinger Bands; saved copy: github.com/217th/tda_worker_chart_export, docs-worker-chart-export/chart-img-docs/
API Documentation.htm, commit aed440f7cddd9a1841523bbc2eb00cafced220df); the
inputs it does not document keep the script's positions (Source ``in_2``, Offset ``in_4``) except
Basis MA Type, whose ``in_1`` is Chart-IMG's StdDev: its title and ``maType`` set it."""

from __future__ import annotations

from ._pine import ma, stdev
from .spec import Fill, Plot, StudySpec, choice, length, number, price_source, source

BASIS = {"sma": "SMA", "ema": "EMA", "smma (rma)": "SMMA (RMA)", "rma": "SMMA (RMA)", "wma": "WMA", "vwma": "VWMA"}


def _compute(c, p):
    src = price_source(c, p["source"])
    basis = ma(p["ma_type"], src, p["length"], c.volume)
    dev = p["mult"] * stdev(src, p["length"])
    return {"upper": basis + dev, "basis": basis, "lower": basis - dev}


def _legend(p, last, fmt):
    return [("basis", f"BB ({p['length']}, {p['mult']:g})  {fmt.price(last['upper'])} / "
                      f"{fmt.price(last['basis'])} / {fmt.price(last['lower'])}")]


STUDY = StudySpec(
    name="Bollinger Bands",
    kind="bbands",
    aliases=("bb",),
    inputs=(  # in_N: Chart-IMG's, then the script's where Chart-IMG leaves them free
        length("length", 20, "in_0", "Length", "length"),
        number("mult", 2.0, "in_1", "StdDev", "mult", "stdDev", minimum=0.001, maximum=50.0),
        source("source", "in_2", "Source", "src"),
        choice("ma_type", "SMA", BASIS, "Basis MA Type", "maType"),
        length("offset", 0, "in_4", "Offset", "offset", minimum=-500, maximum=500),
    ),
    plots=(  # drawing order: upper, lower, basis on top
        Plot("upper", color="=basis", width=1.0, z=2.9, names=("upper",), offset="offset"),
        Plot("lower", color="=basis", width=1.0, z=2.9, names=("lower",), offset="offset"),
        Plot("basis", color="next:2", width=1.0, z=2.9, names=("plot", "basis", "median"), offset="offset"),
    ),
    fills=(Fill("upper", "lower", color="=upper", alpha=0.07),),
    compute=_compute,
    legend=_legend,
)
