"""Themes and the reusable figure: one ``Figure`` + Agg canvas per (size, theme, pane layout)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .glyphs import DPI, Glyphs, TextPool

Z_GRID, Z_FRAME, Z_SWATCH, Z_BOX = -1.0, 30.0, 31.0, 33.0  # axes are at 0, text at 32

THEMES: dict[str, dict[str, Any]] = {
    "light": {
        "bg": "#ffffff",
        "text": "#131722",
        "muted": "#5d606b",
        "grid": "#eef0f4",
        "spine": "#d1d4dc",
        "up": "#089981",
        "down": "#f23645",
        "label_text": "#ffffff",
        "palette": ("#e69f00", "#0072b2", "#cc79a7", "#009e73", "#56b4e9", "#d55e00", "#7f7f7f"),
        "band": "#7e57c2",
        "vp_up": "#2f7fc1",
        "vp_down": "#e6a400",
        "poc": "#d55e00",
    },
    "dark": {
        "bg": "#131722",
        "text": "#d1d4dc",
        "muted": "#8f96a3",
        "grid": "#1f2330",
        "spine": "#363a45",
        "up": "#26a69a",
        "down": "#ef5350",
        "label_text": "#ffffff",
        "palette": ("#f0b429", "#56b4e9", "#e78ac3", "#2ec4a0", "#a6cee3", "#ff8c5a", "#b0b0b0"),
        "band": "#9575cd",
        "vp_up": "#4a90d9",
        "vp_down": "#d9a21b",
        "poc": "#ff8c5a",
    },
}



@dataclass
class FigureState:
    fig: Any
    canvas: Any
    price: Any
    panes: list[Any]
    overlays: list[Any]
    pool: TextPool
    added: list[Any] = field(default_factory=list)
    scale: str = "linear"


def new_figure(glyphs: Glyphs, width: int, height: int, theme: str, n_panes: int, n_overlays: int) -> FigureState:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    colors = THEMES[theme]
    # +1e-6 px: width / DPI * DPI must not round down to width - 1.
    fig = Figure(figsize=((width + 1e-6) / DPI, (height + 1e-6) / DPI), dpi=DPI, facecolor=colors["bg"])
    canvas = FigureCanvasAgg(fig)

    def axes() -> Any:
        ax = fig.add_axes((0.0, 0.5, 1.0, 0.5))
        ax.set_axis_off()  # frame, grid and labels are drawn by the renderer
        ax.set_autoscale_on(False)
        return ax

    price = axes()
    panes = [axes() for _ in range(n_panes)]
    overlays = [axes() for _ in range(n_overlays)]
    return FigureState(fig, canvas, price, panes, overlays, TextPool(fig, glyphs))


def font_size(width: int) -> float:
    return 8.0 if width < 1000 else 9.0 if width < 1500 else 10.0


def text_px(width: int) -> float:
    """The chart's text height in pixels at this width."""
    return font_size(width) * DPI / 72.0
