"""Standard Deviation: Chart-IMG's older study, the population standard deviation of the source
over ``length`` bars times ``deviations``, in its own pane. No Pine source: TradingView's
``ta.stdev`` (biased, as ``_pine.stdev``). Inputs, defaults and plot from Chart-IMG's API
documentation (doc.chart-img.com, "TradingView Chart Indicators" > Standard Deviation; saved copy
in 217th/tda_worker_chart_export, docs-worker-chart-export/chart-img-docs/API Documentation.htm,
commit aed440f7): ``periods`` 5, ``deviations`` 1; one line "Plot", green (rgb(8,153,129)). The
page names no ``in_N`` (positions follow its input table) and no source input (ours, close)."""

from __future__ import annotations

from ._pine import stdev
from .spec import Pane, Plot, StudySpec, length, number, price_source, source

STUDY = StudySpec(
    name="Standard Deviation",
    kind="stdev",
    aliases=("StdDev", "Standard Dev"),
    source=("Chart-IMG's catalogue (no Pine source): ta.stdev(source, length) * deviations, population "
            "standard deviation (Pine's ta.stdev)"),
    inputs=(
        length("length", 5, "periods", "length", "Length", "period", "in_0", maximum=100000),
        number("deviations", 1.0, "deviations", "Deviations", "in_1", minimum=0.0, maximum=100000.0),
        source("source", "Source", "src", "in_2"),
    ),
    plots=(Plot("stdev", color="#089981", names=("plot", "stdev")),),
    pane=Pane(include=(0.0,)),
    compute=lambda c, p: {"stdev": stdev(price_source(c, p["source"]), p["length"]) * p["deviations"]},
    legend=lambda p, last, fmt: [("stdev", f"StdDev ({p['length']}, {p['deviations']:g})  {fmt.auto(last['stdev'])}")],
)
