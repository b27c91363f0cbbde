"""Pine's tables (``table.new(position, columns, rows)`` + ``table.cell``): a grid of cells
pinned to one of TradingView's nine positions of a pane, whatever the price scale and the
visible bars. A spec's ``drawings(candles, inputs, outputs)`` may return a :class:`Table`
among its lines and labels; the renderer (:mod:`chart_export._render.tables`) draws it over
the study's pane (the price pane for an overlay) in the chart's font, shrinking the font and
then dropping rows (``drop``: the oldest data rows first) rather than overflowing the pane,
and writes every cell to the manifest's ``meta.studies[].tables`` with its number as a number.

A cell's ``number`` is ``(format, value)``, written by the chart as its own text (one string
per cell, so a reader of the image gets each value whole): ``percent`` (signed, 2 decimals,
``%``: ``+1.23%``, ``-0.40%``), ``fixed`` (2 decimals), ``percent0`` (a whole percentage,
``57%``); a value that is not finite is written ``na_text``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

POSITIONS = ("top_left", "top_center", "top_right", "middle_left", "middle_center", "middle_right",
             "bottom_left", "bottom_center", "bottom_right")
CELL_FORMATS = ("percent", "fixed", "percent0")


def cell_text(number: tuple[str, float] | None, text: str, na_text: str = "n/a") -> str:
    """What a cell shows: its text, or its number written in its format."""
    if number is None:
        return text
    kind, v = number
    v = float(v)
    if not math.isfinite(v):
        return na_text
    if kind == "percent":
        s = f"{v:.2f}"
        if s.lstrip("-") == "0.00":
            return "0.00%"
        return ("+" if v > 0 else "") + s + "%"
    if kind == "percent0":
        return f"{round(v):d}%".replace("-0%", "0%")
    s = f"{v:.2f}"
    return "0.00" if s == "-0.00" else s


@dataclass(frozen=True)
class Cell:
    """``table.cell(column, row, text, text_color, bgcolor)``; ``span``: columns merged into this
    one (``table.merge_cells``); ``alpha``: the background's opacity."""

    column: int
    row: int
    text: str = ""
    number: tuple[str, float] | None = None
    text_color: str = "text"
    background: str | None = None
    alpha: float = 1.0
    span: int = 1
    na_text: str = "n/a"
    value: float | None = None  # the number a text cell stands for (a rating's "Buy"): the manifest's value

    def __post_init__(self) -> None:
        if self.number is not None and self.number[0] not in CELL_FORMATS:
            raise ValueError(f"cell number format {self.number[0]!r}; known: {CELL_FORMATS}")

    @property
    def shown(self) -> str:
        return cell_text(self.number, self.text, self.na_text)


@dataclass(frozen=True)
class Table:
    """``table.new(position, columns, rows)`` with its cells. When the pane is too short the
    data rows between the ``header_rows`` (top) and the ``footer_rows`` (bottom) go first, from
    the ``drop`` end (``top``: the oldest years of a seasonality table) down to one, then the
    footer rows from the bottom, then that last data row; the header rows are never dropped.
    ``key``: the name in the manifest's ``meta.studies[].tables``."""

    position: str
    columns: int
    rows: int
    cells: tuple[Cell, ...]
    header_rows: int = 1
    footer_rows: int = 0
    drop: str = "top"
    key: str = "table"
    plot: str = ""
    drop_first: tuple[int, ...] = ()  # rows dropped before any data row (a divider)

    def __post_init__(self) -> None:
        if self.position not in POSITIONS:
            raise ValueError(f"table position {self.position!r}; known: {POSITIONS}")
        if self.drop not in ("top", "bottom"):
            raise ValueError(f"table drop {self.drop!r}: top or bottom")
        for c in self.cells:
            if not (0 <= c.column < self.columns and 0 <= c.row < self.rows):
                raise ValueError(f"cell ({c.column}, {c.row}) outside a {self.columns}x{self.rows} table")

    def row_order(self) -> list[int]:
        """The rows in the order they are dropped: ``drop_first``, the data rows from the ``drop``
        end but the last one kept, the footer rows from the bottom, that last data row (never
        the header rows)."""
        data = [r for r in range(self.header_rows, self.rows - self.footer_rows) if r not in self.drop_first]
        data = data if self.drop == "top" else data[::-1]
        footer = [r for r in range(self.rows - self.footer_rows, self.rows) if r not in self.drop_first]
        return list(self.drop_first) + data[:-1] + footer[::-1] + data[-1:]
