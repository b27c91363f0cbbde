"""Trend Strength Index, TradingView's built-in::

    tsi = ta.correlation(close, bar_index, period)
    plot(tsi, "Trend Strength Index", color = #7E57C2)
    hline( 0, "TSI Middle Band"), hline( 1, "TSI Bullish Band"), hline(-1, "TSI Bearish Band")

The correlation of the close with time over ``Length`` bars, -1..1; first value at bar
``Length - 1``; 0 where the window's close is constant (no covariance). "Bullish Color" / "Bearish
Color" (``in_1`` / ``in_2``, 90 % transparent #089981 / #F23645) draw, opaque, the +1 / -1 lines
and the gradient fills between the line and 0: from the colour at +1 (-1) to transparent at 0. Chart-IMG's key for the length is ``periods`` (
Chart-IMG's API documentation (https://doc.chart-img.com/, "TradingView Chart Indicators" >
Trend Strength Index; saved copy: github.com/217th/tda_worker_chart_export, docs-worker-chart-export/chart-img-docs/
API Documentation.htm, commit aed440f7cddd9a1841523bbc2eb00cafced220df))."""

from __future__ import annotations

import numpy as np

from ._pine import correlation
from .spec import Pane, Plot, StudySpec, colour, length, split_colour


def gradient_fill(ctx, values: np.ndarray, edge: float, colour_input: str) -> None:
    """Pine's ``fill(plot, zero, edge, 0, top_color, bottom_color)`` with one end transparent: the area
    between ``values`` and 0 on ``edge``'s side, its opacity growing from 0 at 0 to the colour's at
    ``edge`` (beyond it: the colour's)."""
    from matplotlib.patches import Polygon

    v = np.where(np.isfinite(values), values, 0.0)
    part = np.clip(v, 0.0, None) if edge > 0 else np.clip(v, None, 0.0)
    if not np.any(part) or len(v) < 2:
        return
    rgb, alpha = split_colour(colour_input)
    x = np.arange(len(v), dtype=np.float64)
    outline = np.concatenate([np.stack([x, part], 1), np.stack([x[::-1], np.zeros(len(x))], 1)])
    far = max(abs(edge), float(np.max(np.abs(part))))
    ramp = np.clip(np.linspace(0.0, far, 256) / abs(edge), 0.0, 1.0) * alpha  # 0 at the zero line
    image = np.zeros((256, 1, 4))
    image[..., :3] = [int(rgb[i:i + 2], 16) / 255.0 for i in (1, 3, 5)]
    image[:, 0, 3] = ramp if edge > 0 else ramp[::-1]
    extent = (-0.5, len(v) - 0.5, 0.0, far) if edge > 0 else (-0.5, len(v) - 0.5, -far, 0.0)
    clip = Polygon(outline, closed=True, transform=ctx.ax.transData)
    im = ctx.ax.imshow(image, extent=extent, origin="lower", aspect="auto", interpolation="bilinear", zorder=0.5)
    im.set_clip_path(clip)
    ctx.keep(im)


def _draw(ctx):
    if "tsi" in ctx.series:
        gradient_fill(ctx, ctx.series["tsi"], 1.0, ctx.inputs["bullish_color"])
        gradient_fill(ctx, ctx.series["tsi"], -1.0, ctx.inputs["bearish_color"])


STUDY = StudySpec(
    name="Trend Strength Index",
    kind="trend_strength",
    aliases=(),
    inputs=(length("length", 14, "in_0", "Length", "period", "periods", minimum=2),
            colour("bullish_color", "#0899811a", "in_1", "Bullish Color", "bullishColorInput"),  # color.new(#089981, 90)
            colour("bearish_color", "#f236451a", "in_2", "Bearish Color", "bearishColorInput")),
    plots=(Plot("tsi", color="#7E57C2", names=("plot", "trend strength index", "tsi")),),
    pane=Pane(range=(-1.05, 1.05), ticks=(1.0, 0.0, -1.0), lines=(1.0, -1.0), mid=0.0, format="auto",
              line_colors=("input:bullish_color:opaque", "input:bearish_color:opaque")),
    draw=_draw,
    compute=lambda c, p: {"tsi": correlation(c.close, np.arange(len(c.close), dtype=np.float64), p["length"])},
    legend=lambda p, last, fmt: [("tsi", f"TSI ({p['length']})  {fmt.fixed2(last['tsi'])}")],
)
