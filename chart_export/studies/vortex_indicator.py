"""Vortex Indicator: upward (+VI) and downward (-VI) trend movement relative to the true
range.

Formula (TradingView Help Center: "Vortex Indicator"; TradingView's built-in script
``VMP = math.sum(math.abs(high - low[1]), period_); VMM = math.sum(math.abs(low -
high[1]), period_); STR = math.sum(ta.atr(1), period_); VIP = VMP / STR; VIM = VMM /
STR``). First value at bar period (every term needs the previous bar). NaN where the
true-range sum is 0. No TA-Lib function (tests compose TA-Lib SUM and TRANGE)."""

from __future__ import annotations

import numpy as np

from ._math import div, shift, true_range
from ._pine import msum
from .spec import Pane, Plot, StudySpec, length


def _compute(c, p):
    n = p["length"]
    h, l = c.high, c.low
    vmp = msum(np.abs(h - shift(l, 1)), n)
    vmm = msum(np.abs(l - shift(h, 1)), n)
    str_ = msum(true_range(h, l, c.close), n)
    return {"plus": div(vmp, str_), "minus": div(vmm, str_)}


def _legend(p, last, fmt):
    return [("plus", f"VI ({p['length']}) VI+  {fmt.fixed2(last['plus'])}"), ("minus", f"VI-  {fmt.fixed2(last['minus'])}")]


STUDY = StudySpec(
    name="Vortex Indicator",
    kind="vortex",
    aliases=("VI", "Vortex"),
    inputs=(length("length", 14, "period_", "Length", "Period", "in_0", minimum=2, maximum=100000),),
    plots=(
        Plot("plus", color="#2962FF", width=1.5, names=("plot", "vi +", "vi+")),
        Plot("minus", color="#E91E63", width=1.5, names=("vi -", "vi-")),
    ),
    pane=Pane(format="auto"),
    compute=_compute,
    legend=_legend,
)
