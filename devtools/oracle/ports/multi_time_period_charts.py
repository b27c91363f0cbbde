"""
@pyne

Multi-Time Period Charts, TradingView built-in, ported line by line: ``selectAutoTimeframe`` and
``chartOHLC`` (default "Use daily-based values" off; with and without "Display Heikin Ashi values",
``haFrom``); the developing higher-timeframe bar is plotted (the boxes are drawn from its values).
Pine source: deepentropy/oakscriptJS, docs/official/indicators_standard/Multi-Time Period Charts.pine,
commit be99ba4eca42b59ad4bf48ccb7bd21020b029b43.
Not run on ``eurusd_tv``: that series declares 60-minute bars spaced 30 minutes apart, and PyneCore
starts its "1440" periods one bar early there (at 23:30 UTC).
"""
from pynecore.lib import script, input, plot, timeframe, open, high, low, close, math, na
from pynecore.types import Persistent

CASE = {"study": "Multi-Time Period Charts", "inputs": {}, "series": ["daily", "intraday", "short"],
        "outputs": {"open": "open", "high": "high", "low": "low", "close": "close", "prevClose": "prev_close"},
        "runs": [{"inputs": {"autoTFInput": False, "tfInput": "1W"}, "template": {"Auto-timeframe": False,
                                                                                  "Timeframe": "1W"}},
                 {"inputs": {"autoTFInput": False, "tfInput": "3M"}, "template": {"Auto-timeframe": False,
                                                                                  "Timeframe": "3M"}},
                 {"inputs": {"useHaInput": True}, "template": {"Display Heikin Ashi values": True}},
                 {"inputs": {"autoTFInput": False, "tfInput": "1W", "useHaInput": True},
                  "template": {"Auto-timeframe": False, "Timeframe": "1W", "Display Heikin Ashi values": True}}]}


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
    if timeframe.change(tf):
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
