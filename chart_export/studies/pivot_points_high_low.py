"""Pivot Points High Low ("Pivots HL"), TradingView's built-in: each pivot high / low of
``left`` bars before and ``right`` bars after it labelled with its price (Pine source:
deepentropy/oakscriptJS, docs/official/indicators_standard/Pivot Points High Low.pine, commit
be99ba4e)::

    ph = ta.pivothigh(leftLenH, rightLenH)
    pl = ta.pivotlow(leftLenL, rightLenL)
    drawLabel(rightLenH, ph, label.style_label_down, labelColorH, textColorH)   // at bar_index[right]
    drawLabel(rightLenL, pl, label.style_label_up, labelColorL, textColorL)

A pivot is found ``right`` bars after it and labelled on its own bar: ``str.tostring(pivot,
format.mintick)`` (the chart's price decimals) on a white label with black text, above a high,
below a low; the text and label colours are inputs (``in_2`` / ``in_3`` of the highs,
``textColorH`` / ``labelColorH``; ``in_6`` / ``in_7`` of the lows). Outputs: ``ph`` / ``pl`` (the pivot's price on the bar that finds it, as the
script's series; tests/test_oracle.py holds them to TradingView), ``last_ph`` / ``last_pl``
(the latest pivot's price: the legend's values)."""

from __future__ import annotations

import numpy as np

from ._drawing import Label
from ._pine import fixnan, pivothigh, pivotlow
from .spec import Plot, StudySpec, colour, length


def _compute(c, p):
    ph = pivothigh(c.high, p["left_high"], p["right_high"])
    pl = pivotlow(c.low, p["left_low"], p["right_low"])
    return {"ph": ph, "pl": pl, "last_ph": fixnan(ph), "last_pl": fixnan(pl)}


def _drawings(c, p, out):
    found = []
    for key, right, style, side in (("ph", p["right_high"], "down", "high"), ("pl", p["right_low"], "up", "low")):
        for i in np.flatnonzero(np.isfinite(out[key])).tolist():
            v = float(out[key][i])
            found.append(Label(i - right, v, "{}", numbers=(("price", v),), style=style, text_color=p[f"text_{side}"],
                               background=p[f"label_{side}"], plot=key, key=key))
    return found


def _legend(p, last, fmt):
    return [("ph", f"Pivots HL ({p['left_high']}, {p['right_high']}, {p['left_low']}, {p['right_low']})  "
                   f"{fmt.price(last['last_ph'])}"),
            ("pl", f"Low  {fmt.price(last['last_pl'])}")]


STUDY = StudySpec(
    name="Pivot Points High Low",
    kind="pivots_hl",
    aliases=("Pivots HL", "Pivot Points HL"),
    # the colours' titles repeat the lengths' ("Pivot High", ""): they answer to their variable names and in_N
    inputs=(length("left_high", 10, "in_0", "Pivot High", "leftLenH"), length("right_high", 10, "in_1", "rightLenH"),
            colour("text_high", "#363a45", "in_2", "textColorH"), colour("label_high", "#ffffff", "in_3", "labelColorH"),
            length("left_low", 10, "in_4", "Pivot Low", "leftLenL"), length("right_low", 10, "in_5", "rightLenL"),
            colour("text_low", "#363a45", "in_6", "textColorL"), colour("label_low", "#ffffff", "in_7", "labelColorL")),
    plots=(Plot("ph", kind="custom", color="up", names=("plot", "ph", "pivot high")),
           Plot("pl", kind="custom", color="down", names=("pl", "pivot low"))),
    compute=_compute,
    legend=_legend,
    drawings=_drawings,
)
