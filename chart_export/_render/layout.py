"""Pane layout in pixels (no tight/constrained layout): the vertical split, legend rows,
value ranges with head-room for the legend, and y ticks that never collide."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .geometry import padded, px_from_top
from .numbers import price_tick_labels

RIGHT_PAD_BARS = 3
RIGHT_PAD_PX = 30
MIN_SPAN_BARS = 16
MAX_BAR_PX = 64


@dataclass
class PaneBox:
    """One pane: its axes, place (pixels from the top of the figure), legend, value range,
    ticks and the drawing callables run once the axes are placed."""

    ax: Any
    top_px: float
    height_px: float
    legend: list[tuple[str, str]]  # (colour, text)
    ylim: tuple[float, float] = (0.0, 1.0)
    log: bool = False
    ticks: list[float] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)
    legend_rows: list[list[tuple[str, str]]] = field(default_factory=list)
    fixed_ticks: list[float] | None = None
    formatter: Callable[[list[float], float], list[str]] = price_tick_labels
    draws: list[Callable[[Any], None]] = field(default_factory=list)  # draw(ax)
    room: tuple[float, float] = (0.0, 0.0)  # px its drawn labels need above / below the data

    def legend_px(self, line_h: float) -> float:
        """Pixels under the pane's top taken by its legend rows."""
        return 4 + len(self.legend_rows) * line_h + 1 if self.legend_rows else 0.0

    def px_from_top(self, value: float) -> float:
        return px_from_top(value, self.ylim, self.height_px, self.log)


#: A study pane's smallest readable height, in text heights: a legend row and three value
#: labels a tick step apart (89 px at 800 px wide); the price pane's: 14 (156 px).
MIN_PANE_TEXT_HEIGHTS = 8.0
MIN_PRICE_PANE_TEXT_HEIGHTS = 14.0
PANE_GAP_PX = 4


def _rows(text_px: float) -> tuple[int, int]:
    return round(text_px * 2.7), round(text_px * 2.2)  # the title row, the date row


def min_height(text_px: float, n_separate: int) -> int:
    """The smallest chart height at which the price pane and ``n_separate`` study panes all
    get their readable minimum (:func:`vertical_split` never squeezes them below it)."""
    title_h, bottom_h = _rows(text_px)
    return (title_h + bottom_h + PANE_GAP_PX * n_separate + round(text_px * MIN_PRICE_PANE_TEXT_HEIGHTS)
            + n_separate * round(text_px * MIN_PANE_TEXT_HEIGHTS))


def vertical_split(height: int, text_px: float, n_separate: int) -> tuple[int, int, list[float], list[int]]:
    """``(title_h, bottom_h, tops, heights)``: the title row, the date row, and the price
    pane and each separate pane at height ratio 3:1:1..., 4 px apart; a study pane gets at
    least its readable minimum (the price pane gives up the difference). Templates that
    cannot fit their panes that way are refused when parsed (:func:`min_height`)."""
    title_h, bottom_h = _rows(text_px)
    gap = PANE_GAP_PX
    ratios = [3.0] + [1.0] * n_separate
    avail = height - title_h - bottom_h - gap * n_separate
    floor = round(text_px * MIN_PANE_TEXT_HEIGHTS)
    heights = [max(floor, round(avail * r / sum(ratios))) for r in ratios]
    heights[0] = avail - sum(heights[1:])
    tops = [float(title_h)]
    for i in range(1, len(heights)):
        tops.append(tops[-1] + heights[i - 1] + gap)
    return title_h, bottom_h, tops, heights


def legend_rows(entries: list[tuple[Any, str]], avail_px: float, width: Callable[[Any, str], float],
                alone: Callable[[Any], bool] = lambda color: False) -> list[list[tuple[Any, str]]]:
    """Legend entries wrapped into rows of at most ``avail_px`` (``width(colour, text)``: an
    entry's pixels); an entry ``alone`` says so has a row of its own."""
    rows: list[list[tuple[Any, str]]] = []
    row: list[tuple[Any, str]] = []
    used = 6.0
    for color, text in entries:
        wpx = width(color, text)
        if row and (used + wpx > avail_px or alone(color) or alone(row[-1][0])):
            rows.append(row)
            row, used = [], 6.0
        row.append((color, text))
        used += wpx
    if row:
        rows.append(row)
    return rows


def fit_legends(panes: list[PaneBox], price_bounds: tuple[float, float], avail_px: float, line_h: float,
                width: Callable[[Any, str], float], alone: Callable[[Any], bool] = lambda color: False) -> None:
    """Legend rows per pane (at most ~45 % of its height) and value ranges padded so no data
    hides under them (the first pane is the price pane)."""
    for i, pane in enumerate(panes):
        rows = legend_rows(pane.legend, avail_px, width, alone)
        pane.legend_rows = rows[: max(1, int(pane.height_px * 0.45 // line_h))]
        top_pad = len(pane.legend_rows) * line_h + 6 + pane.room[0]  # labels above a point: under the legend
        if i == 0:
            pane.ylim = padded(price_bounds[0], price_bounds[1], pane.height_px, top_pad, max(8, pane.room[1]),
                               log=pane.log)
        else:
            pane.ylim = padded(pane.ylim[0], pane.ylim[1], pane.height_px, top_pad, max(4, pane.room[1]), log=False)


def tick_bins(pane: PaneBox, text_px: float) -> int:
    """How many value-tick intervals a pane has room for: one per 2.2 text heights, at least 3."""
    return max(3, int(pane.height_px // (text_px * 2.2)))


def place_ticks(pane: PaneBox, text_px: float, line_h: float, avoid: float | None = None) -> None:
    """Y ticks and labels: nice steps (or the pane's fixed ticks, by priority), clear of
    the legend, the pane edges, each other and the value ``avoid`` (the last-price box)."""
    from matplotlib.ticker import MaxNLocator

    lo, hi = pane.ylim
    if pane.fixed_ticks is not None:
        ticks = [t for t in pane.fixed_ticks if lo <= t <= hi]
        step = 10.0
    else:
        raw = [float(t) for t in MaxNLocator(nbins=tick_bins(pane, text_px), steps=[1, 2, 2.5, 5, 10]).tick_values(lo, hi)]
        step = (raw[1] - raw[0]) if len(raw) > 1 else max(abs(hi - lo), abs(hi) * 1e-3, 1e-12)
        ticks = [t for t in raw if lo <= t <= hi]
    top_clear = len(pane.legend_rows) * line_h + text_px * 0.6
    ticks = [t for t in ticks if top_clear < pane.px_from_top(t) < pane.height_px - text_px * 0.6]
    if avoid is not None:
        y_avoid = pane.px_from_top(avoid)
        # the tag's box is a cap height + 8 px tall: a label a text height + 8 px away stays clear of it
        ticks = [t for t in ticks if abs(pane.px_from_top(t) - y_avoid) > text_px + 8]
    kept: list[float] = []  # labels at least one text line apart (fixed ticks: by priority)
    for t in ticks:
        if all(abs(pane.px_from_top(t) - pane.px_from_top(u)) >= text_px * 1.4 for u in kept):
            kept.append(t)
    pane.ticks = sorted(kept)
    pane.labels = pane.formatter(pane.ticks, step)


def x_range(k: int, future_bars: int, plot_w: float | None = None) -> tuple[tuple[float, float], float]:
    """``((x0, x1), span)`` in bar units: the window, a few empty bars on the right (plus the
    future bars offset plots draw into). A short history fills the plot: its bars widen up
    to ``MAX_BAR_PX`` each (the span is at least ``MIN_SPAN_BARS`` and at least
    ``plot_w / MAX_BAR_PX`` bars); wide bars keep about ``RIGHT_PAD_PX`` of empty space on
    the right rather than three bars' worth. Without ``plot_w``: a span of at least
    ``MIN_SPAN_BARS``."""
    pad = float(RIGHT_PAD_BARS)
    least = float(MIN_SPAN_BARS)
    if plot_w:
        least = max(least, plot_w / MAX_BAR_PX)
        px_per_bar = plot_w / max(k + pad + future_bars, least)
        pad = min(pad, max(1.0, RIGHT_PAD_PX / px_per_bar))
    pad += future_bars
    x1 = k - 1 + pad + 0.5
    span = max(float(k + pad), least)
    return (x1 - span, x1), span
