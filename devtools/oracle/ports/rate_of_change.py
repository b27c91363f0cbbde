"""
@pyne

Rate Of Change: TradingView built-in "Rate Of Change", ported line by line (plots without colours and offsets).
Pine source: deepentropy/oakscriptJS, docs/official/indicators_standard/Rate Of Change.pine,
commit be99ba4eca42b59ad4bf48ccb7bd21020b029b43.
"""
from pynecore.lib import script, input, plot, close
from pynecore.types import Series

CASE = {'study': 'Rate Of Change', 'inputs': {}, 'outputs': {'ROC': 'roc'}, 'runs': [{'inputs': {'length': 3}, 'template': {'Length': 3}}]}


@script.indicator(title="Rate Of Change", shorttitle="ROC")
def main(length=input.int(9, minval=1, title="Length"), source=input(close, "Source")):
    s: Series[float] = source  # a history for source[length]
    roc = 100 * (s - s[length]) / s[length]
    plot(roc, title="ROC")
