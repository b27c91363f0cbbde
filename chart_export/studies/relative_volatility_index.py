"""Relative Volatility Index, TradingView's built-in with its "Smoothing" section (default SMA
14 "RVI-based MA")::

    src = close
    len = 14
    stddev = ta.stdev(src, length)
    upper = ta.ema(ta.change(src) <= 0 ? 0 : stddev, len)
    lower = ta.ema(ta.change(src) > 0 ? 0 : stddev, len)
    rvi = upper / (upper + lower) * 100

On bar 0 (no change) both take ``stddev`` (na, skipped by the EMA); before the deviation exists a
falling bar gives ``upper`` a 0, so the first RVI comes before bar ``length + 13``. Comparisons
tolerant. 20/80 band, 50 midline; Offset."""

from __future__ import annotations

import numpy as np

from . import _smoothing
from ._pine import change, div, ema, gt, stdev
from .spec import Pane, Plot, StudySpec, length


def rvi(src: np.ndarray, n: int) -> np.ndarray:
    stddev = stdev(src, n)
    ch = change(src)
    rising = gt(ch, 0.0)
    upper = ema(np.where(~np.isnan(ch) & ~rising, 0.0, stddev), 14)
    lower = ema(np.where(rising, 0.0, stddev), 14)
    return div(upper, upper + lower) * 100


STUDY = StudySpec(
    name="Relative Volatility Index",
    kind="rvi",
    aliases=("RVI",),
    inputs=(
        length("length", 10, "in_0", "length"),
        length("offset", 0, "in_1", "Offset", "offset", minimum=-500, maximum=500),
        *_smoothing.inputs(2, "SMA"),  # the script's "Length" is the smoothing's (in_0 is untitled: "length")
    ),
    plots=(
        Plot("rvi", color="#7E57C2", names=("plot", "rvi"), offset="offset"),
        *(Plot(q.key, color=q.color, width=q.width, names=q.names, offset="offset")
          for q in _smoothing.plots("RVI-based MA")),
    ),
    fills=_smoothing.FILLS,
    pane=Pane(range=(0.0, 100.0), ticks=(20.0, 80.0, 50.0), lines=(20.0, 80.0), band=(20.0, 80.0), mid=50.0,
              format="integer"),
    compute=lambda c, p: _smoothing.outputs("rvi", rvi(c.close, p["length"]), p, c.volume),
    legend=lambda p, last, fmt: [("rvi", f"RVI ({p['length']})  {fmt.fixed2(last['rvi'])}"),
                                 *_smoothing.legend(p, last, fmt.fixed2)],
)
