"""
@pyne

Chaikin Money Flow: TradingView built-in "Chaikin Money Flow", ported line by line (plots without colours and offsets).
Pine source: deepentropy/oakscriptJS, docs/official/indicators_standard/Chaikin Money Flow.pine,
commit be99ba4eca42b59ad4bf48ccb7bd21020b029b43.
"""
from pynecore.lib import script, input, plot, close, high, low, volume, math

CASE = {'study': 'Chaikin Money Flow', 'inputs': {}, 'outputs': {'CMF': 'cmf'}, 'runs': [{'inputs': {'length': 5}, 'template': {'Length': 5}}]}


@script.indicator(title="Chaikin Money Flow", shorttitle="CMF")
def main(length=input.int(20, minval=1, title="Length")):
    ad = 0 if (close == high and close == low or high == low) else ((2 * close - low - high) / (high - low)) * volume
    mf = math.sum(ad, length) / math.sum(volume, length)
    plot(mf, "CMF")
