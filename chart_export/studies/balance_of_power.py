"""Balance of Power, TradingView's built-in: ``(close - open) / (high - low)``; a bar without
range has none (na, a gap; TA-Lib gives 0)."""

from __future__ import annotations

from ._pine import div
from .spec import Pane, Plot, StudySpec

STUDY = StudySpec(
    name="Balance of Power",
    kind="bop",
    aliases=("BOP",),
    inputs=(),
    plots=(Plot("bop", color="#FF5252", width=1.5, names=("plot", "bop")),),
    pane=Pane(include=(0.0,), lines=(0.0,)),
    compute=lambda c, p: {"bop": div(c.close - c.open, c.high - c.low)},
    legend=lambda p, last, fmt: [("bop", f"BOP  {fmt.fixed2(last['bop'])}")],
)
