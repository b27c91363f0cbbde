"""
@pyne

Choppiness Index: TradingView built-in "Choppiness Index", ported line by line (plots without colours and offsets).
Pine source: deepentropy/oakscriptJS, docs/official/indicators_standard/Choppiness Index.pine,
commit be99ba4eca42b59ad4bf48ccb7bd21020b029b43.
"""
from pynecore.lib import script, input, plot, ta, math

CASE = {'study': 'Choppiness Index', 'inputs': {}, 'outputs': {'CHOP': 'chop'}, 'runs': [{'inputs': {'length': 5}, 'template': {'Length': 5}}]}


@script.indicator(title="Choppiness Index", shorttitle="CHOP")
def main(length=input.int(14, minval=1, title="Length")):
    ci = 100 * math.log10(math.sum(ta.atr(1), length) / (ta.highest(length) - ta.lowest(length))) / math.log10(length)
    plot(ci, "CHOP")
