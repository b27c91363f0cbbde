"""RCI Ribbon, TradingView's built-in: three Rank Correlation Indexes of the source::

    plot(ta.rci(source, shortLength), title = "Short RCI", color = color.blue)     // 10
    plot(ta.rci(source, middleLength), title = "Middle RCI", color = color.red)    // 30
    plot(ta.rci(source, longLength), title = "Long RCI", color = color.green)      // 50
    hline(0, "Middle band"), hline(80, "Upper band"), hline(-80, "Lower band")

``ta.rci`` as the Rank Correlation Index study's (first value at bar ``length``)."""

from __future__ import annotations

from .rank_correlation_index import rci
from .spec import Pane, Plot, StudySpec, length, price_source, source

LINES = (("short", 10, "Short RCI", "#2196F3"), ("middle", 30, "Middle RCI", "#FF5252"),
         ("long", 50, "Long RCI", "#4CAF50"))


def _compute(c, p):
    src = price_source(c, p["source"])
    return {key: rci(src, p[key]) for key, *_ in LINES}


STUDY = StudySpec(
    name="RCI Ribbon",
    kind="rci_ribbon",
    aliases=(),
    inputs=(
        source("in_0", "Source", "source"),
        *(length(key, d, f"in_{i + 1}", f"{title} Length", f"{key}Length") for i, (key, d, title, _) in enumerate(LINES)),
    ),
    plots=tuple(Plot(key, color=colour, names=(title.lower(),) + (("plot",) if key == "short" else ()))
                for key, _, title, colour in LINES),
    pane=Pane(range=(-100.0, 100.0), ticks=(80.0, 0.0, -80.0), lines=(80.0, -80.0), band=(-80.0, 80.0), mid=0.0,
              format="integer"),
    compute=_compute,
    legend=lambda p, last, fmt: [(key, f"RCI ({p[key]})  {fmt.fixed2(last[key])}") for key, *_ in LINES],
)
