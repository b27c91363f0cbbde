"""
@pyne

Donchian Channels: TradingView built-in "Donchian Channels", ported line by line (plots without colours and offsets).
Pine source: deepentropy/oakscriptJS, docs/official/indicators_standard/Donchian Channels.pine,
commit be99ba4eca42b59ad4bf48ccb7bd21020b029b43.
"""
from pynecore.lib import script, input, plot, ta, math

CASE = {'study': 'Donchian Channels', 'inputs': {}, 'outputs': {'Basis': 'basis', 'Upper': 'upper', 'Lower': 'lower'}, 'runs': [{'inputs': {'length': 5}, 'template': {'Length': 5}}]}


@script.indicator(title="Donchian Channels", shorttitle="DC", overlay=True)
def main(length=input.int(20, minval=1, title="Length"), offset=input.int(0, "Offset")):
    lower = ta.lowest(length)
    upper = ta.highest(length)
    basis = math.avg(upper, lower)
    plot(basis, "Basis")
    plot(upper, "Upper")
    plot(lower, "Lower")
