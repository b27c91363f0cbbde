"""Majority Rule: Chart-IMG's older study, the percentage of the last ``length`` bars that closed
above the previous close, 0..100 in its own pane. No Pine source: the TradingView charting
library's old "Majority Rule" ("Rolling Period" 14); a bar with no previous close does not count
and the value needs ``length`` bars that have one.

Inputs and plot from Chart-IMG's API documentation (doc.chart-img.com, "TradingView Chart Indicators"; saved copy in 217th/tda_worker_chart_export,
docs-worker-chart-export/chart-img-docs/API Documentation.htm, commit aed440f7): ``rollingPeriod`` 14 (1..10000); one
line "Majority Rule", red (rgb(255,82,82)). The formula is not on that page (the above)."""

from __future__ import annotations

import numpy as np

from ._pine import msum, shift
from .spec import Pane, Plot, StudySpec, length


def _compute(c, p):
    prev = shift(c.close, 1)
    up = np.where(np.isnan(prev) | np.isnan(c.close), np.nan, (c.close > prev).astype(np.float64))
    return {"majority": 100.0 * msum(up, p["length"]) / p["length"]}


STUDY = StudySpec(
    name="Majority Rule",
    kind="majority_rule",
    aliases=("MR",),
    source="Chart-IMG's catalogue (no Pine source): 100 x the share of the last length bars with close > close[1]",
    inputs=(length("length", 14, "rollingPeriod", "Rolling Period", "length", "in_0", maximum=10000),),
    plots=(Plot("majority", color="#FF5252", names=("plot", "majority rule", "majority")),),
    pane=Pane(range=(0.0, 100.0), ticks=(0.0, 50.0, 100.0), mid=50.0, format="integer"),
    compute=_compute,
    legend=lambda p, last, fmt: [("majority", f"Majority Rule ({p['length']})  {fmt.fixed2(last['majority'])}")],
)
