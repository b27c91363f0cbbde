"""
@pyne

Triple EMA: TradingView built-in "Triple EMA", ported line by line (plots without colours and offsets).
Pine source: deepentropy/oakscriptJS, docs/official/indicators_standard/Triple EMA.pine,
commit be99ba4eca42b59ad4bf48ccb7bd21020b029b43.
"""
from pynecore.lib import script, input, plot, ta, close

CASE = {'study': 'Triple EMA', 'inputs': {}, 'outputs': {'TEMA': 'tema'}, 'runs': [{'inputs': {'length': 5}, 'template': {'Length': 5}}]}


@script.indicator(title="Triple EMA", shorttitle="TEMA", overlay=True)
def main(length=input.int(9, minval=1, title="Length")):
    ema1 = ta.ema(close, length)
    ema2 = ta.ema(ema1, length)
    ema3 = ta.ema(ema2, length)
    out = 3 * (ema1 - ema2) + ema3
    plot(out, "TEMA")
