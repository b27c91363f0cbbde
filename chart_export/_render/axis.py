"""The price pane's right axis: tick labels on the data's own tick grid, and the value tags —
the last price, and levels a study marks (``StudySpec.tags``: the volume profile's POC) —
stacked so that no two tags, and no tag and tick label, ever overlap."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from .figure import Z_BOX
from .glyphs import Font, TextPool
from .layout import PaneBox, tick_bins
from .numbers import format_price, grid_ticks, price_tick, tick_decimals
from .prepare import PreparedStudy

TAG_GAP = 2  # px between two stacked tags


@dataclass
class Tag:
    """A value tag on the right axis: ``text`` on a box of ``color`` centred on ``value``
    (or as near as the tags placed before it allow: ``y`` once placed, figure px)."""

    value: float
    text: str
    color: str
    role: str
    y: float | None = None


def price_scale(prep: Any) -> tuple[float | None, int]:
    """``(tick, decimals)`` of the chart's prices: the candles' own increment and the decimals
    that write it (without one, ~5 significant digits of the visible median close)."""
    c = prep.candles
    tick = price_tick(c.open, c.high, c.low, c.close)
    return tick, tick_decimals(tick, float(np.median(prep.window.close)))


def study_tags(ps: PreparedStudy, styles: dict[str, Any], pdec: int) -> list[Tag]:
    """The levels a price-pane study marks on the axis (``StudySpec.tags``), in its plots' colours."""
    if not ps.spec.tags:
        return []
    last = ps.last()
    out = []
    for key in ps.spec.tags:
        value, style = last.get(key), styles.get(key)
        if value is not None and style is not None and style["visible"] and math.isfinite(value):
            out.append(Tag(float(value), format_price(float(value), pdec), style["color"], f"tag:{key}"))
    return out


def price_grid(pane: PaneBox, tick: float | None, pdec: int, text_px: float) -> None:
    """Price ticks at a nice multiple of the data's tick, labelled in its decimals
    (``1.23900``, ``0.00000108``, ``60,000.00``); without a tick the pane keeps its own locator."""
    grid = grid_ticks(pane.ylim[0], pane.ylim[1], tick, tick_bins(pane, text_px))
    if grid is None:
        return
    pane.fixed_ticks = grid
    pane.formatter = lambda ticks, step: [format_price(t, pdec) for t in ticks]


def place_tags(tags: list[Tag], y_of: Callable[[float], float], box_h: float, y_min: float, y_max: float) -> list[Tag]:
    """Tags in priority order, each at its value's height or, when that is taken, at the
    nearest free height (above or below the tags already placed) within [y_min, y_max];
    tags whose value is off the pane are left out."""
    placed: list[Tag] = []
    half = box_h / 2
    pitch = box_h + TAG_GAP
    for tag in tags:
        if not math.isfinite(tag.value):
            continue
        want = y_of(tag.value)
        if not (y_min - 2 <= want <= y_max + 2):
            continue
        want = min(max(want, y_min + half), y_max - half)
        candidates = [want] + [p.y + d for p in placed for d in (-pitch, pitch)]  # type: ignore[operator]
        free = [c for c in candidates
                if y_min + half <= c <= y_max - half and all(abs(c - p.y) >= pitch - 1e-6 for p in placed)]  # type: ignore[operator]
        if free:
            tag.y = min(free, key=lambda c: (abs(c - want), c))
            placed.append(tag)
    return placed


def clear_tick_labels(pane: PaneBox, tags: list[Tag], to_fig_y: Callable[[float], float], box_h: float,
                      label_h: float) -> None:
    """Drop the pane's tick labels a placed tag would touch."""
    keep = [(t, lab) for t, lab in zip(pane.ticks, pane.labels)
            if all(abs(to_fig_y(t) - tag.y) >= box_h / 2 + label_h / 2 + 2 for tag in tags)]  # type: ignore[operator]
    pane.ticks = [t for t, _ in keep]
    pane.labels = [lab for _, lab in keep]


def draw_tags(fig: Any, pool: TextPool, tags: list[Tag], x: float, font: Font, text_w: Callable[[str], float],
              box_h: float, text_color: str, keep: Callable[[Any], Any]) -> None:
    """Each placed tag: a box from ``x`` (the plot's right edge + 2) and its text."""
    from matplotlib.patches import Rectangle
    from matplotlib.transforms import IdentityTransform

    ident = IdentityTransform()
    for tag in tags:
        y0 = round(tag.y - box_h / 2)  # type: ignore[operator]
        box_w = text_w(tag.text) + 8
        fig.add_artist(keep(Rectangle((x, y0), box_w, box_h, transform=ident, facecolor=tag.color, edgecolor="none",
                                      zorder=Z_BOX - 0.5)))
        pool.add(x + 4, tag.y, tag.text, font, text_color, zorder=Z_BOX, role=tag.role + ":text")  # type: ignore[arg-type]
        pool.note(tag.role, tag.text, (x, y0, x + box_w, y0 + box_h), font, tag.color)
