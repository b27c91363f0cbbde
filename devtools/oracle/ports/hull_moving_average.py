"""
@pyne

Hull Moving Average: TradingView built-in "Hull Moving Average", ported line by line (plots without colours and offsets).
Pine source: deepentropy/oakscriptJS, docs/official/indicators_standard/Hull Moving Average.pine,
commit be99ba4eca42b59ad4bf48ccb7bd21020b029b43.
"""
from pynecore.lib import script, input, plot, ta, close, math

CASE = {'study': 'Hull Moving Average', 'inputs': {}, 'outputs': {'HMA': 'hma'}, 'runs': [{'inputs': {'length': 16}, 'template': {'Length': 16}}]}


@script.indicator(title="Hull Moving Average", shorttitle="HMA", overlay=True)
def main(length=input.int(9, "Length", minval=2), src=input(close, "Source")):
    hullma = ta.wma(2 * ta.wma(src, length / 2) - ta.wma(src, length), math.floor(math.sqrt(length)))
    plot(hullma, "HMA")
