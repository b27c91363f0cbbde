"""Stochastic, TradingView's built-in::

    k = ta.sma(ta.stoch(close, high, low, periodK), smoothK)
    d = ta.sma(k, periodD)

``ta.stoch`` of a window without range is na (0 / 0), and ``ta.sma`` then repeats its previous
value (TA-Lib gives 0). 20/80 band."""

from __future__ import annotations

from ._pine import sma, stoch
from .spec import Pane, Plot, StudySpec, length


def _compute(c, p):
    k = sma(stoch(c.close, c.high, c.low, p["k_length"]), p["k_smoothing"])
    return {"k": k, "d": sma(k, p["d_smoothing"])}


def _legend(p, last, fmt):
    return [("k", f"Stoch ({p['k_length']}, {p['k_smoothing']}, {p['d_smoothing']}) %K  {fmt.fixed2(last['k'])}"),
            ("d", f"%D  {fmt.fixed2(last['d'])}")]


STUDY = StudySpec(
    name="Stochastic",
    kind="stoch",
    aliases=("Stoch", "Stochastic Oscillator"),
    inputs=(
        length("k_length", 14, "periodK", "%K Length", "length", "in_0"),
        length("k_smoothing", 1, "smoothK", "%K Smoothing", "in_1"),
        length("d_smoothing", 3, "periodD", "%D Smoothing", "in_2"),
    ),
    plots=(
        Plot("k", color="#2962FF", width=1.5, names=("plot", "%k", "k")),
        Plot("d", color="#FF6D00", width=1.5, names=("%d", "d")),
    ),
    pane=Pane(range=(0.0, 100.0), ticks=(20.0, 80.0, 50.0), lines=(20.0, 80.0), band=(20.0, 80.0), mid=50.0,
              format="integer"),
    compute=_compute,
    legend=_legend,
)
