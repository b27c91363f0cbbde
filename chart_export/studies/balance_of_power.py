"""Balance of Power: (close - open) / (high - low), buyers' versus sellers' strength.

Formula: TA-Lib BOP (= TradingView's ``(close - open) / (high - low)``). A bar whose range
is below 1e-14 gives 0, as TA-Lib (Pine would give na)."""

from __future__ import annotations

import numpy as np

from .spec import Pane, Plot, StudySpec


def _compute(c, p):
    rng = c.high - c.low
    out = np.zeros(c.close.shape[0])
    np.divide(c.close - c.open, rng, out=out, where=rng >= 1e-14)
    out[np.isnan(rng) | np.isnan(c.close) | np.isnan(c.open)] = np.nan
    return {"bop": out}


STUDY = StudySpec(
    name="Balance of Power",
    kind="bop",
    aliases=("BOP",),
    inputs=(),
    plots=(Plot("bop", color="#FF5252", width=1.5, names=("plot", "bop")),),
    pane=Pane(include=(0.0,), lines=(0.0,)),
    compute=_compute,
    legend=lambda p, last, fmt: [("bop", f"BOP  {fmt.fixed2(last['bop'])}")],
)
