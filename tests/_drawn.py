"""What a render drew, for tests that check facts rather than pixel hashes: every text the
renderer wrote (string and figure-pixel position) and the reused figure's axes and artists."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from chart_export._render.glyphs import TextPool
from chart_export.candles import Candles
from chart_export.rendering import ChartRenderer, RenderedChart
from chart_export.templates import Template


@dataclass
class Drawn:
    chart: RenderedChart
    state: Any  # chart_export._render.figure.FigureState of this chart
    texts: list[tuple[float, float, str]] = field(default_factory=list)  # (x, y from the bottom, text)

    @property
    def meta(self) -> dict[str, Any]:
        return self.chart.meta

    def study(self, kind: str) -> dict[str, Any]:
        (entry,) = [s for s in self.meta["studies"] if s["kind"] == kind]
        return entry

    def strings(self) -> list[str]:
        return [s for _, _, s in self.texts]

    def pane_px(self, ax: Any) -> tuple[float, float, float, float]:
        """(x0, y0, x1, y1) of an axes in figure pixels (y from the bottom)."""
        b = ax.get_position()
        return b.x0 * self.chart.width, b.y0 * self.chart.height, b.x1 * self.chart.width, b.y1 * self.chart.height

    def axis_labels(self, ax: Any) -> list[str]:
        """The value labels written right of an axes, level with it."""
        x0, y0, x1, y1 = self.pane_px(ax)
        return [s for x, y, s in self.texts if x > x1 and y0 <= y <= y1]

    def legend(self, ax: Any) -> list[str]:
        """Texts written inside an axes' upper part (its legend rows)."""
        x0, y0, x1, y1 = self.pane_px(ax)
        return [s for x, y, s in self.texts if x0 <= x < x1 and y1 - 60 <= y <= y1]


def render(renderer: ChartRenderer, template: Template, candles: Candles, monkeypatch: Any, *,
           symbol: str = "S", timeframe: str = "1d") -> Drawn:
    texts: list[tuple[float, float, str]] = []
    original = TextPool.add

    def add(self: TextPool, x: float, y: float, s: str, *args: Any, **kwargs: Any) -> Any:
        texts.append((float(x), float(y), s))
        return original(self, x, y, s, *args, **kwargs)

    monkeypatch.setattr(TextPool, "add", add)
    try:
        chart = renderer.render(template, candles, symbol=symbol, timeframe=timeframe)
    finally:
        monkeypatch.setattr(TextPool, "add", original)
    state = next(reversed(renderer._figures.values()))  # the figure just drawn (most recently used)
    return Drawn(chart, state, texts)


def candles(close: np.ndarray, volume: np.ndarray, *, tf: int = 86_400, start: int = 1_700_006_400,
            spread: float = 0.004) -> Candles:
    """Candles around ``close`` (open = previous close, wicks ``spread`` relative)."""
    close = np.asarray(close, dtype=np.float64)
    open_ = np.concatenate([[close[0]], close[:-1]])
    high = np.maximum(open_, close) * (1 + spread)
    low = np.minimum(open_, close) * (1 - spread)
    return Candles.from_arrays(start + tf * np.arange(len(close), dtype=np.int64), open_, high, low, close,
                               np.asarray(volume, dtype=np.float64))
