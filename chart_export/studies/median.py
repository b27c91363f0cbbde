"""Median, TradingView's built-in::

    median = ta.percentile_nearest_rank(source, length, 50)
    atr_ = atr_mult * ta.atr(atr_length)
    plot(median + atr_, color=color.lime, title="Upper Band")
    plot(median - atr_, color=color.fuchsia, title="Lower Band")
    median_ema = ta.ema(median, length)
    fill(median_plot, ema_plot, color = median > median_ema ? color.new(color.lime, 10) : color.new(color.fuchsia, 10))

The median of the last ``Median Length`` values of the source (hl2), ATR bands around it, its EMA,
and the space between median and EMA filled green while the median is above, else magenta."""

from __future__ import annotations

from ._pine import atr, ema, percentile_nearest_rank
from .spec import Fill, Input, Plot, StudySpec, length, number, price_source


def _compute(c, p):
    median = percentile_nearest_rank(price_source(c, p["source"]), p["length"], 50)
    atr_ = p["atr_mult"] * atr(c.high, c.low, c.close, p["atr_length"])
    return {"median": median, "upper": median + atr_, "lower": median - atr_, "median_ema": ema(median, p["length"])}


def _legend(p, last, fmt):
    return [("median", f"Median ({p['length']}, {p['atr_length']}, {p['atr_mult']:g})  {fmt.price(last['median'])}"),
            ("upper", f"Upper  {fmt.price(last['upper'])}"), ("lower", f"Lower  {fmt.price(last['lower'])}"),
            ("median_ema", f"EMA  {fmt.price(last['median_ema'])}")]


STUDY = StudySpec(
    name="Median",
    kind="median",
    aliases=(),
    inputs=(
        Input("source", "source", "hl2", ("in_0", "Median Source", "source")),
        length("length", 3, "in_1", "Median Length", "length"),
        length("atr_length", 14, "in_2", "ATR Length", "atr_length"),
        number("atr_mult", 2.0, "in_3", "ATR Multiplier", "atr_mult"),
    ),
    plots=(
        Plot("upper", color="#00C853", width=1.0, names=("upper band",)),
        Plot("lower", color="#D500F9", width=1.0, names=("lower band",)),
        Plot("median_ema", color="#2962FF", width=1.0, names=("median ema",)),
        Plot("median", color="#F23645", width=2.5, names=("plot", "median")),
    ),
    fills=(Fill("median", "median_ema", color="#00E676", alpha=0.3, color_below="#E040FB"),),
    compute=_compute,
    legend=_legend,
)
