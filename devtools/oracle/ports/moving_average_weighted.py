"""
@pyne

Moving Average Weighted: TradingView built-in "Moving Average Weighted", ported line by line (plots without colours and offsets).
Pine source: deepentropy/oakscriptJS, docs/official/indicators_standard/Moving Average Weighted.pine,
commit be99ba4eca42b59ad4bf48ccb7bd21020b029b43.
"""
from pynecore.lib import script, input, plot, ta, close

CASE = {'study': 'Moving Average Weighted', 'inputs': {}, 'outputs': {'WMA': 'wma'}, 'runs': [{'inputs': {'len': 20}, 'template': {'Length': 20}}]}


@script.indicator(title="Moving Average Weighted", shorttitle="WMA", overlay=True)
def main(len=input.int(9, minval=1, title="Length"), src=input(close, title="Source"),
         offset=input.int(title="Offset", defval=0, minval=-500, maxval=500)):
    out = ta.wma(src, len)
    plot(out, title="WMA")
