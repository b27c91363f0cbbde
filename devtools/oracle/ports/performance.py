"""
@pyne

Performance, TradingView built-in, the chart symbol's row, ported line by line with the library
it imports (``TradingView/ValueAtTime/2``, ValueAtTime-v2.pine: getDataAtPeriodOffsets,
collectData, valueAtPeriodOffset, periodToTimestamp, getTFMult; the version the script imports).
The script asks ``request.security(symbol, "1D", VAT.getDataAtPeriodOffsets(timeframesArray,
close, last_bar_time), lookahead = barmerge.lookahead_on)`` per symbol and fills the table on
the last bar. Ported for the chart symbol (other symbols' bars are not in the oracle), the
request included: its "1D" context is built by PyneCore from the chart's own bars
(``generate.feed``; on the daily series it is the chart itself), so intraday charts are checked
too; ``lookahead_on`` gives the day as built so far (the close of the chart's bar), which is
TradingView's value on the last bar. ``referenceTime`` = the context bar's ``time``: on the last
bar the day of the script's ``last_bar_time`` (the table's row), on earlier bars the row as if
that bar were the last.
Plotted per period of the default list ("1W, 1M, 3M, 6M, 12M, YTD, 5Y"): ``changePercent``.
One modelling choice: TradingView's 1D request reaches further back than the committed bars, so
a target time before the first bar is not known here (the library would clamp to the first bar,
``binary_search_leftmost``'s 0): plotted na, "No data".
Pine sources: deepentropy/oakscriptJS, docs/official/indicators_standard/Performance.pine and
docs/official/libraries/TradingView/ValueAtTime-v2.pine, commit be99ba4eca42b59ad4bf48ccb7bd21020b029b43.
"""
from pynecore.lib import (script, plot, close, time, timeframe, timestamp, year, month, dayofmonth, hour, minute,
                          array, string as str_, na, nz, request, syminfo, barmerge)
from pynecore.types import Persistent

CASE = {"study": "Performance", "inputs": {}, "series": ["daily", "short", "intraday"], "security": ["1D"],
        "outputs": {"1W": "w1", "1M": "m1", "3M": "m3", "6M": "m6", "12M": "m12", "YTD": "ytd", "5Y": "y5"},
        # the intraday series as a NASDAQ symbol (09:30-16:00 New York): its "1D" request
        "runs": [{"inputs": {}, "template": {}, "series": ["intraday"], "exchange": "NASDAQ"}]}


# ---- TradingView/ValueAtTime (ValueAtTime-v2.pine)
def getTFMult(period):                                           # getTFMult(series string period) =>
    return nz(int(str_.tonumber(str_.substring(period, 0, str_.length(period) - 1))), 1)


def periodToTimestamp(period, referenceTime):                    # export periodToTimestamp(period, referenceTime) =>
    refYear = year(referenceTime)
    refMonth = month(referenceTime)
    refDay = dayofmonth(referenceTime)
    refHour = hour(referenceTime)
    refMin = minute(referenceTime)
    if period == "YTD":
        result = timestamp(refYear, 1, 1, 0, 0)
    elif str_.endswith(period, "Y"):
        result = timestamp(refYear - getTFMult(period), refMonth, refDay, refHour, refMin)
    elif str_.endswith(period, "M"):
        totalMonths = refYear * 12 + refMonth - getTFMult(period)
        pastYear = int(totalMonths / 12)
        pastMonth = totalMonths % 12
        if pastMonth == 0:
            pastYear -= 1
            pastMonth = 12
        result = timestamp(pastYear, pastMonth, refDay, refHour, refMin)
    else:                                                        # "W", or "D" (not "YTD")
        result = referenceTime - timeframe.in_seconds(period) * 1000
    return result


def collectData(data, source):                                   # export collectData(source, timeOffsetLimit = na, timeframeLimit = na) =>
    data["times"].append(time)                                   #     data.times.push(time)  (sizeLimit na: no limit)
    data["values"].append(source)                                #     data.values.push(source)
    return data


def valueAtPeriodOffset(data, period, referenceTime):            # export method valueAtPeriodOffset(data, period, referenceTime = time) =>
    targetTime = periodToTimestamp(period, referenceTime)
    index = array.binary_search_leftmost(data["times"], targetTime)
    foundTime = data["times"][index]
    foundValue = data["values"][index]
    if targetTime < data["times"][0]:                            # (the modelling choice above: before the history)
        foundValue = na(float)
    return foundValue, foundTime


def getDataAtPeriodOffsets(data, periods, source, referenceTime):  # export getDataAtPeriodOffsets(periods, source, referenceTime) =>
    collectData(data, source)                                    #     Data data = collectData(source, ...)
    values = []
    times = []
    for period in periods:
        foundValue, foundTime = valueAtPeriodOffset(data, period, referenceTime)
        values.append(foundValue)
        times.append(foundTime)
    return values, times, source


@script.indicator("Performance")
def main():
    periods = ["1W", "1M", "3M", "6M", "12M", "YTD", "5Y"]       # VAT.getArrayFromString(str.upper(tfListInput)), the default list
    data: Persistent[dict] = {"times": [], "values": []}         # var Data data = Data.new(...)
    res = request.security(syminfo.tickerid, "1D", getDataAtPeriodOffsets(data, periods, close, time),
                           lookahead=barmerge.lookahead_on)
    historicalClosesArray, timestampsArray, currClose = res
    ch = [(currClose - value) / value * 100 for value in historicalClosesArray]  # float changePercent = (currClose - value) / value * 100
    plot(ch[0], "1W")
    plot(ch[1], "1M")
    plot(ch[2], "3M")
    plot(ch[3], "6M")
    plot(ch[4], "12M")
    plot(ch[5], "YTD")
    plot(ch[6], "5Y")
