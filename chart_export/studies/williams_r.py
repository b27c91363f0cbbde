"""Williams Percent Range, TradingView's built-in: ``100 * (src - highest) / (highest - lowest)``
of the last ``length`` highs and lows (0 .. -100); a window without range has none (na, a
gap; TA-Lib gives 0). -20/-80 band."""

from __future__ import annotations

from ._pine import div, highest, lowest
from .spec import Pane, Plot, StudySpec, length, price_source, source


def _compute(c, p):
    hi, lo = highest(c.high, p["length"]), lowest(c.low, p["length"])
    return {"r": div(100.0 * (price_source(c, p["source"]) - hi), hi - lo)}


STUDY = StudySpec(
    name="Williams %R",
    kind="willr",
    aliases=("Williams Percent Range", "%R", "Williams R", "WPR"),  # the first: TradingView's title
    inputs=(
        length("length", 14, "length", "Length", "in_0"),
        source("source", "Source", "src", "in_1"),
    ),
    plots=(Plot("r", color="#7E57C2", width=1.5, names=("plot", "%r", "r")),),
    pane=Pane(range=(-100.0, 0.0), ticks=(-20.0, -80.0, -50.0), lines=(-80.0, -20.0), band=(-80.0, -20.0),
              mid=-50.0, format="integer"),
    compute=_compute,
    legend=lambda p, last, fmt: [("r", f"%R ({p['length']})  {fmt.fixed2(last['r'])}")],
)
