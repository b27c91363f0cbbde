"""
@pyne

Linear Regression Channel, TradingView built-in, ported line by line (calcSlope and calcDev as in
the script; the line / label coordinates plotted as series, na before the last bar: "Start",
"End", "Upper Start", "Upper End", "Lower Start", "Lower End" and "Pearson's R").
Pine source: deepentropy/oakscriptJS, docs/official/indicators_standard/Linear Regression Channel.pine,
commit be99ba4eca42b59ad4bf48ccb7bd21020b029b43.
"""
from pynecore.lib import script, input, plot, high, low, close, barstate, math, na
from pynecore.types import Series

CASE = {"study": "Linear Regression Channel", "inputs": {},
        "outputs": {"Start": "start", "End": "end", "Upper Start": "upper_start", "Upper End": "upper_end",
                    "Lower Start": "lower_start", "Lower End": "lower_end", "Pearson's R": "pearson"},
        "runs": [{"inputs": {"lengthInput": 20, "useUpperDevInput": False, "lowerMultInput": 1.5},
                  "template": {"Length": 20, "Upper Deviation": False, "in_5": 1.5}}]}


def calcSlope(source: Series[float], length):
    if not barstate.islast or length <= 1:
        return na(float), na(float), na(float)
    sumX = 0.0
    sumY = 0.0
    sumXSqr = 0.0
    sumXY = 0.0
    for i in range(0, length):
        val = source[i]
        per = i + 1.0
        sumX += per
        sumY += val
        sumXSqr += per * per
        sumXY += val * per
    slope = (length * sumXY - sumX * sumY) / (length * sumXSqr - sumX * sumX)
    average = sumY / length
    intercept = average - slope * sumX / length + slope
    return slope, average, intercept


def calcDev(source: Series[float], length, slope, average, intercept):
    upDev = 0.0
    dnDev = 0.0
    stdDevAcc = 0.0
    dsxx = 0.0
    dsyy = 0.0
    dsxy = 0.0
    periods = length - 1
    daY = intercept + slope * periods / 2
    val = intercept
    for j in range(0, periods + 1):
        price = high[j] - val
        if price > upDev:
            upDev = price
        price = val - low[j]
        if price > dnDev:
            dnDev = price
        price = source[j]
        dxt = price - average
        dyt = val - daY
        price -= val
        stdDevAcc += price * price
        dsxx += dxt * dxt
        dsyy += dyt * dyt
        dsxy += dxt * dyt
        val += slope
    stdDev = math.sqrt(stdDevAcc / (1 if periods == 0 else periods))
    pearsonR = 0 if dsxx == 0 or dsyy == 0 else dsxy / math.sqrt(dsxx * dsyy)
    return stdDev, pearsonR, upDev, dnDev


@script.indicator("Linear Regression Channel", shorttitle="LinReg", overlay=True)
def main(lengthInput=input.int(100, "Length", minval=1, maxval=5000),
         sourceInput=input.source(close, "Source"),
         useUpperDevInput=input.bool(True, "Upper Deviation"),
         upperMultInput=input.float(2.0, ""),
         useLowerDevInput=input.bool(True, "Lower Deviation"),
         lowerMultInput=input.float(2.0, "")):
    src: Series[float] = sourceInput
    s, a, i = calcSlope(src, lengthInput)
    startPrice = i + s * (lengthInput - 1)
    endPrice = i
    stdDev, pearsonR, upDev, dnDev = calcDev(src, lengthInput, s, a, i)
    upperStartPrice = startPrice + (upperMultInput * stdDev if useUpperDevInput else upDev)
    upperEndPrice = endPrice + (upperMultInput * stdDev if useUpperDevInput else upDev)
    lowerStartPrice = startPrice + (-lowerMultInput * stdDev if useLowerDevInput else -dnDev)
    lowerEndPrice = endPrice + (-lowerMultInput * stdDev if useLowerDevInput else -dnDev)
    plot(startPrice, "Start")
    plot(endPrice, "End")
    plot(upperStartPrice, "Upper Start")
    plot(upperEndPrice, "Upper End")
    plot(lowerStartPrice, "Lower Start")
    plot(lowerEndPrice, "Lower End")
    plot(pearsonR if barstate.islast else na(float), "Pearson's R")
