"""Bollinger Bands Width: Chart-IMG's older study, the width of the Bollinger Bands over their
basis as a ratio, in its own pane. No Pine source of its own: TradingView's Bollinger BandWidth
arithmetic (``bollinger_bandwidth``: ``ta.sma``, ``ta.stdev``, ((upper - lower) / basis)) without
that script's ``* 100`` and its highest / lowest lines.

Inputs, plot and scale from Chart-IMG's API documentation (doc.chart-img.com, "TradingView Chart
Indicators" > Bollinger Bands Width; saved copy in 217th/tda_worker_chart_export,
docs-worker-chart-export/chart-img-docs/API Documentation.htm, commit aed440f7): ``in_0`` length 20
(1..10000), ``in_1`` mult 2 (0.001..50); one line "Plot", orange (rgb(255,109,0)); its picture
(legend "BBW 20 2 0.16", axis 0.00 .. 0.50) shows the ratio, not a percentage. The source is the
close (no source input on that page)."""

from __future__ import annotations

from ._pine import div, sma, stdev
from .spec import Pane, Plot, StudySpec, length, number


def _compute(c, p):
    basis = sma(c.close, p["length"])
    dev = p["mult"] * stdev(c.close, p["length"])
    return {"bbw": div((basis + dev) - (basis - dev), basis)}


STUDY = StudySpec(
    name="Bollinger Bands Width",
    kind="bb_width",
    source=("Chart-IMG's catalogue: (upper - lower) / basis of Bollinger Bands on the close, a ratio (its picture), "
            "TradingView's BandWidth arithmetic without the * 100; inputs from doc.chart-img.com"),
    inputs=(
        length("length", 20, "in_0", "length", "Length", maximum=10000),
        number("mult", 2.0, "in_1", "mult", "StdDev", minimum=0.001, maximum=50.0),
    ),
    plots=(Plot("bbw", color="#FF6D00", names=("plot", "bbw")),),
    pane=Pane(include=(0.0,), format="auto"),
    compute=_compute,
    legend=lambda p, last, fmt: [("bbw", f"BBW ({p['length']}, {p['mult']:g})  {fmt.auto(last['bbw'])}")],
)
