"""Pine's tables (:mod:`chart_export.studies._table`), drawn: cells laid out in figure pixels
at one of the nine positions of a pane, below its legend rows, in the chart's font; when the
table does not fit, a font one point smaller, then the data rows dropped from the table's
``drop`` end (never the header or footer rows); a column that still does not fit is dropped
from the right. Each cell's text is one string of the chart's text pool. And the manifest
entries (``meta.studies[].tables``): every cell, numbers as numbers, and the rows drawn."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..studies._table import Table
from .figure import Z_SWATCH
from .drawings import hidden
from .glyphs import Font
from .numbers import finite_or_none
from .plots import resolve_colour

PAD_X = 5.0  # px left and right of a cell's text
GAP = 1.0  # px between cells
MARGIN = 4.0  # px between the table and the pane's frame
MIN_FONT = 7.0  # pt: the smallest font a table shrinks to


@dataclass
class TableLayout:
    """Where a table goes (figure pixels from the bottom left)."""

    font: Font
    x0: float
    top: float
    row_h: float
    columns: list[int]  # drawn columns
    widths: dict[int, float]  # column -> px
    rows: list[int]  # drawn rows, top to bottom

    @property
    def width(self) -> float:
        return sum(self.widths[c] for c in self.columns) + GAP * (len(self.columns) - 1)

    @property
    def height(self) -> float:
        return self.row_h * len(self.rows) + GAP * (len(self.rows) - 1)


def _widths(t: Table, font: Font, width: Callable[[str, Font], float]) -> dict[int, float]:
    w = {c: 2 * PAD_X + 4 for c in range(t.columns)}
    for cell in t.cells:
        if cell.span == 1 and cell.shown:
            w[cell.column] = max(w[cell.column], width(cell.shown, font) + 2 * PAD_X)
    return w


def layout_table(t: Table, area: tuple[float, float, float, float], fonts: list[Font],
                 width: Callable[[str, Font], float]) -> TableLayout | None:
    """The table's layout inside ``area`` (x0, y0, x1, y1: the pane less its legend rows): the
    largest font that fits, else the smallest with data rows (then columns) dropped; None when
    not even the header rows fit."""
    ax0, ay0, ax1, ay1 = area
    avail_w, avail_h = ax1 - ax0 - 2 * MARGIN, ay1 - ay0 - 2 * MARGIN
    rows, cols = list(range(t.rows)), list(range(t.columns))
    lay = None
    for font in fonts:
        row_h = float(round(font.cap_height + 8))
        lay = TableLayout(font, 0.0, 0.0, row_h, list(cols), _widths(t, font, width), list(rows))
        if lay.width <= avail_w and lay.height <= avail_h:
            break
    assert lay is not None
    for r in t.row_order():
        if lay.height <= avail_h:
            break
        lay.rows.remove(r)
    while lay.width > avail_w and len(lay.columns) > 1:
        lay.columns.pop()
    if lay.height > avail_h or lay.width > avail_w:
        return None
    pos_v, pos_h = t.position.split("_")
    lay.x0 = {"left": ax0 + MARGIN, "right": ax1 - MARGIN - lay.width}.get(pos_h, (ax0 + ax1 - lay.width) / 2)
    lay.top = {"top": ay1 - MARGIN, "bottom": ay0 + MARGIN + lay.height}.get(pos_v, (ay0 + ay1 + lay.height) / 2)
    return lay


def draw_table(fig: Any, t: Table, lay: TableLayout, resolve: Callable[[str], str], pool: Any,
               keep: Callable[[Any], Any], muted: str) -> None:
    """Cell backgrounds (one collection), then each cell's text (centred)."""
    from matplotlib.collections import PolyCollection
    from matplotlib.colors import to_rgba
    from matplotlib.transforms import IdentityTransform

    xs, x = {}, lay.x0
    for c in lay.columns:
        xs[c] = x
        x += lay.widths[c] + GAP
    ys = {r: lay.top - i * (lay.row_h + GAP) for i, r in enumerate(lay.rows)}  # top edge of each row
    verts, faces, texts = [], [], []
    for cell in t.cells:
        if cell.column not in xs or cell.row not in ys:
            continue
        spanned = [c for c in range(cell.column, cell.column + cell.span) if c in xs]
        x0 = xs[cell.column]
        x1 = xs[spanned[-1]] + lay.widths[spanned[-1]]
        y1 = ys[cell.row]
        y0 = y1 - lay.row_h
        if cell.background is not None:
            verts.append([(x0, y0), (x1, y0), (x1, y1), (x0, y1)])
            faces.append(to_rgba(resolve(cell.background), cell.alpha))
        if cell.shown:
            texts.append(((x0 + x1) / 2, (y0 + y1) / 2, cell.shown, resolve(cell.text_color)))
    if verts:
        keep(fig.add_artist(PolyCollection(verts, facecolors=faces, edgecolors="none", transform=IdentityTransform(),
                                           zorder=Z_SWATCH)))
    for cx, cy, s, color in texts:
        pool.add(cx, cy, s, lay.font, color or muted, ha="center", role="drawing:table")


def tables_meta(tables: list[Table], drawn: dict[int, list[int]]) -> list[dict[str, Any]]:
    """The manifest's ``meta.studies[].tables``: each table's cells (text, and the number as a
    number: null when it has none) and the rows the image shows (``drawn_rows``)."""
    out = []
    for i, t in enumerate(tables):
        cells = []
        for c in sorted(t.cells, key=lambda c: (c.row, c.column)):
            entry: dict[str, Any] = {"column": c.column, "row": c.row, "text": c.shown}
            if c.number is not None:
                entry["value"] = finite_or_none(c.number[1])
                entry["format"] = c.number[0]
            elif c.value is not None:
                entry["value"] = finite_or_none(c.value)
            cells.append(entry)
        out.append({"key": t.key, "position": t.position, "columns": t.columns, "rows": t.rows, "cells": cells,
                    "drawn_rows": drawn.get(i, [])})
    return out


def draw_study_tables(ax: Any, ps: Any, legend_h: float, styles: dict[str, Any], theme: dict[str, Any], pool: Any,
                      fonts: list[Font], keep: Callable[[Any], Any]) -> None:
    """The study's tables over the pane ``ax``, below its ``legend_h`` px of legend rows; the
    rows drawn are kept in ``ps.tables_drawn`` for the manifest."""
    bb = ax.bbox
    area = (bb.x0, bb.y0, bb.x1, bb.y1 - legend_h)
    for i, t in enumerate(ps.tables):
        if hidden(t, styles):
            continue
        lay = layout_table(t, area, fonts, lambda s, f: pool.glyphs.width(s, f))
        if lay is None:
            continue
        draw_table(ax.figure, t, lay, lambda ref: resolve_colour(ref, styles, theme), pool, keep, theme["muted"])
        ps.tables_drawn[i] = list(lay.rows)
