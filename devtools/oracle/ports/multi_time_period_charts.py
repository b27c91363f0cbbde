"""
@pyne

Multi-Time Period Charts, TradingView built-in, ported line by line: ``selectAutoTimeframe`` and
``chartOHLC`` (default "Use daily-based values" off, no Heikin Ashi); the developing higher-
timeframe bar is plotted (the boxes are drawn from its values).
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
                                                                                  "Timeframe": "3M"}}]}


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


@script.indicator("Multi-Time Period Charts", shorttitle="MTPC", overlay=True)
def main(autoTFInput=input(True, "Auto-timeframe"), tfInput=input.timeframe("1M", "Timeframe")):
    htfOpen: Persistent[float] = na(float)
    htfHigh: Persistent[float] = na(float)
    htfLow: Persistent[float] = na(float)
    prevClose: Persistent[float] = na(float)
    tf = selectAutoTimeframe() if autoTFInput else tfInput
    if timeframe.change(tf):
        htfOpen = open
        htfHigh = high
        htfLow = low
        prevClose = close[1]
    htfHigh = math.max(high, htfHigh)
    htfLow = math.min(low, htfLow)
    plot(htfOpen, "open")
    plot(htfHigh, "high")
    plot(htfLow, "low")
    plot(close, "close")
    plot(prevClose, "prevClose")
