"""Moving Average Convergence Divergence, TradingView's built-in: two independent moving
averages of the source (EMA, each seeded with its SMA, or SMA: "Oscillator MA Type"), ``macd =
fast_ma - slow_ma`` (first value at bar ``slow - 1``), ``signal`` its EMA or SMA ("Signal Line
MA Type"), ``hist = macd - signal``. TA-Lib seeds both EMAs on one bar and starts the line with
the signal. The histogram in TradingView's four colours: above zero rising / falling, below
zero rising (towards zero) / falling."""

from __future__ import annotations

from ._pine import ma
from .spec import Pane, Plot, StudySpec, choice, length, price_source, source

# TradingView's MACD defaults: >= 0 rising, >= 0 falling, < 0 rising, < 0 falling
HIST_COLORS = ("#26a69a", "#b2dfdb", "#ffcdd2", "#ff5252")
MA2 = {"sma": "SMA", "ema": "EMA"}


def _compute(c, p):
    src = price_source(c, p["source"])
    macd = ma(p["oscillator_ma"], src, p["fast"]) - ma(p["oscillator_ma"], src, p["slow"])
    signal = ma(p["signal_ma"], macd, p["signal"])
    return {"macd": macd, "signal": signal, "hist": macd - signal}


def _legend(p, last, fmt):
    return [("macd", f"MACD ({p['fast']}, {p['slow']}, {p['signal']})  {fmt.auto(last['macd'])}"),
            ("signal", f"Signal  {fmt.auto(last['signal'])}"),
            ("hist", f"Hist  {fmt.auto(last['hist'])}")]


STUDY = StudySpec(
    name="MACD",
    kind="macd",
    aliases=("Moving Average Convergence Divergence",),  # TradingView's title
    inputs=(  # in_N: chart-img's positions (the workflow's templates use them), then the v6 additions
        length("fast", 12, "in_0", "Fast Length", "fastLength", "fast_length", "fast"),
        length("slow", 26, "in_1", "Slow Length", "slowLength", "slow_length", "slow"),
        length("signal", 9, "in_2", "Signal Smoothing", "signalLength", "signal_length", "signal", maximum=50),
        source("in_3", "Source", "source", "src"),
        choice("oscillator_ma", "EMA", MA2, "in_4", "Oscillator MA Type", "sma_source"),
        choice("signal_ma", "EMA", MA2, "in_5", "Signal Line MA Type", "sma_signal"),
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
