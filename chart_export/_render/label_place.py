"""Where drawn labels go (issue 14: legible at 800x600): each label's box beside its point
by its style, inside the plot area below the pane's legend rows, clear of every label placed
before it. Boxes are figure pixels ``(x0, y0, x1, y1)`` from the bottom left.

A label that collides is nudged along its free axis (sideways for a label above or below its
point, up or down for one beside its point) by at most half its size, to the nearest free
place; when there is none it is dropped. Which label keeps its place is decided by
:func:`priority` — the extremes (the highest and lowest label at one x: a leg's or a period's
ends) first, then the newest (rightmost), then the study's own order — so the result does not depend on chance. A
dropped label is only left out of the picture: its values stay in the manifest
(``meta.studies[].drawings``, written by :func:`chart_export._render.drawings.drawings_meta`
from all the drawings), the machine-readable truth of the chart."""

from __future__ import annotations

from collections.abc import Sequence

Box = tuple[float, float, float, float]

GAP = 4.0  # px between a label and its point
SIDEWAYS = ("down", "up", "upper_left", "center")  # styles whose free axis is x


def anchored(px: float, py: float, w: float, h: float, style: str) -> tuple[float, float]:
    """The lower left corner of a ``w`` x ``h`` label of ``style`` at point (px, py)."""
    if style == "down":
        return px - w / 2, py + GAP
    if style == "up":
        return px - w / 2, py - GAP - h
    if style == "left":
        return px + GAP, py - h / 2
    if style == "right":
        return px - GAP - w, py - h / 2
    if style == "upper_left":
        return px, py - h
    return px - w / 2, py - h / 2


def room(style: str, h: float) -> tuple[float, float]:
    """Pixels a label of ``style`` and height ``h`` needs above and below its point."""
    if style == "down":
        return h + GAP + 2, 0.0
    if style in ("up", "upper_left"):
        return 0.0, h + GAP + 2
    return h / 2 + 2, h / 2 + 2


def overlaps(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def priority(points: Sequence[tuple[float, float]]) -> list[int]:
    """The order in which labels at ``points`` (x, y) claim their place: of the labels that
    share an x (one leg, one period's levels), the highest and the lowest first (a range's ends
    over its interior levels); then newest first; then as given."""
    groups: dict[float, list[float]] = {}
    for x, y in points:
        groups.setdefault(x, []).append(y)
    ends = {x: (min(ys), max(ys)) for x, ys in groups.items()}
    return sorted(range(len(points)), key=lambda i: (points[i][1] not in ends[points[i][0]], -points[i][0], i))


def fit(x0: float, y0: float, w: float, h: float, style: str, area: Box, taken: Sequence[Box]) -> Box | None:
    """The box for a label wanting (x0, y0): kept inside ``area``, nudged along its free axis
    off the ``taken`` boxes when there is room; None when it fits nowhere near its point."""
    if w > area[2] - area[0] or h > area[3] - area[1]:
        return None
    x0 = min(max(x0, area[0]), area[2] - w)
    y0 = min(max(y0, area[1]), area[3] - h)

    def free(x: float, y: float) -> bool:
        box = (x, y, x + w, y + h)
        return (area[0] - 1e-6 <= x and x + w <= area[2] + 1e-6 and area[1] - 1e-6 <= y and y + h <= area[3] + 1e-6
                and not any(overlaps(box, t) for t in taken))

    if free(x0, y0):
        return x0, y0, x0 + w, y0 + h
    if style in SIDEWAYS:
        limit = w / 2
        cands = [c for t in taken for c in (t[2] + 1, t[0] - 1 - w)]
        spots = sorted((abs(c - x0), c) for c in cands if abs(c - x0) <= limit and free(c, y0))
        return (spots[0][1], y0, spots[0][1] + w, y0 + h) if spots else None
    limit = h / 2
    cands = [c for t in taken for c in (t[3] + 1, t[1] - 1 - h)]
    spots = sorted((abs(c - y0), c) for c in cands if abs(c - y0) <= limit and free(x0, c))
    return (x0, spots[0][1], x0 + w, spots[0][1] + h) if spots else None
