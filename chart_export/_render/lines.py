"""Line plots of a study (line, step line, crosses, circles) and piecewise-constant levels.

A line needs two neighbouring values to show: a value with no finite neighbour (a study
defined on one bar only, e.g. a 15-bar average over 15 candles, or a lone value between
gaps) is drawn as a dot of the line's colour instead of vanishing."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np

from .geometry import segments
from .glyphs import DPI

Style = dict[str, Any]  # color, lw (pt), plottype, visible, alpha
PT_PER_PX = 72.0 / DPI  # a template's / Pine's widths are in pixels, matplotlib's in points
#: The dash patterns of TradingView's line styles (a template's ``linestyle``, Pine's ``line.style_*``),
#: for every line drawn here: plots, reference lines, drawings.
DASHES: dict[str, Any] = {"solid": "-", "dotted": (0, (1, 2)), "dashed": (0, (4, 3)), "large dashed": (0, (8, 4)),
                          "sparse dotted": (0, (1, 4))}


def isolated(values: np.ndarray) -> np.ndarray:
    """Indices of finite values whose neighbours (both, where they exist) are not finite."""
    ok = np.isfinite(values)
    before = np.concatenate([[False], ok[:-1]])
    after = np.concatenate([ok[1:], [False]])
    return np.flatnonzero(ok & ~before & ~after)


def draw_line(ax: Any, values: np.ndarray, st: Style, z: float, keep: Callable[[Any], Any]) -> None:
    from matplotlib.lines import Line2D

    if not st["visible"]:
        return
    kwargs: dict[str, Any] = {"color": st["color"], "alpha": st["alpha"], "zorder": z}
    joined = st["plottype"] not in ("cross", "circles", "triangle_up", "triangle_down")
    if st["plottype"] in ("triangle_up", "triangle_down"):  # plotshape above / below the bar's value
        from matplotlib.transforms import offset_copy

        up = st["plottype"] == "triangle_up"
        kwargs.update(linestyle="none", marker="^" if up else "v", markersize=max(5.0, 2.0 * st["lw"] + 4.0),
                      markeredgewidth=0, transform=offset_copy(ax.transData, fig=ax.figure, y=5.0 if up else -5.0,
                                                               units="points"))
    elif st["plottype"] == "cross":
        kwargs.update(linestyle="none", marker="+", markersize=max(4.0, 2.0 * st["lw"] + 3.0),
                      markeredgewidth=max(0.8, st["lw"] * 0.8))
    elif st["plottype"] == "circles":
        kwargs.update(linestyle="none", marker="o", markersize=max(2.0, 1.5 * st["lw"] + 1.0), markeredgewidth=0)
    else:
        kwargs.update(linewidth=st["lw"], solid_joinstyle="round", solid_capstyle="round")
        if st.get("linestyle") is not None:  # Chart-IMG's <plot>.linestyle
            kwargs["linestyle"] = st["linestyle"]
        if st["plottype"] == "step_line":
            kwargs["drawstyle"] = "steps-mid"
    x = np.arange(len(values), dtype=np.float64)
    keep(ax.add_artist(Line2D(x, values, **kwargs)))
    lone = isolated(values) if joined else np.empty(0, dtype=np.int64)
    if lone.size:  # no segment to draw there: a dot
        keep(ax.add_artist(Line2D(x[lone], values[lone], color=st["color"], alpha=st["alpha"], zorder=z,
                                  linestyle="none", marker="o", markersize=max(4.0, 3.0 * st["lw"] + 1.0),
                                  markeredgewidth=0)))


def draw_levels(ax: Any, values: np.ndarray, st: Style, z: float, keep: Callable[[Any], Any]) -> None:
    """Piecewise-constant values: one horizontal segment per run, a gap where it changes."""
    from matplotlib.patches import PathPatch

    if not st["visible"]:
        return
    segs, start = [], None
    for i in range(len(values) + 1):
        v = values[i] if i < len(values) else math.nan
        if start is not None and not (v == values[start]):
            segs.append(((start - 0.5, values[start]), (i - 0.5, values[start])))
            start = None
        if start is None and math.isfinite(v):
            start = i
    if segs:
        keep(ax.add_artist(PathPatch(segments(np.asarray(segs, dtype=float)), facecolor="none", edgecolor=st["color"],
                                     alpha=st["alpha"], linewidth=st["lw"], zorder=z, capstyle="butt",
                                     linestyle=st.get("linestyle") or "solid")))
