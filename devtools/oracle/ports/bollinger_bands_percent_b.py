"""
@pyne

Bollinger Bands %b, TradingView built-in, ported line by line.
Pine source: deepentropy/oakscriptJS, docs/official/indicators_standard/Bollinger Bands %b.pine,
commit be99ba4eca42b59ad4bf48ccb7bd21020b029b43.
"""
from pynecore.lib import script, input, plot, ta, close

CASE = {"study": "Bollinger Bands %B", "inputs": {}, "outputs": {"Bollinger Bands %b": "bbr"},
        "runs": [{"inputs": {"length": 10, "mult": 1.5}, "template": {"Length": 10, "StdDev": 1.5}}]}


@script.indicator(title="Bollinger Bands %b", shorttitle="BB %b")
def main(length=input.int(20, "Length", minval=1), src=input(close, "Source"),
         mult=input.float(2.0, "StdDev", minval=0.001, maxval=50)):
    basis = ta.sma(src, length)
    dev = mult * ta.stdev(src, length)
    upper = basis + dev
    lower = basis - dev
    bbr = (src - lower) / (upper - lower)
    plot(bbr, "Bollinger Bands %b")
