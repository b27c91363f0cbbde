"""Text as cached bitmaps: strings rasterised once per (string, font, colour) with
matplotlib's FreeType font objects and hinting, composited by Agg's ``draw_image``."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Any

import numpy as np

DPI = 100
Z_TEXT = 32.0

class BitmapText:
    """Factory of the artist class below (kept lazy so importing this module stays cheap)."""

    cls: Any = None

    @classmethod
    def get(cls) -> Any:
        if cls.cls is None:
            from matplotlib.artist import Artist

            class BitmapText(Artist):
                """A string drawn as a cached RGBA bitmap at a whole-pixel position."""

                def __init__(self) -> None:
                    super().__init__()
                    self.image: np.ndarray | None = None
                    self.px = (0, 0)

                def draw(self, renderer: Any) -> None:
                    if not self.get_visible() or self.image is None:
                        return
                    gc = renderer.new_gc()
                    renderer.draw_image(gc, self.px[0], self.px[1], self.image)
                    gc.restore()
                    self.stale = False

            cls.cls = BitmapText
        return cls.cls


class TextPool:
    """Text drawn from bitmaps rasterised once per (string, font, colour) with matplotlib's
    FreeType font objects and hinting — the same glyphs Agg's own text path draws — and
    composited by Agg's ``draw_image``. A Text artist costs ~1 ms to lay out and rasterise
    on every draw; a cached bitmap costs ~20 us. The artists themselves are kept on the
    figure and reused; each chart takes them in the same order, so the same chart always
    gets the same drawing order."""

    def __init__(self, fig: Any, glyphs: Glyphs) -> None:
        self.fig = fig
        self.glyphs = glyphs
        self.items: list[Any] = []
        self.used = 0
        self.record: list[TextItem] | None = None  # what was drawn, when a caller asks (tests, debugging)

    def reset(self) -> None:
        for t in self.items[: self.used]:
            t.set_visible(False)
        self.used = 0

    def add(self, x: float, y: float, s: str, font: Font, color: str, *, ha: str = "left", va: str = "center",
            zorder: float = 0.0, role: str = "") -> tuple[float, float, float, float]:
        """Draw ``s`` anchored at figure pixel (x, y) (from the bottom left); returns its box
        (x0, y0, x1, y1). ``va='center'`` centres digits/capitals on y. ``role`` names what
        the text is (``title``, ``legend:value``, ...) in ``record``."""
        if self.used == len(self.items):
            art = BitmapText.get()()
            self.fig.add_artist(art)
            self.items.append(art)
        art = self.items[self.used]
        self.used += 1
        image, width, descent, x_off = self.glyphs.image(s, font, color)
        if ha == "center":
            x0 = x - width / 2
        elif ha == "right":
            x0 = x - width
        else:
            x0 = x
        baseline = y - font.cap_height / 2 if va == "center" else y
        px = (int(round(x0 + x_off)), int(round(baseline - descent)))
        art.image = image
        art.px = px
        art.set_zorder(zorder or Z_TEXT)
        art.set_visible(True)
        art.stale = True
        box = (px[0], px[1], px[0] + image.shape[1], px[1] + image.shape[0])
        if self.record is not None:
            self.record.append(TextItem(role, s, box, font.key, color))
        return box

    def note(self, role: str, s: str, box: tuple[float, float, float, float], font: Font, color: str) -> None:
        """Record a drawn box that is not a string of this pool (a price tag's background)."""
        if self.record is not None:
            self.record.append(TextItem(role, s, box, font.key, color))


@dataclass(frozen=True)
class TextItem:
    """One drawn label: its role, text, box in figure pixels (x0, y0, x1, y1 from the
    bottom left), font (size, weight) and colour."""

    role: str
    text: str
    box: tuple[float, float, float, float]
    font: tuple[float, str]
    color: str


FT_LOCK = threading.Lock()


@dataclass(frozen=True)
class Font:
    key: tuple[float, str]
    ft: Any  # matplotlib.ft2font.FT2Font (shared, cached by matplotlib)
    size: float
    cap_height: float


class Glyphs:
    """Rasterised strings: alpha masks per (string, font), coloured images per colour."""

    def __init__(self) -> None:
        self._fonts: dict[tuple[float, str], Font] = {}
        self._masks: dict[tuple[str, tuple[float, str]], tuple[np.ndarray, float, float, float]] = {}
        self._images: dict[tuple[str, tuple[float, str], str], np.ndarray] = {}

    def font(self, size: float, weight: str = "normal") -> Font:
        key = (size, weight)
        font = self._fonts.get(key)
        if font is None:
            from matplotlib.font_manager import FontProperties, findfont, get_font

            ft = get_font(findfont(FontProperties(family="DejaVu Sans", size=size, weight=weight)))
            font = Font(key, ft, size, 0.0)
            mask, _, descent, _ = self._raster("0", font)
            font = Font(key, ft, size, float(mask.shape[0] - descent))
            self._fonts[key] = font
        return font

    def _raster(self, s: str, font: Font) -> tuple[np.ndarray, float, float, float]:
        from matplotlib.backends.backend_agg import get_hinting_flag

        ft = font.ft
        with FT_LOCK:  # FT2Font objects are shared (matplotlib's font cache) and stateful
            ft.clear()
            ft.set_size(font.size, DPI)
            ft.set_text(s, 0.0, flags=get_hinting_flag())
            ft.draw_glyphs_to_bitmap(antialiased=True)
            mask = np.array(ft.get_image(), dtype=np.uint8)
            width = ft.get_width_height()[0] / 64.0
            descent = ft.get_descent() / 64.0
            x_off = ft.get_bitmap_offset()[0] / 64.0
        if mask.size == 0:
            mask = np.zeros((1, 1), dtype=np.uint8)
        return mask, width, descent, x_off

    def mask(self, s: str, font: Font) -> tuple[np.ndarray, float, float, float]:
        key = (s, font.key)
        hit = self._masks.get(key)
        if hit is None:
            if len(self._masks) > 8192:
                self._masks.clear()
                self._images.clear()
            hit = self._raster(s, font)
            self._masks[key] = hit
        return hit

    def width(self, s: str, font: Font) -> float:
        return self.mask(s, font)[1]

    def image(self, s: str, font: Font, color: str) -> tuple[np.ndarray, float, float, float]:
        mask, width, descent, x_off = self.mask(s, font)
        key = (s, font.key, color)
        image = self._images.get(key)
        if image is None:
            from matplotlib.colors import to_rgba

            r, g, b, a = to_rgba(color)
            image = np.empty(mask.shape + (4,), dtype=np.uint8)
            image[..., 0] = round(r * 255)
            image[..., 1] = round(g * 255)
            image[..., 2] = round(b * 255)
            image[..., 3] = np.round(mask.astype(np.float64) * a).astype(np.uint8)
            image = np.ascontiguousarray(image[::-1])  # draw_image wants the bottom row first
            self._images[key] = image
        return image, width, descent, x_off

