"""Bollinger Bars, TradingView's built-in (Pine source: deepentropy/oakscriptJS,
docs/official/indicators_standard/Bollinger Bars.pine, commit be99ba4e)::

    plotcandle(high, high, low, low, "Bollinger Bars Wicks", color = #0D349E, bordercolor = #0D349E, wickcolor = na)
    col = close > open ? #089981 : #F23645
    plotcandle(open, high, low, close, "Bollinger Bars Body", color = col, bordercolor = col, wickcolor = na)

Each bar redrawn as two candles with no wicks (``wickcolor = na``): a candle then draws its
open-to-close body only, so the first (high, high, low, low) is the bar's whole range in
#0D349E, and over it the second is the bar's open-to-close body, #089981 when ``close > open``
(Pine's comparison of floats is tolerant: ``close - open > 1e-10``, ``_pine.gt``), else #F23645
(an unchanged bar is red). ``compute`` gives both candles' four values (``range_*``, and
``open``..``close``) and ``up`` (1: #089981, 0: #F23645), what determines the drawing: the
oracle (``devtools/oracle/ports/bollinger_bars.py``) holds them to TradingView bar for bar.

No lookback: computed on the visible bars (``window``) and drawn by ``draw`` over the chart's
own candles. The legend writes the last bar's close; the manifest's ``last`` the last bar's
open, high, low and close."""

from __future__ import annotations

import numpy as np

from ._pine import gt
from .spec import Plot, StudySpec

RANGE, UP, DOWN = "#0D349E", "#089981", "#F23645"
WIDTH = 0.7  # bars: the body width the renderer gives candles at 800 px


def _compute(w, p):
    o, h, l, c = (np.asarray(getattr(w, k), dtype=np.float64) for k in ("open", "high", "low", "close"))
    return {"range_open": h, "range_high": h, "range_low": l, "range_close": l,  # plotcandle(high, high, low, low)
            "open": o, "high": h, "low": l, "close": c,  # plotcandle(open, high, low, close)
            "up": gt(c, o).astype(np.float64)}  # col = close > open ? #089981 : #F23645


def _last(r):
    return {k: float(r[k][-1]) if len(r[k]) else float("nan") for k in ("open", "high", "low", "close")}


def body_colours(up: np.ndarray) -> list[str]:
    """The body candle's colour per bar from ``compute``'s ``up``."""
    return [UP if u == 1.0 else DOWN for u in np.asarray(up).tolist()]


def _draw(ctx) -> None:
    from matplotlib.collections import PolyCollection

    r = ctx.result
    if not ctx.styles["range"]["visible"] or not len(r["close"]):
        return
    x = np.arange(len(r["close"]), dtype=np.float64)
    h = WIDTH / 2

    def bodies(o, hi, lo, c):
        """A plotcandle with ``wickcolor = na``: its open-to-close body, on the bars where none of
        its four values is na (Pine draws no candle there)."""
        ok = np.isfinite(o) & np.isfinite(hi) & np.isfinite(lo) & np.isfinite(c)
        bottom, top = np.minimum(o, c), np.maximum(o, c)
        return ok, np.stack([np.stack([x - h, bottom], 1), np.stack([x + h, bottom], 1), np.stack([x + h, top], 1),
                             np.stack([x - h, top], 1)], 1)[ok]

    _, boxes = bodies(r["range_open"], r["range_high"], r["range_low"], r["range_close"])
    ctx.keep(ctx.ax.add_collection(PolyCollection(boxes, facecolors=ctx.styles["range"]["color"], edgecolors="none",
                                                  zorder=3.1), autolim=False))
    ok, boxes = bodies(r["open"], r["high"], r["low"], r["close"])
    faces = [col for col, good in zip(body_colours(r["up"]), ok) if good]
    ctx.keep(ctx.ax.add_collection(PolyCollection(boxes, facecolors=faces, edgecolors=faces, linewidths=0.5,
                                                  zorder=3.2), autolim=False))


def _legend(p, last, fmt):
    return [("range", f"Bollinger Bars  {fmt.price(last['close'])}")]


STUDY = StudySpec(
    name="Bollinger Bars",
    kind="bollinger_bars",
    aliases=(),
    inputs=(),
    plots=(Plot("range", kind="custom", color=RANGE, names=("plot", "bollinger bars wicks", "bollinger bars body")),),
    window=True,
    compute=_compute,
    last=_last,
    legend=_legend,
    draw=_draw,
)
