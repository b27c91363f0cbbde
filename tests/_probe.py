"""What a render drew, for tests that check facts rather than pixel hashes.

:func:`probe` renders with a renderer that records its labels itself
(``ChartRenderer(record_text=True)``: role, string, box, font, colour — the one record of
drawn text), keeps the time ticks the renderer chose, and reads the reused figure's axes,
artists and x geometry (tick positions, label boxes, bar width in pixels).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from chart_export._render import renderer as renderer_module
from chart_export._render import time_axis
from chart_export._render.glyphs import TextItem
from chart_export.candles import Candles
from chart_export.rendering import ChartRenderer, RenderedChart
from chart_export.templates import Template


@dataclass
class Probe:
    chart: RenderedChart
    state: Any  # chart_export._render.figure.FigureState of this chart (axes, artists added for it)
    ticks: list[tuple[int, str]]  # what time_ticks returned: (bar, label)
    left: float  # plot area, figure pixels from the left
    plot_w: float
    xlim: tuple[float, float]

    @property
    def meta(self) -> dict[str, Any]:
        return self.chart.meta

    @property
    def texts(self) -> tuple[TextItem, ...]:
        return self.chart.texts

    def study(self, kind: str) -> dict[str, Any]:
        (entry,) = [s for s in self.meta["studies"] if s["kind"] == kind]
        return entry

    def strings(self) -> list[str]:
        return [t.text for t in self.texts]

    @property
    def px_per_bar(self) -> float:
        return self.plot_w / (self.xlim[1] - self.xlim[0])

    def x_of_bar(self, i: float) -> float:
        return self.left + (i - self.xlim[0]) * self.px_per_bar

    def bar_of_x(self, x: float) -> float:
        return self.xlim[0] + (x - self.left) / self.px_per_bar

    def pane_px(self, ax: Any) -> tuple[float, float, float, float]:
        """(x0, y0, x1, y1) of an axes in figure pixels (y from the bottom)."""
        b = ax.get_position()
        return b.x0 * self.chart.width, b.y0 * self.chart.height, b.x1 * self.chart.width, b.y1 * self.chart.height

    def _level_with(self, items: list[TextItem], ax: Any) -> list[str]:
        _, y0, _, y1 = self.pane_px(ax)
        return [t.text for t in items if y0 <= (t.box[1] + t.box[3]) / 2 <= y1]

    @property
    def time_labels(self) -> list[TextItem]:
        """The date row below the last pane, left to right."""
        return sorted((t for t in self.texts if t.role == "date"), key=lambda t: t.box[0])

    @property
    def value_labels(self) -> list[TextItem]:
        """The right axis, top to bottom: value ticks and value tags (a tag's box is its filled
        background, the text inside it)."""
        items = [t for t in self.texts if t.role.startswith("axis:")
                 or (t.role.startswith("tag:") and not t.role.endswith(":text"))]
        return sorted(items, key=lambda t: -t.box[1])

    def axis_labels(self, ax: Any) -> list[str]:
        """The value labels written right of an axes, level with it."""
        return self._level_with(self.value_labels, ax)

    def legend(self, ax: Any) -> list[str]:
        """The legend tokens drawn in an axes (label and value separately), in drawing order."""
        return self._level_with([t for t in self.texts if t.role.startswith("legend:")], ax)


_SHARED = ChartRenderer(record_text=True)


def probe(template: Template, candles: Candles, *, symbol: str = "S", timeframe: str = "1d",
          renderer: ChartRenderer | None = None) -> Probe:
    """Render (with a renderer shared by the tests, its figures reused as in production, or
    ``renderer``, which must record text) and read what was drawn."""
    renderer = renderer or _SHARED
    assert renderer.record_text, "probe needs ChartRenderer(record_text=True)"
    ticks: list[tuple[int, str]] = []

    def tt(*args: Any, **kwargs: Any) -> list[tuple[int, str]]:
        ticks[:] = time_axis.time_ticks(*args, **kwargs)
        return list(ticks)

    mp = pytest.MonkeyPatch()
    mp.setattr(renderer_module, "time_ticks", tt)
    try:
        chart = renderer.render(template, candles, symbol=symbol, timeframe=timeframe)
    finally:
        mp.undo()
    state = next(reversed(renderer._figures.values()))  # the figure this chart used (most recently used)
    pos = state.price.get_position()
    return Probe(chart, state, ticks, left=pos.x0 * chart.width, plot_w=pos.width * chart.width,
                 xlim=tuple(state.price.get_xlim()))
