"""Envelopes: a moving average with bands a fixed percentage above and below.

Formula (TradingView Help Center: "Envelope (ENV)": basis = MA(src, length), upper = basis
* (1 + upper% / 100), lower = basis * (1 - lower% / 100)). Inputs and defaults (length 20,
upper 2 %, lower 2 %, method Simple, source close) follow chart-img's catalogue of the
"Envelopes" study (TradingView's newer Pine "Envelope" script uses a single 10 % and an
"exponential" switch). MA as TA-Lib SMA / EMA. The band between upper and lower is filled."""

from __future__ import annotations

from ._math import ma
from .spec import Fill, Plot, StudySpec, choice, length, number, price_source, source

_METHODS = {"simple": "Simple", "sma": "Simple", "exponential": "Exponential", "ema": "Exponential"}


def _compute(c, p):
    basis = ma(price_source(c, p["source"]), p["length"], p["method"])
    return {"upper": basis * (1.0 + p["upper_pct"] / 100.0), "basis": basis,
            "lower": basis * (1.0 - p["lower_pct"] / 100.0)}


STUDY = StudySpec(
    name="Envelopes",
    kind="envelopes",
    aliases=("Envelope", "ENV"),
    inputs=(
        length("length", 20, "length", "Length", "in_0", maximum=2000),
        number("upper_pct", 2.0, "upperPercentage", "Upper Percentage", "percent", "in_1", minimum=0.0,
               maximum=2000.0),
        number("lower_pct", 2.0, "lowerPercentage", "Lower Percentage", "in_2", minimum=0.0, maximum=2000.0),
        choice("method", "Simple", _METHODS, "method", "Method", "in_3"),
        source("source", "Source", "src", "in_4"),
    ),
    plots=(
        Plot("upper", color="#2962FF", width=1.0, names=("upper",)),
        Plot("basis", color="#FF6D00", width=1.0, names=("plot", "average", "basis")),
        Plot("lower", color="#2962FF", width=1.0, names=("lower",)),
    ),
    fills=(Fill("upper", "lower", color="=upper", alpha=0.07),),
    compute=_compute,
    legend=lambda p, last, fmt: [("basis", f"Env ({p['length']}, {p['upper_pct']:g}, {p['lower_pct']:g})  "
                                           f"{fmt.price(last['upper'])} / {fmt.price(last['basis'])} / "
                                           f"{fmt.price(last['lower'])}")],
)
