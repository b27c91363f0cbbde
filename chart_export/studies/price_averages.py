"""Typical Price, Median Price and Average Price: Chart-IMG's older names for one price per bar,
drawn over the price pane. No Pine source: the classic definitions (Typical Price = (high + low +
close) / 3, Median Price = (high + low) / 2, Average Price = (open + high + low + close) / 4;
TradingView's ``hlc3``, ``hl2``, ``ohlc4``)."""

from __future__ import annotations

import numpy as np

from .spec import Plot, StudySpec, price_source


def _average(name: str, kind: str, short: str, src: str, formula: str, aliases: tuple[str, ...], slot: int):
    return StudySpec(
        name=name,
        kind=kind,
        aliases=aliases,
        source=f"Chart-IMG's catalogue (no Pine source): {formula} per bar (TradingView's `{src}`)",
        inputs=(),
        plots=(Plot(kind, color=f"next:{slot}", names=("plot", kind)),),
        compute=lambda c, p: {kind: np.asarray(price_source(c, src), dtype=np.float64)},
        legend=lambda p, last, fmt: [(kind, f"{short}  {fmt.price(last[kind])}")],
    )


STUDIES = (
    _average("Typical Price", "typical_price", "Typical Price", "hlc3", "(high + low + close) / 3", ("TP",), 2),
    _average("Median Price", "median_price", "Median Price", "hl2", "(high + low) / 2", ("MP",), 3),
    _average("Average Price", "average_price", "Average Price", "ohlc4", "(open + high + low + close) / 4",
             ("AP",), 4),
)
