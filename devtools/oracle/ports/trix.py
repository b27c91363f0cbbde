"""
@pyne

TRIX: TradingView built-in "TRIX", ported line by line (plots without colours and offsets).
Pine source: deepentropy/oakscriptJS, docs/official/indicators_standard/TRIX.pine,
commit be99ba4eca42b59ad4bf48ccb7bd21020b029b43.
"""
from pynecore.lib import script, input, plot, ta, close, math

CASE = {'study': 'TRIX', 'inputs': {}, 'outputs': {'TRIX': 'trix'}, 'runs': [{'inputs': {'length': 5}, 'template': {'Length': 5}}]}


@script.indicator(title="TRIX", shorttitle="TRIX")
def main(length=input.int(18, minval=1, title="Length")):
    out = 10000 * ta.change(ta.ema(ta.ema(ta.ema(math.log(close), length), length), length))
    plot(out, title="TRIX")
