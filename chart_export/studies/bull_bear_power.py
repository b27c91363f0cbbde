"""Bull Bear Power, TradingView's built-in::

    bullPower = high - ta.ema(close, lengthInput)
    bearPower = low - ta.ema(close, lengthInput)
    bbp = bullPower + bearPower
    plot(bbp, color = bbp >= 0 ? #089981 : #f23645, title="BBPower", style = plot.style_columns)
    hline(0, "Zero line")

First value at bar ``Length - 1`` (the EMA seeded with its SMA)."""

from __future__ import annotations

from ._pine import ema
from .spec import Pane, Plot, StudySpec, length


def _compute(c, p):
    e = ema(c.close, p["length"])
    bull_power = c.high - e
    bear_power = c.low - e
    return {"bbp": bull_power + bear_power}


STUDY = StudySpec(
    name="Bull Bear Power",
    kind="bbp",
    aliases=("BBP",),
    inputs=(length("length", 13, "in_0", "Length", "lengthInput"),),
    plots=(Plot("bbp", kind="histogram", rule="sign", colors=("#089981", "#f23645"), alpha=None, bar_width=0.68,
                z=2.0, baseline=True, names=("plot", "bbpower", "bbp")),),
    pane=Pane(include=(0.0,), lines=(0.0,), format="auto"),
    compute=_compute,
    legend=lambda p, last, fmt: [("bbp", f"BBP ({p['length']})  {fmt.auto(last['bbp'])}")],
)
