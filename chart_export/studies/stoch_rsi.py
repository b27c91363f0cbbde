"""Stochastic RSI, TradingView's built-in::

    rsi1 = ta.rsi(src, lengthRSI)
    k = ta.sma(ta.stoch(rsi1, rsi1, rsi1, lengthStoch), smoothK)
    d = ta.sma(k, smoothD)

First K at bar ``lengthRSI + lengthStoch + smoothK - 2`` (17 by default; TA-Lib's STOCHRSI
29). A flat RSI window has no stochastic (na), which the SMAs skip. 20/80 band.

``in_N`` are Chart-IMG's, what a template written for it means: ``in_0`` RSI length, ``in_1``
stochastic length, ``in_2`` K, ``in_3`` D (the script declares K, D, RSI Length, Stochastic Length), from
Chart-IMG's API documentation (https://doc.chart-img.com/, "TradingView Chart Indicators" >
Stochastic RSI; saved copy: github.com/217th/tda_worker_chart_export, docs-worker-chart-export/chart-img-docs/
API Documentation.htm, commit aed440f7cddd9a1841523bbc2eb00cafced220df).
The source, which Chart-IMG does not document, keeps the script's ``in_4``; the script's titles set
every input."""

from __future__ import annotations

from ._pine import rsi, sma, stoch
from .spec import Pane, Plot, StudySpec, length, price_source, source


def _compute(c, p):
    rsi1 = rsi(price_source(c, p["source"]), p["rsi_length"])
    k = sma(stoch(rsi1, rsi1, rsi1, p["stoch_length"]), p["k"])
    return {"k": k, "d": sma(k, p["d"])}


def _legend(p, last, fmt):
    return [("k", f"Stoch RSI ({p['rsi_length']}, {p['stoch_length']}, {p['k']}, {p['d']}) K  {fmt.fixed2(last['k'])}"),
            ("d", f"D  {fmt.fixed2(last['d'])}")]


STUDY = StudySpec(
    name="Stochastic RSI",
    kind="stochrsi",
    aliases=("stoch rsi", "stochrsi"),
    inputs=(  # the script's order; in_N Chart-IMG's
        length("k", 3, "in_2", "K", "smoothK", "k"),
        length("d", 3, "in_3", "D", "smoothD", "d"),
        length("rsi_length", 14, "in_0", "RSI Length", "lengthRSI"),
        length("stoch_length", 14, "in_1", "Stochastic Length", "lengthStoch"),
        source("src", "in_4", "RSI Source", "source"),
    ),
    plots=(
        Plot("k", color="palette:1", width=1.2, names=("plot", "k", "%k")),
        Plot("d", color="palette:0", width=1.2, names=("d", "%d")),
    ),
    pane=Pane(range=(0.0, 100.0), ticks=(20.0, 80.0, 50.0), lines=(20.0, 80.0), band=(20.0, 80.0), format="integer"),
    compute=_compute,
    legend=_legend,
)
