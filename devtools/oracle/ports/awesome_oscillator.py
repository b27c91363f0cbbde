"""
@pyne

Awesome Oscillator: TradingView built-in "Awesome Oscillator", ported line by line (plots without colours and offsets).
Pine source: deepentropy/oakscriptJS, docs/official/indicators_standard/Awesome Oscillator.pine,
commit be99ba4eca42b59ad4bf48ccb7bd21020b029b43.
"""
from pynecore.lib import script, plot, ta, hl2

CASE = {'study': 'Awesome Oscillator', 'inputs': {}, 'outputs': {'AO': 'ao'}}


@script.indicator(title="Awesome Oscillator", shorttitle="AO")
def main():
    ao = ta.sma(hl2, 5) - ta.sma(hl2, 34)
    plot(ao, "AO")
