"""MACD: MACD and signal lines over a histogram in TradingView's four colours: above zero
rising / falling, below zero rising (towards zero) / falling."""

from __future__ import annotations

from .. import indicators as ind
from .spec import Pane, Plot, StudySpec, length, price_source, source

# TradingView's MACD defaults: >= 0 rising, >= 0 falling, < 0 rising, < 0 falling
HIST_COLORS = ("#26a69a", "#b2dfdb", "#ffcdd2", "#ff5252")


def _compute(c, p):
    m, s, h = ind.macd(price_source(c, p["source"]), p["fast"], p["slow"], p["signal"])
    return {"macd": m, "signal": s, "hist": h}


def _legend(p, last, fmt):
    return [("macd", f"MACD ({p['fast']}, {p['slow']}, {p['signal']})  {fmt.auto(last['macd'])}"),
            ("signal", f"Signal  {fmt.auto(last['signal'])}"),
            ("hist", f"Hist  {fmt.auto(last['hist'])}")]


STUDY = StudySpec(
    name="MACD",
    kind="macd",
    inputs=(
        length("fast", 12, "in_0", "fastLength", "fast_length", "fast"),
        length("slow", 26, "in_1", "slowLength", "slow_length", "slow"),
        length("signal", 9, "in_2", "signalLength", "signal_length", "signal"),
        source("in_3", "source", "src"),
    ),
    plots=(
        Plot("hist", kind="histogram", rule="sign_trend", colors=HIST_COLORS, alpha=None, bar_width=0.68, z=2.0,
             baseline=True, names=("histogram", "hist")),
        Plot("macd", color="palette:1", names=("plot", "macd")),
        Plot("signal", color="palette:0", names=("signal",)),
    ),
    pane=Pane(include=(0.0,), format="auto"),
    compute=_compute,
    legend=_legend,
)
