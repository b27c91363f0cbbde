"""Bollinger Bars, TradingView's built-in: each bar redrawn as two ``plotcandle`` bodies and no
wicks — its whole range, high to low, in #0D349E, and over it its open-to-close body, #089981
when it closed above its open, else #F23645 (Pine source: deepentropy/oakscriptJS,
docs/official/indicators_standard/Bollinger Bars.pine, commit be99ba4e)::

    plotcandle(high, high, low, low, "Bollinger Bars Wicks", color = #0D349E, bordercolor = #0D349E, wickcolor = na)
    col = close > open ? #089981 : #F23645
    plotcandle(open, high, low, close, "Bollinger Bars Body", color = col, bordercolor = col, wickcolor = na)

No lookback: computed on the visible bars (``window``) and drawn by ``draw`` over the chart's
own candles; nothing to port to the oracle (the bars' own prices). The legend writes the last
bar's close."""

from __future__ import annotations

import numpy as np

from .spec import Plot, StudySpec

RANGE, UP, DOWN = "#0D349E", "#089981", "#F23645"
WIDTH = 0.7  # bars: the body width the renderer gives candles at 800 px


def _compute(w, p):
    return {"open": np.asarray(w.open, dtype=np.float64), "high": np.asarray(w.high, dtype=np.float64),
            "low": np.asarray(w.low, dtype=np.float64), "close": np.asarray(w.close, dtype=np.float64)}


def _last(r):
    return {k: float(v[-1]) if len(v) else float("nan") for k, v in r.items()}


def body_colours(o: np.ndarray, c: np.ndarray) -> list[str]:
    return [UP if cc > oo else DOWN for oo, cc in zip(o.tolist(), c.tolist())]


def _draw(ctx) -> None:
    from matplotlib.collections import PolyCollection

    r = ctx.result
    if not ctx.styles["range"]["visible"] or not len(r["close"]):
        return
    x = np.arange(len(r["close"]), dtype=np.float64)
    h = WIDTH / 2

    def boxes(lo, hi):
        return np.stack([np.stack([x - h, lo], 1), np.stack([x + h, lo], 1), np.stack([x + h, hi], 1),
                         np.stack([x - h, hi], 1)], 1)

    ok = np.isfinite(r["high"]) & np.isfinite(r["low"])
    ctx.keep(ctx.ax.add_collection(PolyCollection(boxes(r["low"], r["high"])[ok], facecolors=ctx.styles["range"]["color"],
                                                  edgecolors="none", zorder=3.1), autolim=False))
    lo, hi = np.minimum(r["open"], r["close"]), np.maximum(r["open"], r["close"])
    ok &= np.isfinite(lo) & np.isfinite(hi)
    faces = [col for col, good in zip(body_colours(r["open"], r["close"]), ok) if good]
    ctx.keep(ctx.ax.add_collection(PolyCollection(boxes(lo, hi)[ok], facecolors=faces, edgecolors=faces, linewidths=0.5,
                                                  zorder=3.2), autolim=False))


def _legend(p, last, fmt):
    return [("range", f"Bollinger Bars  {fmt.price(last['close'])}")]


STUDY = StudySpec(
    name="Bollinger Bars",
    source="TradingView's Bollinger Bars.pine (two plotcandle calls on the bars' own prices: nothing to compute, so no oracle)",
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
