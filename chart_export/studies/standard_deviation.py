"""Standard Deviation: Chart-IMG's older study, the population standard deviation of the source
over ``length`` bars times ``deviations``, in its own pane. No Pine source: TradingView's
``ta.stdev`` (biased, as ``_pine.stdev``); defaults length 5, deviations 1 (the TradingView
charting library's old "Standard Deviation" study)."""

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
        length("length", 5, "length", "Length", "period", "in_0"),
        number("deviations", 1.0, "deviations", "Deviations", "in_1", minimum=0.0, maximum=100.0),
        source("source", "Source", "src", "in_2"),
    ),
    plots=(Plot("stdev", color="#2962FF", names=("plot", "stdev")),),
    pane=Pane(include=(0.0,)),
    compute=lambda c, p: {"stdev": stdev(price_source(c, p["source"]), p["length"]) * p["deviations"]},
    legend=lambda p, last, fmt: [("stdev", f"StdDev ({p['length']}, {p['deviations']:g})  {fmt.auto(last['stdev'])}")],
)
