"""
@pyne

Vortex Indicator: TradingView built-in "Vortex Indicator", ported line by line (plots without colours and offsets).
Pine source: deepentropy/oakscriptJS, docs/official/indicators_standard/Vortex Indicator.pine,
commit be99ba4eca42b59ad4bf48ccb7bd21020b029b43.
"""
from pynecore.lib import script, input, plot, ta, high, low, math

CASE = {'study': 'Vortex Indicator', 'inputs': {}, 'outputs': {'VI +': 'plus', 'VI -': 'minus'}}


@script.indicator(title="Vortex Indicator", shorttitle="VI")
def main(period_=input.int(14, title="Length", minval=2)):
    VMP = math.sum(math.abs(high - low[1]), period_)
    VMM = math.sum(math.abs(low - high[1]), period_)
    STR = math.sum(ta.atr(1), period_)
    VIP = VMP / STR
    VIM = VMM / STR
    plot(VIP, title="VI +")
    plot(VIM, title="VI -")
