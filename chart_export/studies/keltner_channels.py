"""Keltner Channels: a moving average of the source with bands a multiple of the average
true range (or true range / range) above and below, the band filled.

Formula (TradingView Help Center: "Keltner Channels (KC)"; TradingView's built-in script:
``ma = exp ? ta.ema(src, length) : ta.sma(src, length); rangema = BandsStyle == "True
Range" ? ta.tr(true) : BandsStyle == "Average True Range" ? ta.atr(atrlength) :
ta.rma(high - low, length); upper = ma + rangema * mult; lower = ma - rangema * mult``).
EMA/SMA/RMA and ``ta.atr`` (``ta.rma(ta.tr(true), atrlength)``) are Pine's (studies/_pine.py).
The inputs and defaults are TradingView's current built-in script's; ``in_N`` are Chart-IMG's, what
a template written for it means: ``in_0`` use true range, ``in_1`` length, ``in_2`` multiplier, from
Chart-IMG's API documentation (https://doc.chart-img.com/, "TradingView Chart Indicators" >
Keltner Channels; saved copy: github.com/217th/tda_worker_chart_export, docs-worker-chart-export/chart-img-docs/
API Documentation.htm, commit aed440f7cddd9a1841523bbc2eb00cafced220df)
(its default multiplier is 1, the script's 2: a template that wants 1 says so). Chart-IMG's "use
true range" is the legacy study's toggle (``useTrueRange ? tr : high - low``): on (the default), the
bands are the script's Bands Style; off, they are the script's "Range" style (``ta.rma(high - low,
length)``; the legacy study averaged with an EMA). The inputs Chart-IMG does not document keep the
script's positions (Use Exponential MA ``in_3``, Bands Style ``in_4``, ATR Length ``in_5``), except
Source, whose ``in_2`` is Chart-IMG's multiplier: its title sets it."""

from __future__ import annotations

from ._math import options
from ._pine import ema, rma, sma, tr
from .spec import Fill, Plot, StudySpec, choice, flag, length, number, price_source, source

_STYLES = options("Average True Range", "True Range", "Range")


def _compute(c, p):
    x = price_source(c, p["source"])
    n = p["length"]
    basis = ema(x, n) if p["use_ema"] else sma(x, n)
    style = p["bands_style"] if p["use_true_range"] else "Range"
    if style == "True Range":
        width = tr(c.high, c.low, c.close, True)
    elif style == "Average True Range":
        width = rma(tr(c.high, c.low, c.close, True), p["atr_length"])
    else:
        width = rma(c.high - c.low, n)
    return {"upper": basis + width * p["mult"], "basis": basis, "lower": basis - width * p["mult"]}


def _legend(p, last, fmt):
    return [("basis", f"KC ({p['length']}, {p['mult']:g})  {fmt.price(last['upper'])} / "
                      f"{fmt.price(last['basis'])} / {fmt.price(last['lower'])}")]


STUDY = StudySpec(
    name="Keltner Channels",
    kind="keltner",
    aliases=("KC", "Keltner"),
    inputs=(
        length("length", 20, "length", "Length", "in_1"),
        number("mult", 2.0, "mult", "Multiplier", "in_2", minimum=-1000.0, maximum=1000.0),
        source("source", "Source", "src"),
        flag("use_ema", True, "exp", "Use Exponential MA", "in_3"),
        choice("bands_style", "Average True Range", _STYLES, "BandsStyle", "Bands Style", "in_4"),
        length("atr_length", 10, "atrlength", "ATR Length", "in_5"),
        flag("use_true_range", True, "in_0", "useTrueRange", "Use True Range"),  # Chart-IMG's; off: "Range"
    ),
    plots=(
        Plot("upper", color="#2962FF", width=1.0, names=("upper",)),
        Plot("basis", color="#2962FF", width=1.0, names=("plot", "basis", "middle")),
        Plot("lower", color="#2962FF", width=1.0, names=("lower",)),
    ),
    fills=(Fill("upper", "lower", color="=upper"),),
    compute=_compute,
    legend=_legend,
)
