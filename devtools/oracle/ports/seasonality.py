"""
@pyne

Seasonality, TradingView built-in, ported line by line: ``calculateMontlyChanges`` in
``request.security(syminfo.tickerid, "1M", .., lookahead = barmerge.lookahead_on)`` and the four
status-line plots (``currMonthExpectedPrice``, ``currMonthAverage``, ``currMonthStDev``,
``currAvgNumberOfMonths``, set on ``timeframe.change("1M")``). The heat-map table and the
projection box draw those same values (the table: the matrix on the last bar); the colour inputs
and the "Ignored months" text (default: none ignored) are left out. The "1M" context is built by
PyneCore from the chart's own bars (``generate.feed``), as our study builds it.
Pine source: deepentropy/oakscriptJS, docs/official/indicators_standard/Seasonality.pine,
commit be99ba4eca42b59ad4bf48ccb7bd21020b029b43.
"""
from pynecore.lib import script, input, plot, request, syminfo, barmerge, timeframe, close, time_close, year, month, \
    matrix, array, na
from pynecore.types import Persistent, Series

CASE = {"study": "Seasonality", "inputs": {}, "series": ["daily", "weekly", "intraday"], "security": ["1M"],
        "outputs": {"Expected price for current month": "expected", "Historical average for current month": "average",
                    "Historical standard deviation for current month": "stdev",
                    "No. of months used in the current average": "count"},
        "runs": [{"inputs": {"startYearInput": 2022}, "template": {"Starting year": 2022}, "series": ["daily"]},
                 {"inputs": {"startYearInput": 2023}, "template": {"Starting year": 2023}, "series": ["daily"]},
                 {"inputs": {"startYearInput": 2024}, "template": {"Starting year": 2024},
                  "series": ["weekly", "intraday"]},
                 # the intraday series as a NASDAQ symbol (09:30-16:00 New York): its "1M" request
                 {"inputs": {"startYearInput": 2024}, "template": {"Starting year": 2024}, "series": ["intraday"],
                  "exchange": "NASDAQ"}]}


def changePercent(source: Series[float]):
    return 100.0 * (source - source[1]) / source[1]


def calculateMontlyChanges(startYear, prevBarYear, prevBarYear_1, prevBarMonth):
    dataMatrix: Persistent = matrix.new(0, 13)
    yearIndexArray: Persistent = array.new_int()
    prevChangePercent = changePercent(close[1])
    if prevBarYear >= startYear:  # ignoredMonthsArray: empty
        if prevBarYear != prevBarYear_1 or matrix.rows(dataMatrix) == 0:
            matrix.add_row(dataMatrix)
            array.push(yearIndexArray, prevBarYear)
        matrix.set(dataMatrix, matrix.rows(dataMatrix) - 1, prevBarMonth, prevChangePercent)
    return yearIndexArray, dataMatrix


@script.indicator("Seasonality", overlay=False, max_boxes_count=500)
def main(startYearInput=input.int(2015, "Starting year", minval=1800)):
    currMonth = month(time_close - 1)
    prevTimeClose = time_close[1] - 1
    prevBarYear: Series[int] = year(prevTimeClose)
    prevBarMonth = month(prevTimeClose)

    yearIndexArray, changesMatrix = request.security(
        syminfo.tickerid, "1M", calculateMontlyChanges(startYearInput, prevBarYear, prevBarYear[1], prevBarMonth),
        lookahead=barmerge.lookahead_on)

    currMonthAverage: Persistent[float] = na(float)
    currMonthStDev: Persistent[float] = na(float)
    currAvgNumberOfMonths: Persistent[float] = na(float)
    currMonthExpectedPrice: Persistent[float] = na(float)
    if timeframe.change("1M") and not na(changesMatrix):
        col = matrix.col(changesMatrix, currMonth)
        currMonthAverage = array.avg(col)
        currMonthStDev = array.stdev(col, False)
        currAvgNumberOfMonths = len([v for v in col if not na(v)])  # nonNA()
        currMonthExpectedPrice = close[1] + close[1] * currMonthAverage / 100

    plot(currMonthExpectedPrice, "Expected price for current month")
    plot(currMonthAverage, "Historical average for current month")
    plot(currMonthStDev, "Historical standard deviation for current month")
    plot(currAvgNumberOfMonths, "No. of months used in the current average")
