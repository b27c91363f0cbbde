"""Volume: bars coloured by their candle, optional moving average (not scaling the pane). No
Pine source (TradingView's Volume is a chart built-in): the bar's volume, its MA ``ta.sma``.

A feed without volume (0 on every bar of the history) has no volume values: NaN, so the
legend says ``n/a`` and the manifest ``null``; when no visible bar traded, the pane says
"no volume data" instead of value ticks."""

from __future__ import annotations

import numpy as np

from ._pine import sma
from .spec import Pane, Plot, StudySpec, flag, has_volume, length, no_volume_note


def _compute(c, p):
    volume = np.asarray(c.volume, dtype=np.float64)
    if not has_volume(c):  # nothing traded on any bar: the feed has no volume, not a volume of 0
        volume = np.full(volume.shape, np.nan)
    out = {"volume": volume}
    if p["show_ma"]:
        out["ma"] = sma(volume, p["ma_length"])
    return out


def _legend(p, last, fmt):
    rows = [("volume", f"Volume  {fmt.compact(last['volume'])}")]
    if "ma" in last:
        rows.append(("ma", f"MA ({p['ma_length']})  {fmt.compact(last['ma'])}"))
    return rows


STUDY = StudySpec(
    name="Volume",
    kind="volume",
    aliases=("vol",),
    inputs=(flag("show_ma", False, "showMA", "show ma"), length("ma_length", 20, "length", "maLength", "in_0")),
    plots=(
        Plot("volume", kind="histogram", rule="candle", colors=("up", "down"), alpha=0.55, bar_width=0.72, z=2.0,
             names=("plot", "volume")),
        Plot("ma", color="palette:1", width=1.0, scale=False, names=("volume ma", "ma")),
    ),
    pane=Pane(include=(0.0,), format="compact"),
    compute=_compute,
    legend=_legend,
    note=no_volume_note,
    source="TradingView's Volume is not a Pine script: the bar's volume, coloured by its candle, and an SMA",
)
