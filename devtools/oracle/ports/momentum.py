"""
@pyne

Momentum: TradingView built-in "Momentum", ported line by line (plots without colours and offsets).
Pine source: deepentropy/oakscriptJS, docs/official/indicators_standard/Momentum.pine,
commit be99ba4eca42b59ad4bf48ccb7bd21020b029b43.
"""
from pynecore.lib import script, input, plot, close
from pynecore.types import Series

CASE = {'study': 'Momentum', 'inputs': {}, 'outputs': {'MOM': 'mom'}, 'runs': [{'inputs': {'len': 3}, 'template': {'Length': 3}}]}


@script.indicator(title="Momentum", shorttitle="Mom")
def main(len=input.int(10, minval=1, title="Length"), src=input(close, title="Source")):
    s: Series[float] = src  # a history for src[len]
    mom = s - s[len]
    plot(mom, title="MOM")
