"""
@pyne

Trend Strength Index, TradingView built-in, ported line by line (plot without colours; the colour inputs and gradient fills left out).
Pine source: deepentropy/oakscriptJS, docs/official/indicators_standard/Trend Strength Index.pine,
commit be99ba4eca42b59ad4bf48ccb7bd21020b029b43.
"""
from pynecore.lib import script, input, plot, ta, close, bar_index

CASE = {"study": "Trend Strength Index", "inputs": {}, "outputs": {"Trend Strength Index": "tsi"},
        "runs": [{"inputs": {"period": 5}, "template": {"Length": 5}}]}


@script.indicator("Trend Strength Index", shorttitle="TSI")
def main(period=input.int(14, "Length", minval=2)):
    tsi = ta.correlation(close, bar_index, period)
    plot(tsi, "Trend Strength Index")
