"""Stochastic RSI: %K and %D of the RSI's stochastic; 20/80 band."""

from __future__ import annotations

from .. import indicators as ind
from .spec import Pane, Plot, StudySpec, length, price_source, source


def _compute(c, p):
    k, d = ind.stochrsi(price_source(c, p["source"]), p["rsi_length"], p["stoch_length"], p["k"], p["d"])
    return {"k": k, "d": d}


def _legend(p, last, fmt):
    return [("k", f"Stoch RSI ({p['rsi_length']}, {p['stoch_length']}, {p['k']}, {p['d']}) K  {fmt.fixed2(last['k'])}"),
            ("d", f"D  {fmt.fixed2(last['d'])}")]


STUDY = StudySpec(
    name="Stochastic RSI",
    kind="stochrsi",
    aliases=("stoch rsi", "stochrsi"),
    # TradingView's input order: K, D, RSI length, Stochastic length, source.
    inputs=(
        length("k", 3, "smoothK", "in_0", "k"),
        length("d", 3, "smoothD", "in_1", "d"),
        length("rsi_length", 14, "lengthRSI", "in_2"),
        length("stoch_length", 14, "lengthStoch", "in_3"),
        source("src", "source", "in_4"),
    ),
    plots=(
        Plot("k", color="palette:1", width=1.2, names=("plot", "k", "%k")),
        Plot("d", color="palette:0", width=1.2, names=("d", "%d")),
    ),
    pane=Pane(range=(0.0, 100.0), ticks=(20.0, 80.0, 50.0), lines=(20.0, 80.0), band=(20.0, 80.0), format="integer"),
    compute=_compute,
    legend=_legend,
)
