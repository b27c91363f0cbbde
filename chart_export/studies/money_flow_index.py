"""Money Flow Index: a volume-weighted RSI of the typical price (0..100), 20/80 band.

Formula: TA-Lib MFI (= TradingView's ``ta.mfi(hlc3, length)``): money flow = hlc3 *
volume, positive when hlc3 rose, negative when it fell, summed over ``length`` bars;
MFI = 100 * positive / (positive + negative). First value at bar length.
As TA-Lib 0.8: a change of hlc3 within 1e-14 of its magnitude (rounding noise of the
division by 3) counts as no change, and a window with no money flow at all (zero volume,
or no change) gives 0 (Pine would give na there)."""

from __future__ import annotations

import numpy as np

from ._math import div, rolling_sum, shift
from .spec import Pane, Plot, StudySpec, length, no_volume_note


def _compute(c, p):
    n = p["length"]
    tp = (c.high + c.low + c.close) / 3.0
    prev = shift(tp, 1)
    mf = tp * c.volume
    d = tp - prev
    moved = np.abs(d) > 1e-14 * (np.abs(tp) + np.abs(prev))
    pos = np.where(moved & (d > 0.0), mf, 0.0)
    neg = np.where(moved & (d < 0.0), mf, 0.0)
    if pos.shape[0]:
        pos[0] = neg[0] = np.nan  # bar 0 has no change
    sp = rolling_sum(pos, n)
    sn = rolling_sum(neg, n)
    tot = sp + sn
    out = 100.0 * div(sp, tot)
    out[tot == 0.0] = 0.0
    return {"mfi": out}


STUDY = StudySpec(
    note=no_volume_note,
    name="Money Flow Index",
    kind="mfi",
    aliases=("MFI",),
    inputs=(length("length", 14, "length", "Length", "in_0", maximum=2000),),
    plots=(Plot("mfi", color="#7E57C2", width=1.5, names=("plot", "mf", "mfi")),),
    pane=Pane(range=(0.0, 100.0), ticks=(20.0, 80.0, 50.0), lines=(20.0, 80.0), band=(20.0, 80.0), mid=50.0,
              format="integer"),
    compute=_compute,
    legend=lambda p, last, fmt: [("mfi", f"MFI ({p['length']})  {fmt.fixed2(last['mfi'])}")],
)
