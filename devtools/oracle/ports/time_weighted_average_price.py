"""
@pyne

Time Weighted Average Price, TradingView built-in, ported line by line (plot without colour and
offset; the twap function inlined). One substitution: ``timeframe.change(anchor)`` of an intraday
anchor is ``tf_change``, Pine's identity "true on the first bar of a new ``anchor`` bar", i.e.
``time(anchor)`` changing: PyneCore 6.11's intraday ``timeframe.change`` rounds the session's
start down to the hour (``lib/_timeframe_change.py``, ``last_signal = last_dt.replace(minute=0)``)
while its ``time(anchor)`` and its resampler start the anchor's bars at the open (measured on
``intraday`` as a NASDAQ symbol: ``change("60")`` fires at 10:00, 11:00..., ``time("60")`` reads
09:30, 10:30...; TradingView's 1-hour bars of a US stock open at 09:30). Calendar anchors keep
``timeframe.change``; on a 24-hour UTC session both give the same bars.
Pine source: deepentropy/oakscriptJS, docs/official/indicators_standard/Time Weighted Average Price.pine,
commit be99ba4eca42b59ad4bf48ccb7bd21020b029b43.
"""
from pynecore.lib import script, input, plot, ohlc4, timeframe, time, bar_index
from pynecore.types import Persistent, Series

CASE = {"study": "Time Weighted Average Price", "inputs": {}, "outputs": {"TWAP": "twap"},
        "runs": [{"inputs": {"anchor": "1W"}, "template": {"Anchor Period": "1W"}},
                 {"inputs": {"anchor": "1M"}, "template": {"Anchor Period": "1M"}}]
        # intraday anchors on the intraday series (24 hours UTC, then as a NASDAQ symbol: 09:30-16:00
        # New York, "60" bars from 09:30, "240" from 09:30 and 13:30), and the default as NASDAQ
        + [{"inputs": {"anchor": tf}, "template": {"Anchor Period": tf}, "series": ["intraday"], **ex}
           for ex in ({}, {"exchange": "NASDAQ"}) for tf in ("60", "240")]
        + [{"inputs": {}, "template": {}, "series": ["intraday"], "exchange": "NASDAQ"}]}


def tf_change(tf):
    """``timeframe.change(tf)``; for an intraday ``tf`` under a day, ``time(tf)`` changing (header)."""
    t: Series[int] = time(tf)
    if not (tf.isdigit() and int(tf) < 1440):
        return timeframe.change(tf)
    return bar_index > 0 and t != t[1]


@script.indicator(title="Time Weighted Average Price", shorttitle="TWAP", overlay=True)
def main(anchor=input.timeframe(defval="1D", title="Anchor Period"), src=input(title="Source", defval=ohlc4),
         offset=input(0, title="Offset")):
    prices: Persistent[float] = 0.0
    count: Persistent[int] = 0
    if tf_change(anchor):
        prices = 0
        count = 0
    prices += src
    count += 1
    plot(prices / count, title="TWAP")
