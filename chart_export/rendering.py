"""Render a chart template over candles into a PNG, with matplotlib's object API only.

No pyplot (no global figure state), no pandas/scipy: ``Figure`` + ``FigureCanvasAgg``;
matplotlib is imported on first render, not on import.

How a chart is made
-------------------
1. **Indicators over the whole history** (each study's ``compute``, asked through the study
   registry, :mod:`chart_export.studies`), then the visible window is cut (:func:`prepare_chart`), so the first visible bar's values equal those computed on
   the full series. The volume profile ("visible range") is computed on the window.
2. **Visible window**: the last ``K = max(30, (width - 80) // 5)`` bars — one bar per 5 px
   of plot width: 144 bars at 800 px, 393 at 2048 px — or all of them when there are fewer.
3. **Layout** (pixels, computed here; no tight/constrained layout): a title row in the
   chart's one font (``symbol · 1 hour`` — the timeframe in words, so ``1 min`` and
   ``1 month`` cannot be confused; the raw value stays in the meta —, the last bar's
   O/H/L/C and change when they fit, and "last bar <time> <zone>" — the last bar's *open*
   time in the template's time zone, e.g. ``UTC``), the price pane, then one pane per
   study with its own pane (the spec's ``pane``), height ratio 3:1:1...; value axis on the
   right with the last close in a box coloured by the last candle and the levels studies
   tag (the POC), stacked so no two labels touch (``_render/axis.py``); a legend at the
   top of each pane with each study's label, ``SMA (12)``, and last value as separate
   tokens (with head-room so no data hides under it). Prices are written with the
   decimals of the data's own tick (``price_tick``: 1.23893 on 5-decimal FX, 0.00000108
   on a micro-cap, 60,000.12 on BTC; price-axis ticks on multiples of it); oscillator
   values keep three significant digits and never read ``-0.0000``. The x axis is the bar index (no weekend or
   holiday gaps) with date labels on calendar boundaries in the template's time zone
   (``_render/time_axis.py``).
4. **Drawing**: candle bodies as one compound path per colour and wicks as one per colour;
   volume bars, MACD histogram and volume profile likewise (one artist per colour or one
   collection); studies as ``Line2D``; grid and pane frames as two compound paths for the
   whole figure. Text (labels, legends, title) is rasterised once per (string, font, colour)
   with matplotlib's FreeType font objects and hinting — the same glyphs Agg's own text
   draws — and composited by Agg's ``draw_image``; a ``Text`` artist would be laid out and
   rasterised again on every draw (~1 ms each, ~85 % of the draw time). One ``Figure`` per
   (size, theme, pane layout) is kept and reused: the chart's artists are removed and
   redrawn, axes and canvas are built once.
5. **PNG**: 8-bit RGB written by ``_render/png.py`` (zlib level 1, filter None, no
   ancillary chunks: no Software, no time), so the same input gives the same bytes. Over
   the 262,144-byte budget it is re-encoded at level 9 with the Up filter, then quantised
   (Pillow, 256 then 64 colours); if it still does not fit, ``RENDER_FAILED``.

Colours: candles teal/red (TradingView's, distinguishable with red-green colour blindness by
lightness and blue content), study lines from the Okabe-Ito palette.

The implementation is private, one concern per module under ``chart_export/_render/``:
``prepare`` (window + study values), ``layout`` (panes in pixels), ``plots`` (the studies'
plot vocabulary drawn), ``price`` (candles), ``title``, ``legend``, ``axis`` (price grid,
value tags), ``glyphs`` (text bitmaps), ``time_axis``, ``numbers``, ``geometry``, ``figure``
(themes, reused figures), ``png``, ``meta``, ``renderer``.

Thread safety: one :class:`ChartRenderer` renders one chart at a time (an internal lock);
:func:`render_chart` uses a shared module-level renderer.
"""

from __future__ import annotations

import threading

from . import mplconfig
from ._render.prepare import PreparedChart, PreparedStudy, prepare_chart
from ._render.renderer import MAX_PNG_BYTES, ChartRenderer, RenderedChart
from .candles import Candles
from .templates import Template

mplconfig.prepare()  # before the first (lazy) matplotlib import: prebuilt font cache

_DEFAULT: ChartRenderer | None = None
_DEFAULT_LOCK = threading.Lock()


def default_renderer() -> ChartRenderer:
    """The process-wide renderer (its figures are reused across charts)."""
    global _DEFAULT
    with _DEFAULT_LOCK:
        if _DEFAULT is None:
            _DEFAULT = ChartRenderer()
        return _DEFAULT


def render_chart(template: Template, candles: Candles, *, symbol: str, timeframe: str,
                 renderer: ChartRenderer | None = None) -> RenderedChart:
    """Render one chart (PNG bytes + meta) with the shared renderer (or ``renderer``)."""
    return (renderer or default_renderer()).render(template, candles, symbol=symbol, timeframe=timeframe)


__all__ = [
    "MAX_PNG_BYTES",
    "ChartRenderer",
    "PreparedChart",
    "PreparedStudy",
    "RenderedChart",
    "default_renderer",
    "prepare_chart",
    "render_chart",
]
