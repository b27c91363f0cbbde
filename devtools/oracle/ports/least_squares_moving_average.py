"""
@pyne

Least Squares Moving Average: TradingView built-in "Least Squares Moving Average", ported line by line (plots without colours and offsets).
Pine source: deepentropy/oakscriptJS, docs/official/indicators_standard/Least Squares Moving Average.pine,
commit be99ba4eca42b59ad4bf48ccb7bd21020b029b43.
"""
from pynecore.lib import script, input, plot, ta, close

CASE = {'study': 'Least Squares Moving Average', 'inputs': {}, 'outputs': {'LSMA': 'lsma'}, 'runs': [{'inputs': {'length': 10, 'offset': 2}, 'template': {'Length': 10, 'Offset': 2}}]}


@script.indicator(title="Least Squares Moving Average", shorttitle="LSMA", overlay=True)
def main(length=input(title="Length", defval=25), offset=input(title="Offset", defval=0), src=input(close, title="Source")):
    lsma = ta.linreg(src, length, offset)
    plot(lsma, "LSMA")
