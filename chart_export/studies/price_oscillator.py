"""Price Oscillator, TradingView's built-in::

    esma(source, length) =>
        s = ta.sma(source, length)
        e = ta.ema(source, length)
        exp ? e : s
    short = esma(src, shortlen)
    long = esma(src, longlen)
    po = (short - long) / long * 100
    sl = esma(po, signallen)
    hist = po - sl

The histogram in TradingView's four colours (>= 0 rising / falling, < 0 rising / falling), the
PPO line teal, the signal orange, a zero line. First PPO at bar ``Long Length - 1``."""

from __future__ import annotations

from ._pine import div, ema, sma
from .spec import Pane, Plot, StudySpec, flag, length, price_source, source

HIST_COLORS = ("#26A69A", "#B2DFDB", "#FFCDD2", "#FF5252")


def _compute(c, p):
    def esma(x, n):
        return ema(x, n) if p["exponential"] else sma(x, n)

    src = price_source(c, p["source"])
    short = esma(src, p["short"])
    long = esma(src, p["long"])
    po = div(short - long, long) * 100
    sl = esma(po, p["signal"])
    return {"hist": po - sl, "ppo": po, "signal": sl}


def _legend(p, last, fmt):
    return [("ppo", f"PPO ({p['short']}, {p['long']}, {p['signal']})  {fmt.fixed2(last['ppo'])}"),
            ("signal", f"Signal  {fmt.fixed2(last['signal'])}"),
            ("hist", f"Hist  {fmt.fixed2(last['hist'])}")]


STUDY = StudySpec(
    name="Price Oscillator",
    kind="ppo",
    aliases=("PPO",),
    inputs=(
        length("short", 12, "in_0", "Short Length", "shortlen"),
        length("long", 26, "in_1", "Long Length", "longlen"),
        length("signal", 9, "in_2", "Signal Length", "signallen"),
        source("in_3", "Source", "src"),
        flag("exponential", True, "in_4", "Use exponential MA", "exp"),
    ),
    plots=(
        Plot("hist", kind="histogram", rule="sign_trend", colors=HIST_COLORS, alpha=None, bar_width=0.68, z=2.0,
             names=("histogram", "hist")),
        Plot("ppo", color="#009688", names=("plot", "ppo")),
        Plot("signal", color="#FF9800", names=("signal line", "signal")),
    ),
    pane=Pane(include=(0.0,), lines=(0.0,), format="auto"),
    compute=_compute,
    legend=_legend,
)
