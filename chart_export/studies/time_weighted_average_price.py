"""Time Weighted Average Price, TradingView's built-in::

    twap(source, anchorChange) =>
        var prices = 0.0
        var count = 0
        if anchorChange
            prices := 0
            count := 0
        prices += source
        count += 1
        prices / count
    twapValue = twap(src, timeframe.change(anchor))        // anchor: "1D", source ohlc4
    plot(twapValue, title = "TWAP", color = #dd7a28, offset = offset)

The running mean of the source since the start of the anchor period. Anchors 1D, 1W, 1M, 3M,
12M: calendar periods of the exchange's trading day (as VWAP's and TradingView's,
:mod:`chart_export.sessions`; the chart's time zone when the exchange is unknown), a week
from Monday; intraday anchors (``_math.INTRADAY``: "1" to "240" minutes) start at the regular
session's open (``session_open``: a NASDAQ "60" anchor at 09:30, 10:30...; around the clock
from the trading day's start), as TradingView's intraday bars; on a chart whose bars are as long as the anchor or longer, every bar starts one. The
running sum adds bar by bar, as Pine."""

from __future__ import annotations

from datetime import UTC

import numpy as np

from ._math import INTRADAY, timeframe_ids
from .spec import Input, Plot, StudySpec, choice, length, price_source

ANCHORS = {"1d": "1D", "d": "1D", "1w": "1W", "w": "1W", "1m": "1M", "m": "1M", "3m": "3M", "12m": "12M",
           **INTRADAY}


def twap(x: np.ndarray, pid: np.ndarray) -> np.ndarray:
    out = np.empty(x.shape[0])
    starts = np.flatnonzero(np.r_[True, pid[1:] != pid[:-1]]) if x.shape[0] else np.array([], dtype=np.int64)
    for a, b in zip(starts.tolist(), [*starts[1:].tolist(), x.shape[0]]):
        out[a:b] = np.cumsum(x[a:b]) / np.arange(1, b - a + 1)
    return out


def _compute(c, p):
    x = np.asarray(price_source(c, p["source"]), dtype=np.float64)
    return {"twap": twap(x, timeframe_ids(c.time, p.get("tz") or UTC, p["anchor"], p.get("session_open", 0)))}


STUDY = StudySpec(
    name="Time Weighted Average Price",
    kind="twap",
    aliases=("TWAP",),
    inputs=(
        choice("anchor", "1D", ANCHORS, "in_0", "Anchor Period", "anchor"),
        Input("source", "source", "ohlc4", ("in_1", "Source", "src")),
        length("offset", 0, "in_2", "Offset", "offset", minimum=-500, maximum=500),
    ),
    plots=(Plot("twap", color="#dd7a28", width=1.3, offset="offset", names=("plot", "twap")),),
    compute=_compute,
    calendar=True,
    legend=lambda p, last, fmt: [("twap", f"TWAP ({p['anchor']})  {fmt.price(last['twap'])}")],
)
