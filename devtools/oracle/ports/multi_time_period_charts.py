"""
@pyne

Multi-Time Period Charts, TradingView built-in, ported line by line: ``selectAutoTimeframe`` and
``chartOHLC`` (default "Use daily-based values" off; with and without "Display Heikin Ashi values",
``haFrom``); the developing higher-timeframe bar is plotted (the boxes are drawn from its values).
Pine source: deepentropy/oakscriptJS, docs/official/indicators_standard/Multi-Time Period Charts.pine,
commit be99ba4eca42b59ad4bf48ccb7bd21020b029b43.
One substitution: ``timeframe.change(tf)`` of an intraday ``tf`` ("60", "240") is ``tf_change``,
``time(tf)`` changing (Pine's "true on the first bar of a new ``tf`` bar"): PyneCore 6.11's
intraday ``timeframe.change`` rounds the session start down to the hour while its ``time(tf)``
and resampler start at the open (09:30 on NASDAQ; see ``time_weighted_average_price.py``).
"""
from pynecore.lib import script, input, plot, timeframe, open, high, low, close, math, na, time, bar_index
from pynecore.types import Persistent, Series

CASE = {"study": "Multi-Time Period Charts", "inputs": {}, "series": ["daily", "eurusd_tv", "intraday", "short"],
        "outputs": {"open": "open", "high": "high", "low": "low", "close": "close", "prevClose": "prev_close"},
        "runs": [{"inputs": {"autoTFInput": False, "tfInput": "1W"}, "template": {"Auto-timeframe": False,
                                                                                  "Timeframe": "1W"}},
                 {"inputs": {"autoTFInput": False, "tfInput": "3M"}, "template": {"Auto-timeframe": False,
                                                                                  "Timeframe": "3M"}},
                 {"inputs": {"useHaInput": True}, "template": {"Display Heikin Ashi values": True}},
                 {"inputs": {"autoTFInput": False, "tfInput": "1W", "useHaInput": True},
                  "template": {"Auto-timeframe": False, "Timeframe": "1W", "Display Heikin Ashi values": True}}]
        # intraday timeframes on the intraday series, 24 hours UTC and as a NASDAQ symbol (09:30-16:00
        # New York: "60" from 09:30, "240" from 09:30 and 13:30), and the default (auto: a day) as NASDAQ
        + [{"inputs": {"autoTFInput": False, "tfInput": tf}, "template": {"Auto-timeframe": False, "Timeframe": tf},
            "series": ["intraday"], **ex} for ex in ({}, {"exchange": "NASDAQ"}) for tf in ("60", "240")]
        + [{"inputs": {}, "template": {}, "series": ["intraday"], "exchange": "NASDAQ"}]}


def tf_change(tf):
    """``timeframe.change(tf)``; for an intraday ``tf`` under a day, ``time(tf)`` changing (header)."""
    t: Series[int] = time(tf)
    if not (tf.isdigit() and int(tf) < 1440):
        return timeframe.change(tf)
    return bar_index > 0 and t != t[1]


def selectAutoTimeframe():
    secondsInTF = timeframe.in_seconds()
    if timeframe.isseconds:
        return "120"
    if secondsInTF < 86400:
        return "1440"
    if secondsInTF < 604800:
        return "1W"
    if secondsInTF < 2628003:
        return "1M"
    if secondsInTF < 7884009:
        return "3M"
    return "12M"


def haFrom(o, h, l, c, prevHO, prevHC):
    haC = (o + h + l + c) / 4
    haO = (o + c) / 2 if na(prevHO) or na(prevHC) else (prevHO + prevHC) / 2
    haH = math.max(h, haO, haC)
    haL = math.min(l, haO, haC)
    return haO, haH, haL, haC


@script.indicator("Multi-Time Period Charts", shorttitle="MTPC", overlay=True)
def main(autoTFInput=input(True, "Auto-timeframe"), tfInput=input.timeframe("1M", "Timeframe"),
         useHaInput=input.bool(False, "Display Heikin Ashi values")):
    htfOpen: Persistent[float] = na(float)
    htfHigh: Persistent[float] = na(float)
    htfLow: Persistent[float] = na(float)
    prevClose: Persistent[float] = na(float)
    haClose: Persistent[float] = na(float)
    haOpen: Persistent[float] = na(float)
    prevHaC: Persistent[float] = na(float)
    prevHaO: Persistent[float] = na(float)
    tf = selectAutoTimeframe() if autoTFInput else tfInput
    if tf_change(tf):
        htfOpen = open
        htfHigh = high
        htfLow = low
        prevClose = close[1]
        prevHaO = haOpen
        prevHaC = haClose
    htfHigh = math.max(high, htfHigh)
    htfLow = math.min(low, htfLow)
    o, h, l, c, pc = htfOpen, htfHigh, htfLow, close, prevClose  # OHLC.new(htfOpen, htfHigh, htfLow, close, prevClose)
    if useHaInput:
        haO, haH, haL, haC = haFrom(htfOpen, htfHigh, htfLow, close, prevHaO, prevHaC)
        haOpen = haO
        haClose = haC
        o, h, l, c, pc = haO, haH, haL, haC, prevHaC  # OHLC.new(haO, haH, haL, haC, prevHaC)
    plot(o, "open")
    plot(h, "high")
    plot(l, "low")
    plot(c, "close")
    plot(pc, "prevClose")
