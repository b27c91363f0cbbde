"""
@pyne

Chande Momentum Oscillator: TradingView built-in "Chande Momentum Oscillator", ported line by line (plots without colours and offsets).
Pine source: deepentropy/oakscriptJS, docs/official/indicators_standard/Chande Momentum Oscillator.pine,
commit be99ba4eca42b59ad4bf48ccb7bd21020b029b43.
"""
from pynecore.lib import script, input, plot, ta, close, math

CASE = {'study': 'Chande Momentum Oscillator', 'inputs': {}, 'outputs': {'Chande MO': 'cmo'}, 'runs': [{'inputs': {'length': 20}, 'template': {'Length': 20}}]}


@script.indicator(title="Chande Momentum Oscillator", shorttitle="ChandeMO")
def main(length=input.int(9, minval=1, title="Length"), src=input(close, "Source")):
    momm = ta.change(src)
    m1 = momm if momm >= 0.0 else 0.0
    m2 = 0.0 if momm >= 0.0 else -momm
    sm1 = math.sum(m1, length)
    sm2 = math.sum(m2, length)
    chandeMO = 100 * (sm1 - sm2) / (sm1 + sm2)
    plot(chandeMO, "Chande MO")
