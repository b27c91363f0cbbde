"""
@pyne

Average Day Range, TradingView built-in, ported line by line (plot without colour).
Pine source: deepentropy/oakscriptJS, docs/official/indicators_standard/Average Day Range.pine,
commit be99ba4eca42b59ad4bf48ccb7bd21020b029b43.
"""
from pynecore.lib import script, input, plot, ta, high, low

CASE = {"study": "Average Day Range", "inputs": {}, "outputs": {"ADR": "adr"},
        "runs": [{"inputs": {"lengthInput": 5}, "template": {"Length": 5}}]}


@script.indicator("Average Day Range", shorttitle="ADR")
def main(lengthInput=input.int(14, title="Length")):
    adr = ta.sma(high - low, lengthInput)
    plot(adr, title="ADR")
