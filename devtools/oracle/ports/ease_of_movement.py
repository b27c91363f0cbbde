"""
@pyne

Ease of Movement: TradingView built-in "Ease of Movement", ported line by line (plots without colours and offsets).
Pine source: deepentropy/oakscriptJS, docs/official/indicators_standard/Ease of Movement.pine,
commit be99ba4eca42b59ad4bf48ccb7bd21020b029b43.
"""
from pynecore.lib import script, input, plot, ta, high, low, hl2, volume

CASE = {'study': 'Ease of Movement', 'inputs': {}, 'outputs': {'EOM': 'eom'}}


@script.indicator(title="Ease of Movement", shorttitle="EOM")
def main(length=input.int(14, minval=1, title="Length"), div=input.int(10000, title="Divisor", minval=1)):
    eom = ta.sma(div * ta.change(hl2) * (high - low) / volume, length)
    plot(eom, "EOM")
