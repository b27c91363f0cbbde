"""
@pyne

Accumulation/Distribution: TradingView built-in "Accumulation/Distribution", ported line by line (plots without colours and offsets).
Pine source: deepentropy/oakscriptJS, docs/official/indicators_standard/Accumulation_Distribution.pine,
commit be99ba4eca42b59ad4bf48ccb7bd21020b029b43.
"""
from pynecore.lib import script, plot, ta, close, high, low, volume

CASE = {'study': 'Accumulation/Distribution', 'inputs': {}, 'outputs': {'Accumulation/Distribution': 'ad'}}


@script.indicator(title="Accumulation/Distribution", shorttitle="Accum/Dist")
def main():
    ad = ta.cum(0 if (close == high and close == low or high == low) else ((2 * close - low - high) / (high - low)) * volume)
    plot(ad, title="Accumulation/Distribution")
