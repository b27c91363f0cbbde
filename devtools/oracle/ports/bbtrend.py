"""
@pyne

BBTrend, TradingView built-in, ported line by line (plot without colours).
Pine source: deepentropy/oakscriptJS, docs/official/indicators_standard/BBTrend.pine,
commit be99ba4eca42b59ad4bf48ccb7bd21020b029b43.
"""
from pynecore.lib import script, input, plot, ta, close, math

CASE = {"study": "BBTrend", "inputs": {}, "outputs": {"BBTrend": "bbtrend"},
        "runs": [{"inputs": {"shortLengthInput": 10, "longLengthInput": 30, "stdDevMultInput": 1.5},
                  "template": {"Short BB Length": 10, "Long BB Length": 30, "StdDev": 1.5}}]}


@script.indicator("BBTrend")
def main(shortLengthInput=input.int(20, "Short BB Length", minval=1),
         longLengthInput=input.int(50, "Long BB Length", minval=1),
         stdDevMultInput=input.float(2.0, "StdDev", minval=0.001)):
    shortMiddle, shortUpper, shortLower = ta.bb(close, shortLengthInput, stdDevMultInput)
    longMiddle, longUpper, longLower = ta.bb(close, longLengthInput, stdDevMultInput)
    BBTrend = (math.abs(shortLower - longLower) - math.abs(shortUpper - longUpper)) / shortMiddle * 100
    plot(BBTrend, "BBTrend")
