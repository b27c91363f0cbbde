"""Geometry helpers: compound paths of rectangles and segments, full-width lines and bands,
value <-> pixel mapping of a pane."""

from __future__ import annotations

import math
from typing import Any

import numpy as np

def hline(ax: Any, y: float, **kwargs: Any) -> Any:
    """A horizontal line across the axes (like ``axhline`` without touching data limits)."""
    from matplotlib.lines import Line2D

    line = Line2D([0.0, 1.0], [y, y], transform=ax.get_yaxis_transform(which="grid"), **kwargs)
    ax.add_artist(line)
    return line


def hspan(ax: Any, y0: float, y1: float, **kwargs: Any) -> Any:
    from matplotlib.patches import Rectangle

    rect = Rectangle((0.0, y0), 1.0, y1 - y0, transform=ax.get_yaxis_transform(which="grid"), **kwargs)
    ax.add_artist(rect)
    return rect



def rects(x0: np.ndarray, x1: np.ndarray, y0: np.ndarray, y1: np.ndarray) -> Any:
    from matplotlib.path import Path

    n = len(x0)
    verts = np.empty((n, 5, 2))
    verts[:, 0, 0], verts[:, 0, 1] = x0, y0
    verts[:, 1, 0], verts[:, 1, 1] = x1, y0
    verts[:, 2, 0], verts[:, 2, 1] = x1, y1
    verts[:, 3, 0], verts[:, 3, 1] = x0, y1
    verts[:, 4, 0], verts[:, 4, 1] = x0, y0
    codes = np.tile(np.array([Path.MOVETO, Path.LINETO, Path.LINETO, Path.LINETO, Path.CLOSEPOLY], dtype=Path.code_type), n)
    path = Path(verts.reshape(-1, 2), codes)
    path.should_simplify = False
    return path


def segments(segs: np.ndarray) -> Any:
    from matplotlib.path import Path

    n = segs.shape[0]
    codes = np.tile(np.array([Path.MOVETO, Path.LINETO], dtype=Path.code_type), n)
    path = Path(segs.reshape(-1, 2), codes)
    path.should_simplify = False
    return path


def padded(lo: float, hi: float, pane_px: float, top_px: float, bottom_px: float, *, log: bool) -> tuple[float, float]:
    """Limits that put [lo, hi] between ``bottom_px`` and ``pane_px - top_px``."""
    if log and lo > 0:
        a, b = math.log10(lo), math.log10(hi)
    else:
        log = False
        a, b = lo, hi
    if b <= a:
        pad = abs(b) * 0.01 if b else 1.0
        if log:
            pad = 0.01
        a, b = a - pad, b + pad
    usable = max(pane_px - top_px - bottom_px, pane_px * 0.3)
    per_px = (b - a) / usable
    a2, b2 = a - bottom_px * per_px, b + top_px * per_px
    if log:
        return 10**a2, 10**b2
    return a2, b2


def px_from_top(value: float, ylim: tuple[float, float], pane_px: float, log: bool) -> float:
    lo, hi = ylim
    if log and lo > 0 and value > 0:
        frac = (math.log10(value) - math.log10(lo)) / (math.log10(hi) - math.log10(lo))
    else:
        frac = (value - lo) / (hi - lo) if hi != lo else 0.5
    return (1.0 - frac) * pane_px

