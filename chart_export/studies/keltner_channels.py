"""Keltner Channels: a moving average of the source with bands a multiple of the average
true range (or true range / range) above and below, the band filled.

Formula (TradingView Help Center: "Keltner Channels (KC)"; TradingView's built-in script:
``ma = exp ? ta.ema(src, length) : ta.sma(src, length); rangema = BandsStyle == "True
Range" ? ta.tr(true) : BandsStyle == "Average True Range" ? ta.atr(atrlength) :
ta.rma(high - low, length); upper = ma + rangema * mult; lower = ma - rangema * mult``).
EMA/SMA/RMA and ``ta.atr`` (``ta.rma(ta.tr(true), atrlength)``) are Pine's (studies/_pine.py).
The inputs follow TradingView's current built-in script (chart-img's catalogue lists the
legacy study: in_0 useTrueRange, in_1 length 20, in_2 multiplier 1)."""

from __future__ import annotations

from ._math import options
from ._pine import ema, rma, sma, tr
from .spec import Fill, Plot, StudySpec, choice, flag, length, number, price_source, source

_STYLES = options("Average True Range", "True Range", "Range")


def _compute(c, p):
    x = price_source(c, p["source"])
    n = p["length"]
    basis = ema(x, n) if p["use_ema"] else sma(x, n)
    if p["bands_style"] == "True Range":
        width = tr(c.high, c.low, c.close, True)
    elif p["bands_style"] == "Average True Range":
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
        length("length", 20, "length", "Length", "in_0"),
        number("mult", 2.0, "mult", "Multiplier", "in_1", minimum=-1000.0, maximum=1000.0),
        source("source", "Source", "src", "in_2"),
        flag("use_ema", True, "exp", "Use Exponential MA", "in_3"),
        choice("bands_style", "Average True Range", _STYLES, "BandsStyle", "Bands Style", "in_4"),
        length("atr_length", 10, "atrlength", "ATR Length", "in_5"),
    ),
    plots=(
        Plot("upper", color="#2962FF", width=1.0, names=("upper",)),
        Plot("basis", color="#2962FF", width=1.0, names=("plot", "basis")),
        Plot("lower", color="#2962FF", width=1.0, names=("lower",)),
    ),
    fills=(Fill("upper", "lower", color="=upper"),),
    compute=_compute,
    legend=_legend,
)
