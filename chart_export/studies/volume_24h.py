"""24-hour Volume, TradingView's built-in (``24-hour Volume.pine``)::

    price = input.source(close, "Price Source")
    sumVolTF = timeframe.isminutes or timeframe.isseconds ? "1" : timeframe.isdaily ? "5" : "60"
    sum24hVol(src) => gs.rollOnTimeWhen(src, 24 * 60 * 60 * 1000).sum()
    expr = syminfo.volumetype == "quote" ? volume : price * volume
    vol24h = request.security(syminfo.tickerid, sumVolTF, sum24hVol(expr * request.currency_rate(...)))
    plot(vol24h, title = "24H Volume", style = plot.style_columns)

The traded value (price x volume) of the last 24 hours at each bar's close. TradingView sums it
over 1-minute (5-minute on daily charts) bars it requests; a candle file has only the chart's
bars, so here the sum runs over the chart's own bars that opened in the 24 hours ending at the
bar's close (24 hourly bars, one daily bar), each priced at its ``Price Source``: equal to
TradingView's on 1-minute bars, an approximation on longer ones (each bar's volume priced at one
price). Volume is taken as base units (``syminfo.volumetype`` is not in a candle file) and no
currency conversion is made ("Target Currency" Default; a template giving another has it named
as an ignored key with that reason). Bars longer than a day have no
24-hour value (NaN). Columns in their own pane, compact numbers."""

from __future__ import annotations

import numpy as np

from ._bars import bar_seconds
from .spec import Pane, Plot, StudySpec, ignored, no_volume_note, price_source, source

DAY = 86400


def volume_24h(time: np.ndarray, value: np.ndarray, step: int) -> np.ndarray:
    """Sum of ``value`` over the bars opened in (close - 24h, close], close = time + step."""
    n = len(time)
    if step <= 0 or step > DAY:
        return np.full(n, np.nan)
    t = np.asarray(time, dtype=np.int64)
    start = np.searchsorted(t, t + step - DAY, side="left")
    csum = np.concatenate([[0.0], np.cumsum(np.nan_to_num(value))])
    return csum[np.arange(1, n + 1)] - csum[start]


def _compute(c, p):
    value = np.asarray(price_source(c, p["source"]), dtype=np.float64) * np.asarray(c.volume, dtype=np.float64)
    return {"vol24h": volume_24h(c.time, value, bar_seconds(c.time))}


STUDY = StudySpec(
    name="24-hour Volume",
    kind="volume_24h",
    aliases=("24H Vol", "24h Volume", "24 hour Volume"),
    source=("TradingView's 24-hour Volume.pine summed over the chart's own bars (TradingView sums 1- or 5-minute "
            "bars): price x volume of the bars opened in the 24 hours to each bar's close"),
    inputs=(source("Price Source", "price", "in_0"),),
    plots=(Plot("vol24h", kind="histogram", color="#2962FF", rule="sign", colors=("#2962FF", "#2962FF"), alpha=0.6,
                names=("plot", "24h volume")),),
    pane=Pane(include=(0.0,), format="compact"),
    compute=_compute,
    note=no_volume_note,
    ignored=(ignored("a currency rate (request.currency_rate) is not in one symbol's candles: drawn in the symbol's "
                     "own currency, as Target Currency 'Default'", "Target Currency", "currencyInput", "in_1"),),
    legend=lambda p, last, fmt: [("vol24h", f"Vol (24H)  {fmt.compact(last['vol24h'])}")],
)
