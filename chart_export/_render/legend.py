"""Legend rows: a colour swatch, the study's label (name and parameters, ``SMA (12)``) and its
value drawn as a separate token after a gap of three digit widths, so neither a reader nor an
OCR engine merges the two (``SMA (12)   795.52``, never ``SMA12795.52``): at one and a half,
RapidOCR read most legend values glued to their label (``benchmarks/ocr_check.py``).

A study's legend text writes label and value separated by two spaces (``SEPARATOR``);
a text without them is one token."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .figure import Z_SWATCH
from .glyphs import Font, Glyphs, TextPool
from .layout import PaneBox

SEPARATOR = "  "


def split_entry(text: str) -> tuple[str, str]:
    """``("SMA (12)", "795.52")`` from ``"SMA (12)  795.52"``; ``(text, "")`` without a value."""
    label, sep, value = text.partition(SEPARATOR)
    if not sep or not value.strip() or not label.strip():
        return text.strip(), ""
    return label.rstrip(), value.strip()


class LegendText:
    """Widths and drawing of legend entries in one font."""

    def __init__(self, glyphs: Glyphs, font: Font) -> None:
        self.glyphs, self.font = glyphs, font
        self.gap = round(3.0 * glyphs.width("0", font))

    def width(self, text: str) -> float:
        label, value = split_entry(text)
        w = self.glyphs.width(label, self.font)
        return w + self.gap + self.glyphs.width(value, self.font) if value else w

    def draw(self, fig: Any, pool: TextPool, panes: list[PaneBox], height: int, left: int, line_h: float,
             text_color: str, keep: Callable[[Any], Any]) -> None:
        """Every pane's legend rows from its top left: swatches (one collection) and text."""
        from matplotlib.collections import PolyCollection
        from matplotlib.transforms import IdentityTransform

        swatches, colors = [], []
        for pane in panes:
            y = height - pane.top_px - 4 - line_h / 2
            for row in pane.legend_rows:
                xp = left + 6
                for color, text in row:
                    swatches.append(((xp, y - 2.5), (xp + 10, y - 2.5), (xp + 10, y + 2.5), (xp, y + 2.5)))
                    colors.append(color)
                    label, value = split_entry(text)
                    pool.add(xp + 14, y, label, self.font, text_color, role="legend:label")
                    if value:
                        x_value = xp + 14 + self.glyphs.width(label, self.font) + self.gap
                        pool.add(x_value, y, value, self.font, text_color, role="legend:value")
                    xp += 14 + self.width(text) + 14
                y -= line_h
        if swatches:
            fig.add_artist(keep(PolyCollection(swatches, facecolors=colors, edgecolors="none",
                                               transform=IdentityTransform(), zorder=Z_SWATCH)))
