"""
@pyne

Bollinger BandWidth, TradingView built-in, ported line by line (plots without colours).
Pine source: deepentropy/oakscriptJS, docs/official/indicators_standard/Bollinger BandWidth.pine,
commit be99ba4eca42b59ad4bf48ccb7bd21020b029b43.
"""
from pynecore.lib import script, input, plot, ta, close

CASE = {"study": "Bollinger BandWidth", "inputs": {},
        "outputs": {"Bollinger BandWidth": "bbw", "Highest Expansion": "highest", "Lowest Contraction": "lowest"},
        "runs": [{"inputs": {"length": 10, "mult": 1.5, "expansionLengthInput": 50, "contractionLengthInput": 30},
                  "template": {"length": 10, "StdDev": 1.5, "Highest Expansion Length": 50,
                               "Lowest Contraction Length": 30}}]}


@script.indicator(title="Bollinger BandWidth", shorttitle="BBW")
def main(length=input.int(20, minval=1), src=input(close, title="Source"),
         mult=input.float(2.0, minval=0.001, maxval=50, title="StdDev"),
         expansionLengthInput=input.int(125, "Highest Expansion Length"),
         contractionLengthInput=input.int(125, "Lowest Contraction Length")):
    basis = ta.sma(src, length)
    dev = mult * ta.stdev(src, length)
    upper = basis + dev
    lower = basis - dev
    bbw = ((upper - lower) / basis) * 100
    plot(bbw, "Bollinger BandWidth")
    plot(ta.highest(bbw, expansionLengthInput), "Highest Expansion")
    plot(ta.lowest(bbw, contractionLengthInput), "Lowest Contraction")
