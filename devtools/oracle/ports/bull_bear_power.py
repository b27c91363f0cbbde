"""
@pyne

Bull Bear Power, TradingView built-in, ported line by line (plot without colours).
Pine source: deepentropy/oakscriptJS, docs/official/indicators_standard/Bull Bear Power.pine,
commit be99ba4eca42b59ad4bf48ccb7bd21020b029b43.
"""
from pynecore.lib import script, input, plot, ta, close, high, low

CASE = {"study": "Bull Bear Power", "inputs": {}, "outputs": {"BBPower": "bbp"},
        "runs": [{"inputs": {"lengthInput": 5}, "template": {"Length": 5}}]}


@script.indicator("Bull Bear Power", shorttitle="BBP")
def main(lengthInput=input.int(13, title="Length")):
    bullPower = high - ta.ema(close, lengthInput)
    bearPower = low - ta.ema(close, lengthInput)
    bbp = bullPower + bearPower
    plot(bbp, title="BBPower")
