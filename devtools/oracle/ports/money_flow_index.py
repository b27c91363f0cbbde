"""
@pyne

Money Flow Index, TradingView built-in, ported line by line.
Pine source: deepentropy/oakscriptJS, docs/official/indicators_standard/Money Flow Index.pine,
commit be99ba4eca42b59ad4bf48ccb7bd21020b029b43.
"""
from pynecore.lib import script, input, plot, ta, hlc3

CASE = {"study": "Money Flow Index", "inputs": {}, "outputs": {"MF": "mfi"},
        "runs": [{"inputs": {"length": 5}, "template": {"Length": 5}}]}


@script.indicator(title="Money Flow Index", shorttitle="MFI")
def main(length=input.int(title="Length", defval=14, minval=1, maxval=2000)):
    src = hlc3
    mf = ta.mfi(src, length)
    plot(mf, "MF")
