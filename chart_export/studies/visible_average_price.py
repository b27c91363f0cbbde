"""Visible Average Price, TradingView's built-in (``Visible Average Price.pine``)::

    src = input(title = "Source", defval = close)
    if time >= chart.left_visible_bar_time and time <= chart.right_visible_bar_time
        array.unshift(src_vals, src)
    plot(array.avg(src_vals), 'Avg Price', color = #787B86, trackprice = true, show_last = 1, offset=-100000)

The mean of the source over the visible bars, drawn as TradingView draws a ``trackprice`` plot
shown on one bar: a horizontal line across the price pane, with its value marked on the price
axis. A window study (``compute`` gets the visible bars). Checked against the oracle
(``devtools/oracle/ports/visible_average_price.py``): PyneCore has no visible range, so the port
takes the first and last visible bars as inputs, and the test gives this study the same bars."""

from __future__ import annotations

import numpy as np

from .spec import Plot, StudySpec, price_source, source

COLOR = "#787B86"


def _compute(window, p):
    values = np.asarray(price_source(window, p["source"]), dtype=np.float64)
    values = values[np.isfinite(values)]
    return {"avg": float(values.mean()) if values.size else float("nan")}


def _draw(ctx) -> None:
    st, avg = ctx.styles["avg"], ctx.result["avg"]
    if st["visible"] and np.isfinite(avg):
        ctx.hline(avg, color=st["color"], linewidth=st["lw"], alpha=st["alpha"], linestyle=(0, (1, 2)), zorder=2.5)


STUDY = StudySpec(
    name="Visible Average Price",
    kind="visible_avg_price",
    aliases=("Avg Price", "Visible Avg Price"),
    inputs=(source("Source", "src", "in_0"),),
    plots=(Plot("avg", kind="custom", color=COLOR, width=1.0, scale=False, names=("plot", "avg price", "avg")),),
    window=True,
    compute=_compute,
    last=lambda result: {"avg": result["avg"]},
    draw=_draw,
    tags=("avg",),
    legend=lambda p, last, fmt: [("avg", f"Avg Price ({p['source']})  {fmt.price(last['avg'])}")],
)
