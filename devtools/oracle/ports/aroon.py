"""
@pyne

Aroon, TradingView built-in, ported line by line.
Pine source: deepentropy/oakscriptJS, docs/official/indicators_standard/Aroon.pine,
commit be99ba4eca42b59ad4bf48ccb7bd21020b029b43.
"""
from pynecore.lib import script, input, plot, ta, high, low

CASE = {"study": "Aroon", "inputs": {}, "outputs": {"Aroon Up": "up", "Aroon Down": "down"},
        "runs": [{"inputs": {"length": 5}, "template": {"Length": 5}}]}


@script.indicator(title="Aroon", shorttitle="Aroon")
def main(length=input.int(14, minval=1, title="Length")):
    upper = 100 * (ta.highestbars(high, length + 1) + length) / length
    lower = 100 * (ta.lowestbars(low, length + 1) + length) / length
    plot(upper, "Aroon Up")
    plot(lower, "Aroon Down")
