"""Rendering facts for tests: every text drawn (string, box, kind) and the x geometry.

:func:`probe` renders with a fresh :class:`ChartRenderer` while recording each
``TextPool.add`` call (the one way text reaches a chart) and reads the price axes'
place and x range, so tests assert facts (tick positions, label boxes, bar width in
pixels) instead of pixel hashes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pytest

from chart_export._render import glyphs, time_axis
from chart_export._render import renderer as renderer_module
from chart_export.candles import Candles
from chart_export.rendering import ChartRenderer, RenderedChart
from chart_export.templates import Template


@dataclass
class Probe:
    chart: RenderedChart
    texts: list[dict[str, Any]] = field(default_factory=list)  # s, box (x0, y0, x1, y1 from the bottom), ha, x, y, color
    ticks: list[tuple[int, str]] = field(default_factory=list)  # what time_ticks returned: (bar, label)
    state: Any = None  # the renderer's FigureState (axes, artists added for this chart)
    left: float = 0.0  # plot area, figure pixels from the left
    plot_w: float = 0.0
    xlim: tuple[float, float] = (0.0, 1.0)

    @property
    def px_per_bar(self) -> float:
        return self.plot_w / (self.xlim[1] - self.xlim[0])

    def x_of_bar(self, i: float) -> float:
        return self.left + (i - self.xlim[0]) * self.px_per_bar

    def bar_of_x(self, x: float) -> float:
        return self.xlim[0] + (x - self.left) / self.px_per_bar

    @property
    def time_labels(self) -> list[dict[str, Any]]:
        """The date row: the centred labels below the last pane."""
        return sorted((t for t in self.texts if t["ha"] == "center"), key=lambda t: t["box"][0])

    @property
    def value_labels(self) -> list[dict[str, Any]]:
        """Right-axis labels (value ticks and the last-price tag), top to bottom."""
        edge = self.left + self.plot_w
        return sorted((t for t in self.texts if t["ha"] == "left" and t["x"] >= edge), key=lambda t: -t["box"][1])


_SHARED = ChartRenderer()


def probe(template: Template, candles: Candles, *, symbol: str = "EURUSD", timeframe: str = "1h",
          renderer: ChartRenderer | None = None) -> Probe:
    """Render (with a renderer shared by the tests, its figures reused as in production)
    and record what was drawn."""
    renderer = renderer or _SHARED
    record: list[dict[str, Any]] = []
    original = glyphs.TextPool.add

    def add(self: Any, x: float, y: float, s: str, font: Any, color: str, *, ha: str = "left", va: str = "center",
            zorder: float = 0.0, **more: Any) -> tuple[float, float, float, float]:
        box = original(self, x, y, s, font, color, ha=ha, va=va, zorder=zorder, **more)
        record.append({"s": s, "box": box, "ha": ha, "x": x, "y": y, "color": color})
        return box

    ticks: list[tuple[int, str]] = []

    def tt(*args: Any, **kwargs: Any) -> list[tuple[int, str]]:
        out = time_axis.time_ticks(*args, **kwargs)
        ticks[:] = out
        return out

    mp = pytest.MonkeyPatch()
    mp.setattr(glyphs.TextPool, "add", add)
    mp.setattr(renderer_module, "time_ticks", tt)
    try:
        chart = renderer.render(template, candles, symbol=symbol, timeframe=timeframe)
    finally:
        mp.undo()
    state = next(reversed(renderer._figures.values()))  # the figure this chart used
    ax = state.price
    pos = ax.get_position()
    return Probe(chart, record, ticks, state, left=pos.x0 * chart.width, plot_w=pos.width * chart.width,
                 xlim=tuple(ax.get_xlim()))
