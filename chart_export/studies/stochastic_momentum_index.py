"""Stochastic Momentum Index, TradingView's built-in::

    emaEma(source, length) => ta.ema(ta.ema(source, length), length)
    highestHigh = ta.highest(lengthK)
    lowestLow =   ta.lowest(lengthK)
    highestLowestRange = highestHigh - lowestLow
    relativeRange = close - (highestHigh + lowestLow) / 2
    smi = 200 * (emaEma(relativeRange, lengthD) / emaEma(highestLowestRange, lengthD))
    plot(smi, "SMI", color = color.blue)
    plot(ta.ema(smi, lengthEMA), "SMI-based EMA", color = color.orange)
    overbought = hline(40, "Overbought Line")
    oversold   = hline(-40, "Oversold Line")

First SMI at bar ``lengthK + 2 * (lengthD - 1) - 1``; na where the range's smoothing is 0. The
±40 lines and the band between them are drawn; the gradient fills beyond them are not."""

from __future__ import annotations

from ._pine import div, ema, highest, lowest
from .spec import Pane, Plot, StudySpec, length


def _compute(c, p):
    def ema_ema(source, n):
        return ema(ema(source, n), n)

    highest_high = highest(c.high, p["length_k"])
    lowest_low = lowest(c.low, p["length_k"])
    highest_lowest_range = highest_high - lowest_low
    relative_range = c.close - (highest_high + lowest_low) / 2
    smi = 200 * div(ema_ema(relative_range, p["length_d"]), ema_ema(highest_lowest_range, p["length_d"]))
    return {"smi": smi, "ema": ema(smi, p["length_ema"])}


STUDY = StudySpec(
    name="Stochastic Momentum Index",
    kind="smi",
    aliases=("SMI",),
    inputs=(
        length("length_k", 10, "in_0", "%K Length", "lengthK", maximum=15000),
        length("length_d", 3, "in_1", "%D Length", "lengthD", maximum=4999),
        length("length_ema", 3, "in_2", "EMA Length", "lengthEMA", maximum=4999),
    ),
    plots=(Plot("smi", color="#2196F3", names=("plot", "smi")),
           Plot("ema", color="#FF9800", names=("smi-based ema", "ema"))),
    pane=Pane(include=(40.0, -40.0), lines=(40.0, -40.0), band=(-40.0, 40.0), mid=0.0, format="auto"),
    compute=_compute,
    legend=lambda p, last, fmt: [
        ("smi", f"SMI ({p['length_k']}, {p['length_d']}, {p['length_ema']})  {fmt.fixed2(last['smi'])}"),
        ("ema", f"EMA  {fmt.fixed2(last['ema'])}")],
)
