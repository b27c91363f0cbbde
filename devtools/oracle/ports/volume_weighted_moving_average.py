"""
@pyne

Volume Weighted Moving Average, TradingView built-in, ported line by line (plot without colour and offset).
Pine source: deepentropy/oakscriptJS, docs/official/indicators_standard/Volume Weighted Moving Average.pine,
commit be99ba4eca42b59ad4bf48ccb7bd21020b029b43.
"""
from pynecore.lib import script, input, plot, ta, close

CASE = {"study": "Volume Weighted Moving Average", "inputs": {}, "outputs": {"VWMA": "vwma"},
        "runs": [{"inputs": {"len": 5}, "template": {"Length": 5}}]}


@script.indicator(title="Volume Weighted Moving Average", shorttitle="VWMA", overlay=True)
def main(len=input.int(20, "Length", minval=1), src=input(close, "Source"),
         offset=input.int(0, "Offset", minval=-500, maxval=500)):
    ma = ta.vwma(src, len)
    plot(ma, title="VWMA")
