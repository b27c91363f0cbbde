"""
@pyne

Relative Volume at Time, TradingView built-in, ported line by line with the library function
it calls, ``ta.relativeVolume`` of ``TradingView/ta/7`` (ta-v10.pine: its text is the one a
copy of ta v7 quotes, but v7 imports ``TradingView/RelativeValue/2`` and v10
``RelativeValue/3``; only v3 is published: RelativeValue-v3.pine, "v3, 2024.11.26", its
calcCumulativeSeries, averageAtTime (the timeframe-string overload), maintainArray and
calcAverageByTime follow). A ``collectedData`` is a dict {"data", "times", "startTime"}.
Historical bars are confirmed, so "Adjust Unconfirmed" changes nothing here (it extrapolates an
open bar's volume from ``timenow``). Plotted: "Relative Volume Ratio" and its two terms,
"Current volume" and "Past volume".
One substitution: ``timeframe.change`` of an intraday anchor ("60", "240") is ``tf_change``,
``time(anchor)`` changing (Pine's "true on the first bar of a new ``anchor`` bar"): PyneCore 6.11's
intraday ``timeframe.change`` rounds the session start down to the hour while its ``time(anchor)``
(which the library reads as the period's start) and resampler start at the open (09:30 on
NASDAQ; see ``time_weighted_average_price.py``).
Pine sources: deepentropy/oakscriptJS, docs/official/indicators_standard/Relative Volume at Time.pine,
docs/official/libraries/TradingView/ta-v10.pine and
docs/official/libraries/TradingView/RelativeValue-v3.pine, commit be99ba4eca42b59ad4bf48ccb7bd21020b029b43.
"""
from pynecore.lib import (script, input, plot, volume, time, time_close, timenow, timeframe, barstate, math, array, na,
                          bar_index)
from pynecore.types import Persistent, Series

CASE = {"study": "Relative Volume at Time", "inputs": {},
        "outputs": {"Relative Volume Ratio": "ratio", "Current volume": "current", "Past volume": "past"},
        "runs": [{"inputs": {"calculationModeInput": "Regular", "lengthInput": 3},
                  "template": {"Calculation Mode": "Regular", "Length": 3}},
                 {"inputs": {"anchorTimeframeInput": "1W", "lengthInput": 4},
                  "template": {"Anchor Timeframe": "1W", "in_1": 4}},
                 {"inputs": {"anchorTimeframeInput": "1M", "lengthInput": 2, "calculationModeInput": "Regular"},
                  "template": {"anchorTimeframe": "1M", "length": 2, "calculationMode": "Regular"}}]
        # intraday anchors on the intraday series, 24 hours UTC and as a NASDAQ symbol (09:30-16:00 New
        # York: "60" from 09:30, "240" from 09:30 and 13:30), and the default as NASDAQ
        + [{"inputs": {"anchorTimeframeInput": tf, "lengthInput": 3}, "template": {"Anchor Timeframe": tf, "Length": 3},
            "series": ["intraday"], **ex} for ex in ({}, {"exchange": "NASDAQ"}) for tf in ("60", "240")]
        + [{"inputs": {}, "template": {}, "series": ["intraday"], "exchange": "NASDAQ"}]}


def tf_change(tf):
    """``timeframe.change(tf)``; for an intraday ``tf`` under a day, ``time(tf)`` changing (header)."""
    t: Series[int] = time(tf)
    if not (tf.isdigit() and int(tf) < 1440):
        return timeframe.change(tf)
    return bar_index > 0 and t != t[1]


# ---- TradingView/RelativeValue (RelativeValue-v3.pine)
def maintainArray(id, maxSize, value):                           # method maintainArray(id, maxSize, value) =>
    id.append(value)                                             #     id.push(value)
    if len(id) > maxSize:                                        #     if id.size() > maxSize
        id.pop(0)                                                #         id.shift()


def calcAverageByTime(id, timeOffset):                           # method calcAverageByTime(id, timeOffset) =>
    sum_ = 0.0
    for eachItem in id:
        startTime = eachItem["startTime"]
        index = array.binary_search_leftmost(eachItem["times"], startTime + timeOffset)
        adjData = eachItem["data"][index] if len(eachItem["data"]) - 1 >= index else eachItem["data"][-1]
        sum_ += adjData
    return sum_ / len(id)                                        #     float result = sum / id.size()


def calcCumulativeSeries(source, anchor, adjustRealtime=False):  # export calcCumulativeSeries(source, anchor, adjustRealtime = false) =>
    s: Persistent[float] = 0.0                                   #     var float sum = 0.0
    lastAnchor: Persistent[int] = na(int)                        #     var int lastAnchor = na
    if anchor:
        s = 0.0
        lastAnchor = time
    s += source
    if adjustRealtime and not barstate.isconfirmed:
        timePassed = math.min(timenow, time_close) - lastAnchor
        timeTotal = time_close - lastAnchor
        currentRatio = s / timePassed
        s = currentRatio * timeTotal
    return s


def averageAtTime(source, length, timeframe_, isCumulative=True):  # export averageAtTime(source, length, simple string timeframe, ...) =>
    historicalData: Persistent[list] = []                        #     var array<collectedData> historicalData = array.new<collectedData>()
    newData: Persistent[dict] = {"data": [], "times": [], "startTime": time(timeframe_)}
    anchor = tf_change(timeframe_)                               #     bool anchor = timeframe.change(timeframe)
    src = calcCumulativeSeries(source, anchor) if isCumulative else source
    if anchor:
        maintainArray(historicalData, length, newData)           #         historicalData.maintainArray(length, newData)
        newData = {"data": [], "times": [], "startTime": time(timeframe_)}
    newData["times"].append(time)                                #     newData.times.push(time)
    newData["data"].append(src)                                  #     newData.data.push(src)
    return calcAverageByTime(historicalData, time - newData["startTime"])


# ---- TradingView/ta (ta-v10.pine)
def relativeVolume(length, anchorTimeframe="D", isCumulative=True, adjustRealtime=True):
    anchor = tf_change(anchorTimeframe)                          #     bool anchor = timeframe.change(anchorTimeframe)
    currVol = calcCumulativeSeries(volume, anchor, adjustRealtime) if isCumulative else volume
    pastVol = averageAtTime(volume, length, anchorTimeframe, isCumulative)
    volRatio = currVol / pastVol
    return currVol, pastVol, volRatio


@script.indicator("Relative Volume at Time", "RelVol")
def main(anchorTimeframeInput=input.timeframe("1D", "Anchor Timeframe"),
         lengthInput=input.int(10, "Length", minval=1),
         calculationModeInput=input.string("Cumulative", "Calculation Mode", options=["Cumulative", "Regular"]),
         adjustRealtimeInput=input.bool(True, "Adjust Unconfirmed")):
    currentVolume, pastVolume, _ = relativeVolume(lengthInput, anchorTimeframeInput,
                                                  calculationModeInput == "Cumulative", adjustRealtimeInput)
    plot(currentVolume / pastVolume, "Relative Volume Ratio")
    plot(currentVolume, "Current volume")
    plot(pastVolume, "Past volume")
