"""
@pyne

Williams Percent Range, TradingView built-in, ported line by line.
Pine source: deepentropy/oakscriptJS, docs/official/indicators_standard/Williams Percent Range.pine,
commit be99ba4eca42b59ad4bf48ccb7bd21020b029b43.
"""
from pynecore.lib import script, input, plot, ta, close

CASE = {"study": "Williams Percent Range", "inputs": {}, "outputs": {"%R": "r"},
        "runs": [{"inputs": {"length": 5}, "template": {"Length": 5}}]}


@script.indicator("Williams Percent Range", shorttitle="Williams %R")
def main(length=input(title="Length", defval=14), src=input(close, "Source")):
    def _pr(length):
        max = ta.highest(length)
        min = ta.lowest(length)
        return 100 * (src - max) / (max - min)
    percentR = _pr(length)
    plot(percentR, title="%R")
