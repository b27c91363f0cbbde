"""
@pyne

Stochastic Momentum Index, TradingView built-in, ported line by line (plots without colours; the gradient fills left out).
Pine source: deepentropy/oakscriptJS, docs/official/indicators_standard/Stochastic Momentum Index.pine,
commit be99ba4eca42b59ad4bf48ccb7bd21020b029b43.
"""
from pynecore.lib import script, input, plot, ta, close

CASE = {"study": "Stochastic Momentum Index", "inputs": {}, "outputs": {"SMI": "smi", "SMI-based EMA": "ema"},
        "runs": [{"inputs": {"lengthK": 5, "lengthD": 2, "lengthEMA": 4},
                  "template": {"%K Length": 5, "%D Length": 2, "EMA Length": 4}}]}


@script.indicator("Stochastic Momentum Index", "SMI")
def main(lengthK=input.int(10, "%K Length", minval=1, maxval=15000),
         lengthD=input.int(3, "%D Length", minval=1, maxval=4999),
         lengthEMA=input.int(3, "EMA Length", minval=1, maxval=4999)):

    def emaEma(source, length):
        return ta.ema(ta.ema(source, length), length)

    highestHigh = ta.highest(lengthK)
    lowestLow = ta.lowest(lengthK)
    highestLowestRange = highestHigh - lowestLow
    relativeRange = close - (highestHigh + lowestLow) / 2
    smi = 200 * (emaEma(relativeRange, lengthD) / emaEma(highestLowestRange, lengthD))
    plot(smi, "SMI")
    plot(ta.ema(smi, lengthEMA), "SMI-based EMA")
