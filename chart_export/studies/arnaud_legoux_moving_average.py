"""Arnaud Legoux Moving Average, TradingView's built-in::

    source = close
    plot(ta.alma(source, lengthInput, offsetInput, sigmaInput), "ALMA")

A Gaussian-weighted average of the last ``Length`` closes, its peak at ``Offset`` of the window
(0.85: near the newest bar), ``Sigma`` its sharpness. First value at bar ``Length - 1``."""

from __future__ import annotations

from ._pine import alma
from .spec import Plot, StudySpec, length, number


def _legend(p, last, fmt):
    return [("alma", f"ALMA ({p['length']}, {p['offset']:g}, {p['sigma']:g})  {fmt.price(last['alma'])}")]


STUDY = StudySpec(
    name="Arnaud Legoux Moving Average",
    kind="alma",
    aliases=("ALMA",),
    inputs=(
        length("length", 9, "in_0", "Length", "lengthInput"),
        number("offset", 0.85, "in_1", "Offset", "offsetInput"),
        number("sigma", 6.0, "in_2", "Sigma", "sigmaInput", minimum=1e-6),
    ),
    plots=(Plot("alma", color="#2962FF", width=1.3, names=("plot", "alma")),),
    compute=lambda c, p: {"alma": alma(c.close, p["length"], p["offset"], p["sigma"])},
    legend=_legend,
)
