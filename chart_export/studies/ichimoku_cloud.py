"""Ichimoku Cloud: conversion and base lines (range midpoints), the lagging close and the
two leading spans whose gap is the cloud.

Formula (TradingView Help Center: "Ichimoku Cloud"; TradingView's built-in script):
``donchian(len) = math.avg(ta.lowest(len), ta.highest(len))``; conversion = donchian(9),
base = donchian(26), leading A = avg(conversion, base), leading B = donchian(52); lagging
span = close plotted with ``offset = -displacement + 1``; both leading spans plotted with
``offset = displacement - 1`` (so with the default 26 they are drawn 25 bars ahead -- the
offsets are ``Plot.offset``, the arrays are not shifted). The cloud is filled between the
leading spans, green where A >= B, red elsewhere. Highest/lowest equal TA-Lib MAX/MIN."""

from __future__ import annotations

from ._math import rolling_max, rolling_min
from .spec import Fill, Plot, StudySpec, length


def _donchian(h, l, n):
    return (rolling_min(l, n) + rolling_max(h, n)) / 2.0


def _compute(c, p):
    conv = _donchian(c.high, c.low, p["conversion"])
    base = _donchian(c.high, c.low, p["base"])
    return {
        "conversion": conv,
        "base": base,
        "lagging": c.close.astype("float64", copy=True),
        "lead_a": (conv + base) / 2.0,
        "lead_b": _donchian(c.high, c.low, p["span_b"]),
    }


def _lead(p):
    return p["displacement"] - 1


def _lag(p):
    return -p["displacement"] + 1


def _legend(p, last, fmt):
    return [("conversion", f"Ichimoku ({p['conversion']}, {p['base']}, {p['span_b']}, {p['displacement']})  "
                           f"{fmt.price(last['conversion'])}"),
            ("base", f"Base  {fmt.price(last['base'])}"),
            ("lead_a", f"Lead A  {fmt.price(last['lead_a'])}"),
            ("lead_b", f"Lead B  {fmt.price(last['lead_b'])}")]


STUDY = StudySpec(
    name="Ichimoku Cloud",
    kind="ichimoku",
    aliases=("Ichimoku", "Ichimoku Kinko Hyo"),
    inputs=(
        length("conversion", 9, "conversionPeriods", "Conversion Line Length", "Conversion Line Periods", "in_0"),
        length("base", 26, "basePeriods", "Base Line Length", "Base Line Periods", "in_1"),
        length("span_b", 52, "laggingSpan2Periods", "Leading Span B Length", "Leading Span B", "in_2"),
        length("displacement", 26, "displacement", "Lagging Span", "in_3"),
    ),
    plots=(
        Plot("conversion", color="#2962FF", width=1.0, names=("plot", "conversion line", "conversionline")),
        Plot("base", color="#B71C1C", width=1.0, names=("base line", "baseline")),
        Plot("lagging", color="#43A047", width=1.0, offset=_lag, names=("lagging span", "laggingspan")),
        Plot("lead_a", color="#A5D6A7", width=1.0, offset=_lead, names=("leading span a", "lead 1", "leadingspana")),
        Plot("lead_b", color="#EF9A9A", width=1.0, offset=_lead, names=("leading span b", "lead 2", "leadingspanb")),
    ),
    fills=(Fill("lead_a", "lead_b", color="#43A047", color_below="#F44336", alpha=0.1),),
    compute=_compute,
    legend=_legend,
)
