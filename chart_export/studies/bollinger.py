"""Bollinger Bands, TradingView's built-in: ``basis = ma(src, length, maType)`` ("Basis MA
Type": SMA, EMA, SMMA (RMA), WMA, VWMA), ``dev = mult * ta.stdev(src, length)`` (biased,
``sum(x^2)/n - mean^2`` over per-window sums), bands ``basis +/- dev``, band filled; Offset."""

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
    inputs=(  # in_N: chart-img's positions (the workflow's templates use them), then the v6 additions
        length("length", 20, "in_0", "Length", "length"),
        number("mult", 2.0, "in_1", "StdDev", "mult", "stdDev", minimum=0.001, maximum=50.0),
        source("source", "in_2", "Source", "src"),
        choice("ma_type", "SMA", BASIS, "in_3", "Basis MA Type", "maType"),
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
