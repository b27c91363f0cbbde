"""
@pyne

Coppock Curve: TradingView built-in "Coppock Curve", ported line by line (plots without colours and offsets).
Pine source: deepentropy/oakscriptJS, docs/official/indicators_standard/Coppock Curve.pine,
commit be99ba4eca42b59ad4bf48ccb7bd21020b029b43.
"""
from pynecore.lib import script, input, plot, ta, close

CASE = {'study': 'Coppock Curve', 'inputs': {}, 'outputs': {'Coppock Curve': 'curve'}}


@script.indicator(title="Coppock Curve")
def main(wmaLength=input(title="WMA Length", defval=10), longRoCLength=input(title="Long RoC Length", defval=14),
         shortRoCLength=input(title="Short RoC Length", defval=11)):
    source = close
    curve = ta.wma(ta.roc(source, longRoCLength) + ta.roc(source, shortRoCLength), wmaLength)
    plot(curve, "Coppock Curve")
