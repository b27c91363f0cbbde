"""Volume Weighted Moving Average, TradingView's built-in::

    ma = ta.vwma(src, len)                 // sma(src * volume, len) / sma(volume, len)
    plot(ma, title="VWMA", offset = offset)

First value at bar ``Length - 1``; na where the window traded nothing (0 / 0)."""

from __future__ import annotations

from ._pine import vwma
from .spec import Plot, StudySpec, length, no_volume_note, price_source, source


def _legend(p, last, fmt):
    src = "" if p["source"] == "close" else f", {p['source']}"
    return [("vwma", f"VWMA ({p['length']}{src})  {fmt.price(last['vwma'])}")]


STUDY = StudySpec(
    name="Volume Weighted Moving Average",
    kind="vwma",
    aliases=("VWMA",),
    inputs=(
        length("length", 20, "in_0", "Length", "len"),
        source("in_1", "Source", "src"),
        length("offset", 0, "in_2", "Offset", "offset", minimum=-500, maximum=500),
    ),
    plots=(Plot("vwma", color="#2962FF", width=1.3, offset="offset", names=("plot", "vwma")),),
    compute=lambda c, p: {"vwma": vwma(price_source(c, p["source"]), c.volume, p["length"])},
    legend=_legend,
    note=no_volume_note,
)
