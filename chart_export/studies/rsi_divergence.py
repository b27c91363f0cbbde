"""RSI Divergence Indicator, TradingView's built-in: the RSI with lines and "Bull" / "Bear"
labels where its pivots diverge from price (Pine source: deepentropy/oakscriptJS,
docs/official/indicators_standard/RSI Divergence Indicator.pine, commit be99ba4e)::

    osc = ta.rsi(src, len)
    plFound = not na(ta.pivotlow(osc, lbL, lbR));  phFound = ... pivothigh
    _inRange(cond) => rangeLower <= ta.barssince(cond == true) <= rangeUpper
    oscHL = osc[lbR] > ta.valuewhen(plFound, osc[lbR], 1) and _inRange(plFound[1])
    priceLL = low[lbR] < ta.valuewhen(plFound, low[lbR], 1)
    bullCond = plotBull and priceLL and oscHL and plFound        // Hidden Bullish: oscLL and priceHL
    bearCond = plotBear and priceHH and oscLH and phFound         // Hidden Bearish: oscHH and priceLH

Each divergence is drawn ``lbR`` bars back, on the RSI pivot: the script's plot of the pivots
(``plot(plFound ? osc[lbR] : na, offset = -lbR)``, a line joining consecutive pivots, invisible
but where the condition holds) is a line from the previous pivot, 2 px, green (bullish) / red
(bearish), 80 % transparent for hidden ones; its ``plotshape`` is a green label "Bull" / "H
Bull" under the pivot, red "Bear" / "H Bear" above. Outputs ``rsi``; ``bull``, ``hidden_bull``,
``bear``, ``hidden_bear`` (the pivot's RSI on the bar that finds the divergence, as the script's
plotshape series: tests/test_oracle.py holds them to TradingView). Pane as the RSI's."""

from __future__ import annotations

import numpy as np

from ._drawing import Label, Line
from ._pine import barssince, pivothigh, pivotlow, rsi, shift, valuewhen
from .spec import Pane, Plot, StudySpec, flag, length, price_source, source

GREEN, RED = "#4CAF50", "#F23645"
KINDS = (("bull", "Bull", GREEN, False), ("hidden_bull", "H Bull", GREEN, False), ("bear", "Bear", RED, True),
         ("hidden_bear", "H Bear", RED, True))


def _pivots(osc, p):
    """Where the RSI's pivot lows / highs are found (``right`` bars after them)."""
    return np.isfinite(pivotlow(osc, p["left"], p["right"])), np.isfinite(pivothigh(osc, p["left"], p["right"]))


def _conditions(c, p):
    osc = rsi(np.asarray(price_source(c, p["source"]), dtype=np.float64), p["length"])
    r = p["right"]
    pl, ph = _pivots(osc, p)
    o_r, lo_r, hi_r = shift(osc, r), shift(c.low, r), shift(c.high, r)

    def in_range(found):
        bars = barssince(np.r_[False, found[:-1]])
        with np.errstate(invalid="ignore"):
            return (p["range_lower"] <= bars) & (bars <= p["range_upper"])

    in_pl, in_ph = in_range(pl), in_range(ph)
    with np.errstate(invalid="ignore"):
        o_pl, o_ph = valuewhen(pl, o_r, 1), valuewhen(ph, o_r, 1)
        conds = {
            "bull": p["plot_bull"] & (lo_r < valuewhen(pl, lo_r, 1)) & (o_r > o_pl) & in_pl & pl,
            "hidden_bull": p["plot_hidden_bull"] & (lo_r > valuewhen(pl, lo_r, 1)) & (o_r < o_pl) & in_pl & pl,
            "bear": p["plot_bear"] & (hi_r > valuewhen(ph, hi_r, 1)) & (o_r < o_ph) & in_ph & ph,
            "hidden_bear": p["plot_hidden_bear"] & (hi_r < valuewhen(ph, hi_r, 1)) & (o_r > o_ph) & in_ph & ph,
        }
    return osc, o_r, conds


def _compute(c, p):
    osc, o_r, conds = _conditions(c, p)
    return {"rsi": osc, **{k: np.where(v, o_r, np.nan) for k, v in conds.items()}}


def _drawings(c, p, out):
    osc = out["rsi"]
    pl, ph = _pivots(osc, p)  # the conditions are the finite values of compute's outputs
    r = p["right"]
    drawn = []
    for key, text, col, bear in KINDS:
        found = np.flatnonzero(ph if bear else pl)
        for i in np.flatnonzero(np.isfinite(out[key])).tolist():
            k = int(np.searchsorted(found, i))  # found[k] == i; the previous pivot is found[k - 1]
            a, b = int(found[k - 1]) - r, i - r
            drawn.append(Line(a, float(osc[a]), b, float(osc[b]), col, width=2, alpha=0.2 if "hidden" in key else 1.0,
                              plot=key))
            drawn.append(Label(b, float(osc[b]), text, style="down" if bear else "up", text_color="#FFFFFF",
                               background=col, plot=key, key=key))
    return drawn


def _legend(p, last, fmt):
    return [("rsi", f"RSI Divergence ({p['length']}, {p['source']})  {fmt.fixed2(last['rsi'])}")]


STUDY = StudySpec(
    name="RSI Divergence Indicator",
    kind="rsi_divergence",
    aliases=("RSI Divergence",),
    inputs=(
        length("length", 14, "in_0", "RSI Period", "len"),
        source("in_1", "RSI Source", "src"),
        length("right", 5, "in_2", "Pivot Lookback Right", "lbR"),
        length("left", 5, "in_3", "Pivot Lookback Left", "lbL"),
        length("range_upper", 60, "in_4", "Max of Lookback Range", "rangeUpper"),
        length("range_lower", 5, "in_5", "Min of Lookback Range", "rangeLower"),
        flag("plot_bull", True, "in_6", "Plot Bullish", "plotBull"),
        flag("plot_hidden_bull", False, "in_7", "Plot Hidden Bullish", "plotHiddenBull"),
        flag("plot_bear", True, "in_8", "Plot Bearish", "plotBear"),
        flag("plot_hidden_bear", False, "in_9", "Plot Hidden Bearish", "plotHiddenBear"),
    ),
    plots=(Plot("rsi", color="#2962FF", width=2.0, names=("plot", "rsi")),
           *(Plot(k, kind="custom", color=col, names=(k.replace("_", " "),), scale=False) for k, _, col, _ in KINDS)),
    pane=Pane(range=(0.0, 100.0), ticks=(30.0, 70.0, 50.0), lines=(30.0, 70.0), band=(30.0, 70.0), mid=50.0,
              format="integer"),
    compute=_compute,
    legend=_legend,
    drawings=_drawings,
)
