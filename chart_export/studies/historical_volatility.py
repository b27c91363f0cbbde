"""Historical Volatility: annualised standard deviation of log returns, in percent.

Formula (TradingView Help Center: "Historical Volatility"; TradingView's built-in script
``annual = 365; per = timeframe.isintraday or timeframe.isdaily and timeframe.multiplier ==
1 ? 1 : 7; hv = 100 * ta.stdev(math.log(close / close[1]), length) * math.sqrt(annual /
per)``): ``ta.stdev`` (studies/_pine.py); per = 1 for bars of one day or less (the
interval is the candles' median spacing, ``Candles.timeframe_seconds``), else 7. First
value at bar length."""

from __future__ import annotations

import math

from ._math import div, shift
from ._pine import log, stdev
from .spec import Pane, Plot, StudySpec, length


def _compute(c, p):
    r = log(div(c.close, shift(c.close, 1)))
    per = 1 if (c.timeframe_seconds() or 0) <= 86400 else 7
    return {"hv": 100.0 * stdev(r, p["length"]) * math.sqrt(365 / per)}


STUDY = StudySpec(
    name="Historical Volatility",
    kind="hv",
    aliases=("HV",),
    inputs=(length("length", 10, "length", "Length", "in_0", maximum=100000),),
    plots=(Plot("hv", color="#2962FF", width=1.5, names=("plot", "hv")),),
    pane=Pane(include=(0.0,)),
    compute=_compute,
    legend=lambda p, last, fmt: [("hv", f"HV ({p['length']})  {fmt.fixed2(last['hv'])}")],
)
