"""
@pyne

Double EMA: TradingView built-in "Double EMA", ported line by line (plots without colours and offsets).
Pine source: deepentropy/oakscriptJS, docs/official/indicators_standard/Double EMA.pine,
commit be99ba4eca42b59ad4bf48ccb7bd21020b029b43.
"""
from pynecore.lib import script, input, plot, ta, close

CASE = {'study': 'Double EMA', 'inputs': {}, 'outputs': {'DEMA': 'dema'}, 'runs': [{'inputs': {'length': 20}, 'template': {'Length': 20}}]}


@script.indicator(title="Double EMA", shorttitle="DEMA", overlay=True)
def main(length=input.int(9, minval=1, title="Length"), src=input(close, title="Source")):
    e1 = ta.ema(src, length)
    e2 = ta.ema(e1, length)
    dema = 2 * e1 - e2
    plot(dema, "DEMA")
