"""Average Day Range, TradingView's built-in::

    adr = ta.sma(high - low, lengthInput)
    plot(adr, title="ADR")

The average bar range (of the chart's bars, whatever their timeframe), in price; first value at
bar ``Length - 1``."""

from __future__ import annotations

from ._pine import sma
from .spec import Pane, Plot, StudySpec, length

STUDY = StudySpec(
    name="Average Day Range",
    kind="adr",
    aliases=("ADR",),
    inputs=(length("length", 14, "in_0", "Length", "lengthInput"),),
    plots=(Plot("adr", color="#2962FF", names=("plot", "adr")),),
    pane=Pane(include=(0.0,)),
    compute=lambda c, p: {"adr": sma(c.high - c.low, p["length"])},
    legend=lambda p, last, fmt: [("adr", f"ADR ({p['length']})  {fmt.price(last['adr'])}")],
)
