"""
@pyne

Elder Force Index, TradingView built-in, ported line by line (the no-volume runtime error left out).
Pine source: deepentropy/oakscriptJS, docs/official/indicators_standard/Elder Force Index.pine,
commit be99ba4eca42b59ad4bf48ccb7bd21020b029b43.
"""
from pynecore.lib import script, input, plot, ta, close, volume

CASE = {"study": "Elder Force Index", "inputs": {}, "outputs": {"Elder Force Index": "efi"},
        "runs": [{"inputs": {"length": 5}, "template": {"length": 5}}]}


@script.indicator(title="Elder Force Index", shorttitle="EFI")
def main(length=input.int(13, minval=1)):
    efi = ta.ema(ta.change(close) * volume, length)
    plot(efi, title="Elder Force Index")
