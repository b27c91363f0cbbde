"""The price pane's own drawing: candles, hollow candles, bars, line, area."""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from .geometry import rects, segments
from .layout import PaneBox


def draw_price(ax: Any, style: str, o: np.ndarray, h: np.ndarray, lo: np.ndarray, c: np.ndarray,
               colors: dict[str, Any], keep: Any, pane: PaneBox, px_per_bar: float) -> None:
    """Candles (one compound path per colour for bodies and one for wicks), bars, line or area."""
    from matplotlib.collections import PolyCollection
    from matplotlib.lines import Line2D
    from matplotlib.patches import PathPatch

    x = np.arange(len(c), dtype=np.float64)
    up = c >= o
    if style in ("line", "area"):
        keep(ax.add_artist(Line2D(x, c, color=colors["palette"][1], linewidth=1.4, zorder=2.5)))
        if style == "area":
            poly = np.concatenate([np.stack([x, c], 1), [[x[-1], pane.ylim[0]], [x[0], pane.ylim[0]]]])
            fill = PolyCollection([poly], facecolors=[colors["palette"][1]], edgecolors="none", alpha=0.12, zorder=0.6)
            keep(ax.add_collection(fill, autolim=False))
        return
    wick_lw = 0.72 * max(1.0, round(px_per_bar / 9.0))
    if style == "bar":
        tick = 0.38
        for mask, color in ((up, colors["up"]), (~up, colors["down"])):
            if not mask.any():
                continue
            xm = x[mask]
            segs = np.concatenate([
                np.stack([np.stack([xm, lo[mask]], 1), np.stack([xm, h[mask]], 1)], 1),
                np.stack([np.stack([xm - tick, o[mask]], 1), np.stack([xm, o[mask]], 1)], 1),
                np.stack([np.stack([xm, c[mask]], 1), np.stack([xm + tick, c[mask]], 1)], 1),
            ])
            keep(ax.add_artist(PathPatch(segments(segs), facecolor="none", edgecolor=color,
                                         linewidth=max(wick_lw, 0.9), zorder=2)))
        return
    # candles; bodies at least one pixel tall so a doji stays visible
    top = np.maximum(o, c)
    bot = np.minimum(o, c)
    y0, y1 = pane.ylim
    if pane.log:
        factor = 10 ** ((math.log10(y1) - math.log10(y0)) / pane.height_px)
        top = np.maximum(top, bot * factor)
    else:
        one_px = (y1 - y0) / pane.height_px
        mid = (top + bot) / 2
        thin = (top - bot) < one_px
        top = np.where(thin, mid + one_px / 2, top)
        bot = np.where(thin, mid - one_px / 2, bot)
    half = 0.36
    for mask, color in ((up, colors["up"]), (~up, colors["down"])):
        if not mask.any():
            continue
        xm = x[mask]
        segs = np.stack([np.stack([xm, lo[mask]], 1), np.stack([xm, h[mask]], 1)], 1)
        keep(ax.add_artist(PathPatch(segments(segs), facecolor="none", edgecolor=color, linewidth=wick_lw, zorder=2,
                                     capstyle="butt")))
        hollow = style == "hollow_candle" and color == colors["up"]
        keep(ax.add_artist(PathPatch(
            rects(xm - half, xm + half, bot[mask], top[mask]),
            facecolor=colors["bg"] if hollow else color, edgecolor=color if hollow else "none",
            linewidth=0.8 if hollow else 0, zorder=2.1,
        )))
