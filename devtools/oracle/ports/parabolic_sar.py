"""
@pyne

Parabolic SAR, TradingView built-in, ported line by line.
Pine source: deepentropy/oakscriptJS, docs/official/indicators_standard/Parabolic SAR.pine,
commit be99ba4eca42b59ad4bf48ccb7bd21020b029b43.
``ta.sar`` itself follows the Pine code of its reference entry (codenamedevan/pinescriptv6,
reference/functions/ta.md, commit 3dbf5212688b446f6d2b5a9c61fe0565064b3d24): PyneCore's own
``ta.sar`` picks the first direction from ``high[1] > high`` where the reference says
``close > close[1]``, and the reference is what TradingView documents.
"""
from pynecore.lib import script, input, plot, bar_index, close, high, low, math, na
from pynecore.types import Persistent

CASE = {"study": "Parabolic SAR", "inputs": {"start": 0.02, "increment": 0.02, "maximum": 0.2},
        "outputs": {"ParabolicSAR": "sar"},
        "runs": [{"inputs": {"start": 0.01, "increment": 0.03, "maximum": 0.25},
                  "template": {"start": 0.01, "increment": 0.03, "maximum": 0.25}}]}


def pine_sar(start, inc, max):
    result: Persistent[float] = na
    maxMin: Persistent[float] = na
    acceleration: Persistent[float] = na
    isBelow: Persistent[bool] = False
    isFirstTrendBar = False

    if bar_index == 1:
        if close > close[1]:
            isBelow = True
            maxMin = high
            result = low[1]
        else:
            isBelow = False
            maxMin = low
            result = high[1]
        isFirstTrendBar = True
        acceleration = start

    result = result + acceleration * (maxMin - result)

    if isBelow:
        if result > low:
            isFirstTrendBar = True
            isBelow = False
            result = math.max(high, maxMin)
            maxMin = low
            acceleration = start
    else:
        if result < high:
            isFirstTrendBar = True
            isBelow = True
            result = math.min(low, maxMin)
            maxMin = high
            acceleration = start

    if not isFirstTrendBar:
        if isBelow:
            if high > maxMin:
                maxMin = high
                acceleration = math.min(acceleration + inc, max)
        else:
            if low < maxMin:
                maxMin = low
                acceleration = math.min(acceleration + inc, max)

    if isBelow:
        result = math.min(result, low[1])
        if bar_index > 1:
            result = math.min(result, low[2])
    else:
        result = math.max(result, high[1])
        if bar_index > 1:
            result = math.max(result, high[2])

    return result


@script.indicator(title="Parabolic SAR", shorttitle="SAR", overlay=True)
def main(start=input(0.02), increment=input(0.02), maximum=input(0.2, "Max value")):
    out = pine_sar(start, increment, maximum)
    plot(out, "ParabolicSAR")
