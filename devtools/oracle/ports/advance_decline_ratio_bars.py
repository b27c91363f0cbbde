"""
@pyne

Advance/Decline Ratio (Bars), TradingView built-in, ported line by line.
Pine source: deepentropy/oakscriptJS, docs/official/indicators_standard/Advance_Decline Ratio (Bars).pine,
commit be99ba4eca42b59ad4bf48ccb7bd21020b029b43.
"""
from pynecore.lib import script, input, plot, math, close, open

CASE = {"study": "Advance/Decline Ratio (Bars)", "inputs": {}, "outputs": {"ADR_B": "ad"},
        "runs": [{"inputs": {"length": 4}, "template": {"length": 4}}]}


@script.indicator("Advance/Decline Ratio (Bars)", shorttitle="ADR_B")
def main(length=input.int(9, minval=1)):
    isUp = (close - open) >= 0.0
    upBars = math.sum(1 if isUp else 0, length)
    downBars = math.sum(1 if not isUp else 0, length)
    ad = upBars if downBars == 0 else upBars / downBars
    plot(ad, "ADR_B")
