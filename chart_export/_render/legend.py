"""Legend rows: a colour swatch, the study's label (name and parameters, ``SMA (12)``) and its
value drawn as a separate token after a gap of three digit widths, so neither a reader nor an
OCR engine merges the two (``SMA (12)   795.52``, never ``SMA12795.52``): at one and a half,
RapidOCR read most legend values glued to their label (``benchmarks/ocr_check.py``).

A study's legend text writes label and value separated by two spaces (``SEPARATOR``);
a text without them is one token. A value of several numbers (Bollinger's ``upper / basis /
lower``, the volume profile's ``low – high``) is drawn number by number, the ``/`` or ``–``
its own muted text in a gap of three digit widths: RapidOCR read ``a / b / c`` and ``a – b``
as one token (or lost them).

An entry whose colour is an :class:`OhlcEntry` is the last bar's O/H/L/C row
(:class:`~chart_export._render.title.OhlcRow`): no swatch, a row of its own, its own colour."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .figure import Z_SWATCH
from .glyphs import Font, Glyphs, TextPool
from .layout import PaneBox
from .title import OhlcRow

SEPARATOR = "  "
#: Pixels after an entry, before the next one's swatch: at 14 RapidOCR read the swatch as a
#: glyph and the value and the next label as one token (``103,261.78SMA``).
AFTER_VALUE = 28
VALUE_SEPARATOR = re.compile(r" ([/–]) ")


@dataclass(frozen=True)
class OhlcEntry:
    """The colour slot of the O/H/L/C legend entry: the colour its text is drawn in."""

    color: str


def value_parts(value: str) -> list[str]:
    """``["136,366.84", "/", "119,814.31", "/", "103,261.78"]`` from ``"136,366.84 / 119,814.31 /
    103,261.78"``: numbers at even places, the separators between them at odd places."""
    return VALUE_SEPARATOR.split(value)


def split_entry(text: str) -> tuple[str, str]:
    """``("SMA (12)", "795.52")`` from ``"SMA (12)  795.52"``; ``(text, "")`` without a value."""
    label, sep, value = text.partition(SEPARATOR)
    if not sep or not value.strip() or not label.strip():
        return text.strip(), ""
    return label.rstrip(), value.strip()


class LegendText:
    """Widths and drawing of legend entries in one font. An entry's width is measured once
    (the layout and the drawing both ask for it)."""

    def __init__(self, glyphs: Glyphs, font: Font, avail: float = float("inf")) -> None:
        self.glyphs, self.font, self.avail = glyphs, font, avail
        self.digit = round(glyphs.width("0", font))
        self.gap = 3 * self.digit
        self.ohlc = OhlcRow(glyphs, font)
        self._part_gaps: dict[str, float] = {}
        self._widths: dict[str, float] = {}

    def value_width(self, value: str, gap: float) -> float:
        parts = value_parts(value)
        return sum(self.glyphs.width(part, self.font) for part in parts) + gap * (len(parts) - 1)

    def part_gap(self, text: str) -> float:
        """The gap around a value's ``/`` or ``–``: three digit widths, one when the entry
        would not fit its row that way (a narrow chart)."""
        gap = self._part_gaps.get(text)
        if gap is None:
            label, value = split_entry(text)
            wide = self.glyphs.width(label, self.font) + self.gap + self.value_width(value, self.gap)
            gap = self._part_gaps[text] = self.gap if 14 + wide + AFTER_VALUE <= self.avail else self.digit
        return gap

    def width(self, text: str) -> float:
        w = self._widths.get(text)
        if w is None:
            label, value = split_entry(text)
            w = self.glyphs.width(label, self.font)
            w = self._widths[text] = w + self.gap + self.value_width(value, self.part_gap(text)) if value else w
        return w

    def entry_width(self, color: Any, text: str) -> float:
        """Pixels an entry takes in its row, swatch and margins included."""
        if isinstance(color, OhlcEntry):
            return self.ohlc.width(text)
        return 14 + self.width(text) + AFTER_VALUE


    def draw(self, fig: Any, pool: TextPool, panes: list[PaneBox], height: int, left: int, line_h: float,
             text_color: str, muted: str, keep: Callable[[Any], Any]) -> None:
        """Every pane's legend rows from its top left: swatches (one collection) and text."""
        from matplotlib.collections import PolyCollection
        from matplotlib.transforms import IdentityTransform

        swatches, colors = [], []
        for pane in panes:
            y = height - pane.top_px - 4 - line_h / 2
            for row in pane.legend_rows:
                xp = left + 6
                for color, text in row:
                    if isinstance(color, OhlcEntry):
                        self.ohlc.draw(pool, xp, y, text, color.color)
                        xp += self.ohlc.width(text) + 14
                        continue
                    swatches.append(((xp, y - 2.5), (xp + 10, y - 2.5), (xp + 10, y + 2.5), (xp, y + 2.5)))
                    colors.append(color)
                    label, value = split_entry(text)
                    pool.add(xp + 14, y, label, self.font, text_color, role="legend:label")
                    x_value = xp + 14 + self.glyphs.width(label, self.font) + self.gap
                    part_gap = self.part_gap(text)
                    for i, part in enumerate(value_parts(value) if value else []):
                        pool.add(x_value, y, part, self.font, muted if i % 2 else text_color,
                                 role="legend:sep" if i % 2 else "legend:value")
                        x_value += self.glyphs.width(part, self.font) + part_gap
                    xp += self.entry_width(color, text)
                y -= line_h
        if swatches:
            fig.add_artist(keep(PolyCollection(swatches, facecolors=colors, edgecolors="none",
                                               transform=IdentityTransform(), zorder=Z_SWATCH)))
