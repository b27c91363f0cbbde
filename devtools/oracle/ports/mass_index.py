"""
@pyne

Mass Index: TradingView built-in "Mass Index", ported line by line (plots without colours and offsets).
Pine source: deepentropy/oakscriptJS, docs/official/indicators_standard/Mass Index.pine,
commit be99ba4eca42b59ad4bf48ccb7bd21020b029b43.
"""
from pynecore.lib import script, input, plot, ta, high, low, math

CASE = {'study': 'Mass Index', 'inputs': {}, 'outputs': {'Mass Index': 'mi'}}


@script.indicator(title="Mass Index")
def main(length=input.int(10, minval=1, title="Length")):
    span = high - low
    mi = math.sum(ta.ema(span, 9) / ta.ema(ta.ema(span, 9), 9), length)
    plot(mi, "Mass Index")
