"""The drawing vocabulary of :mod:`chart_export.studies._drawing`, drawn: lines (data
coordinates, clipped to the pane, extended to its edge), boxes, and labels — text from the
chart's glyph pool on an optional box, placed by Pine's label style and kept inside the pane —
and the manifest entries of the keyed ones."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ..studies._drawing import Box, Label, Line, LineFill
from .figure import Z_SWATCH
from .glyphs import Font, TextPool
from .label_place import Box as PxBox
from .label_place import anchored, fit, priority, room
from .lines import DASHES, PT_PER_PX
from .numbers import finite_or_none, format_compact, format_mintick, format_price
from .plots import keep_under_legend, resolve_colour

PAD = 3.0  # px around a label's text
VEIL = 0.7  # opacity of the chart background under a label drawn without a box


@dataclass
class LabelText:
    """What labels are written with: the chart's text pool, font and line height."""

    pool: TextPool
    font: Font
    line_h: float
    width: Callable[[str], float]
    decimals: int  # the price axis' decimals
    tick: float | None = None  # the price increment of the candles
    clear_top: dict[int, float] = field(default_factory=dict)  # id(axes): px under its top kept for the legend rows
    taken: list[PxBox] = field(default_factory=list)  # the boxes of the labels placed so far (one chart)

    def size(self, d: Label) -> tuple[list[str], float, float]:
        """The label's lines, width and height in pixels."""
        lines = label_text(d, self.decimals, self.tick).split("\n")
        w = max(self.width(s) for s in lines) + 2 * PAD
        h = len(lines) * self.line_h * 0.8 + 2 * PAD - self.line_h * 0.3
        return lines, w, h


def label_text(d: Label, decimals: int, tick: float | None = None) -> str:
    """The label's text with its numbers written (``n/a`` for a value that is not finite)."""
    def one(kind: str, v: float) -> str:
        if not math.isfinite(v):
            return "n/a"
        if kind == "price":
            return format_price(v, decimals)
        if kind == "change":
            return ("+" if v > 0 else "") + format_price(v, decimals)
        if kind == "compact":
            return format_compact(v)
        if kind == "mintick":
            return format_mintick(v, tick, decimals)
        return ("+" if v > 0 else "") + f"{v:.2f}%"

    return d.text.format(*(one(k, float(v)) for k, v in d.numbers)) if d.numbers else d.text


def hidden(d: Any, styles: dict[str, Any]) -> bool:
    """A drawing or table tied to a plot (``d.plot``) the template hides."""
    return bool(d.plot) and d.plot in styles and not styles[d.plot]["visible"]


def _extended(d: Line, xlim: tuple[float, float]) -> tuple[list[float], list[float]]:
    xs, ys = [d.x0, d.x1], [d.y0, d.y1]
    if d.x1 == d.x0 or d.extend == "none":
        return xs, ys
    slope = (d.y1 - d.y0) / (d.x1 - d.x0)
    left, right = (d.x0, d.y0), (d.x1, d.y1)
    if d.x1 < d.x0:
        left, right = right, left
    if d.extend in ("left", "both"):
        left = (xlim[0], left[1] + slope * (xlim[0] - left[0]))
    if d.extend in ("right", "both"):
        right = (xlim[1], right[1] + slope * (xlim[1] - right[0]))
    return [left[0], right[0]], [left[1], right[1]]


def _width(d: Any, styles: dict[str, Any]) -> float:
    """A line's width in px: the template's ``<plot>.linewidth`` of the plot it belongs to, else its own."""
    st = styles.get(d.plot) if d.plot else None
    return float(st["width_px"]) if st and st.get("width_px") else float(d.width)


def draw_drawings(ax: Any, drawings: list[Any], styles: dict[str, Any], theme: dict[str, Any],
                  keep: Callable[[Any], Any], text: LabelText) -> None:
    """Boxes and line fills, then lines, then labels (over the plots of the pane ``ax``)."""
    from matplotlib.lines import Line2D
    from matplotlib.patches import Polygon, Rectangle

    shown = [d for d in drawings if not hidden(d, styles)]
    xlim = ax.get_xlim()
    keep_clipped = keep_under_legend(ax, text.clear_top.get(id(ax), 0.0), keep)
    for d in shown:
        if isinstance(d, LineFill):
            pa = sorted(zip(*_extended(d.a, xlim)))
            pb = sorted(zip(*_extended(d.b, xlim)))
            keep_clipped(ax.add_patch(Polygon(pa + pb[::-1], closed=True,
                                              facecolor=resolve_colour(d.color, styles, theme), alpha=d.alpha,
                                              edgecolor="none", zorder=0.6)))
        if isinstance(d, Box):
            x0, x1 = min(d.x0, d.x1), max(d.x0, d.x1)
            if d.extend in ("left", "both"):
                x0 = min(x0, xlim[0])
            if d.extend in ("right", "both"):
                x1 = max(x1, xlim[1])
            face = resolve_colour(d.color, styles, theme)
            keep_clipped(ax.add_patch(Rectangle((x0, min(d.y0, d.y1)), x1 - x0, abs(d.y1 - d.y0),
                                                facecolor=face, alpha=d.alpha, edgecolor="none", zorder=0.6)))
            if d.border is not None:
                keep_clipped(ax.add_patch(Rectangle((x0, min(d.y0, d.y1)), x1 - x0, abs(d.y1 - d.y0),
                                                    facecolor="none", linewidth=0.8,
                                                    edgecolor=resolve_colour(d.border, styles, theme), zorder=0.7)))
    for d in shown:
        if isinstance(d, Line):
            xs, ys = _extended(d, xlim)
            keep_clipped(ax.add_artist(Line2D(xs, ys, color=resolve_colour(d.color, styles, theme),
                                              linewidth=_width(d, styles) * PT_PER_PX, linestyle=DASHES[d.style], zorder=3.5,
                                              solid_capstyle="butt", alpha=d.alpha)))
    for d, lines, box in place_labels(ax, [d for d in shown if isinstance(d, Label)], text):
        _draw_label(ax, d, lines, box, styles, theme, keep, text)


def label_room(drawings: list[Any], styles: dict[str, Any], text: LabelText) -> tuple[float, float]:
    """Pixels the value range keeps free above and below its data for the labels drawn above
    or below a point (as it keeps room for the legend rows)."""
    top = bottom = 0.0
    for d in drawings:
        if isinstance(d, Label) and not hidden(d, styles) and math.isfinite(d.y):
            a, b = room(d.style, text.size(d)[2])
            top, bottom = max(top, a), max(bottom, b)
    return top, bottom


def place_labels(ax: Any, labels: list[Label], text: LabelText) -> list[tuple[Label, list[str], PxBox]]:
    """Each label that gets a place (in the given order): inside the plot area of ``ax``,
    under its legend rows, clear of the labels placed before (see :mod:`.label_place`). The
    others are not drawn; their values stay in the manifest's ``meta.studies[].drawings``."""
    bb = ax.bbox
    area = (bb.x0 + 2, bb.y0 + 2, bb.x1 - 2, bb.y1 - text.clear_top.get(id(ax), 0.0) - 2)
    wanted = []
    for d in labels:
        if not (math.isfinite(d.x) and math.isfinite(d.y)):
            continue
        px, py = ax.transData.transform((d.x, d.y))
        if not (bb.y0 - 1 <= py <= bb.y1 + 1 and bb.x0 - 1 <= px <= bb.x1 + 1):
            continue
        lines, w, h = text.size(d)
        wanted.append((d, lines, (float(px), float(py)), w, h))
    placed: dict[int, PxBox] = {}
    for i in priority([p for _, _, p, _, _ in wanted]):
        d, _, (px, py), w, h = wanted[i]
        box = fit(*anchored(px, py, w, h, d.style), w, h, d.style, area, text.taken)
        if box is not None:
            text.taken.append(box)
            placed[i] = box
    return [(wanted[i][0], wanted[i][1], placed[i]) for i in sorted(placed)]


def _draw_label(ax: Any, d: Label, lines: list[str], box: PxBox, styles: dict[str, Any], theme: dict[str, Any],
                keep: Callable[[Any], Any], text: LabelText) -> None:
    from matplotlib.patches import FancyBboxPatch
    from matplotlib.transforms import IdentityTransform

    x0, y0, x1, y1 = box
    w, h = x1 - x0, y1 - y0
    fg = resolve_colour(d.text_color, styles, theme)
    # on its background; a label without one on a veil of the chart's background, so candles and
    # lines under it do not cut through its text
    face, alpha = (theme["bg"], VEIL) if d.background is None else (resolve_colour(d.background, styles, theme), 1.0)
    patch = FancyBboxPatch((x0, y0), w, h, boxstyle="round,pad=0,rounding_size=2", transform=IdentityTransform(),
                           facecolor=face, alpha=alpha, edgecolor="none", zorder=Z_SWATCH)
    keep(ax.figure.add_artist(patch))
    step = text.line_h * 0.8
    top = y0 + h / 2 + (len(lines) - 1) * step / 2  # the block of lines centred on the box
    tx = {"left": x0 + PAD, "right": x0 + w - PAD}.get(d.align, x0 + w / 2)
    for i, s in enumerate(lines):
        text.pool.add(tx, top - i * step, s, text.font, fg, ha=d.align, role="drawing:label")
    text.pool.note("drawing:box", "\n".join(lines), box, text.font, fg)


def _time(i: float, times: np.ndarray, step: float) -> int | None:
    """The time of window bar ``i`` (extrapolated by the bar interval beyond the last bar); a
    label at a bar's left edge (``i - 0.5``) is that bar's."""
    j = int(math.floor(i + 0.5))
    if 0 <= j < len(times):
        return int(times[j])
    if len(times) == 0 or not step:
        return None
    return int(times[-1] + (j - (len(times) - 1)) * step) if j > 0 else int(times[0] + j * step)


def drawings_meta(drawings: list[Any], times: np.ndarray, step: float, decimals: int,
                  tick: float | None = None) -> list[dict[str, Any]]:
    """The manifest's ``meta.studies[].drawings``: each keyed drawing that reaches the visible
    bars, with bar times (RFC 3339) and values."""
    from datetime import UTC, datetime

    from ..timeutil import rfc3339

    def when(i: float) -> str | None:
        t = _time(i, times, step)
        return None if t is None else rfc3339(datetime.fromtimestamp(t, UTC))

    out: list[dict[str, Any]] = []
    for d in drawings:
        if not d.key:
            continue
        if isinstance(d, Label):
            out.append({"key": d.key, "kind": "label", "time": when(d.x), "value": finite_or_none(d.y),
                        "text": label_text(d, decimals, tick)})
        elif isinstance(d, LineFill):
            continue
        else:
            out.append({"key": d.key, "kind": "line" if isinstance(d, Line) else "box", "time0": when(d.x0),
                        "value0": finite_or_none(d.y0), "time1": when(d.x1), "value1": finite_or_none(d.y1)})
    return out
