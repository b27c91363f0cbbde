"""
@pyne

Smoothed Moving Average: TradingView built-in "Smoothed Moving Average", ported line by line (plots without colours and offsets).
Pine source: deepentropy/oakscriptJS, docs/official/indicators_standard/Smoothed Moving Average.pine,
commit be99ba4eca42b59ad4bf48ccb7bd21020b029b43.
"""
from pynecore.lib import script, input, plot, ta, close, na
from pynecore.types import Series

CASE = {'study': 'Smoothed Moving Average', 'inputs': {}, 'outputs': {'SMMA': 'smma'}, 'runs': [{'inputs': {'len': 20}, 'template': {'Length': 20}}]}


@script.indicator(title="Smoothed Moving Average", shorttitle="SMMA", overlay=True)
def main(len=input.int(7, minval=1, title="Length"), src=input(close, title="Source")):
    smma: Series[float] = 0.0
    smma = ta.sma(src, len) if na(smma[1]) else (smma[1] * (len - 1) + src) / len
    plot(smma, "SMMA")
