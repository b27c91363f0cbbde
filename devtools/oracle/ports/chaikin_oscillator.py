"""
@pyne

Chaikin Oscillator, TradingView built-in, ported line by line (the no-volume runtime error left out).
Pine source: deepentropy/oakscriptJS, docs/official/indicators_standard/Chaikin Oscillator.pine,
commit be99ba4eca42b59ad4bf48ccb7bd21020b029b43.
"""
from pynecore.lib import script, input, plot, ta

CASE = {"study": "Chaikin Oscillator", "inputs": {}, "outputs": {"Chaikin Oscillator": "osc"},
        "runs": [{"inputs": {"short": 5, "long": 20}, "template": {"Fast Length": 5, "Slow Length": 20}}]}


@script.indicator(title="Chaikin Oscillator", shorttitle="Chaikin Osc")
def main(short=input.int(3, minval=1, title="Fast Length"), long=input.int(10, minval=1, title="Slow Length")):
    osc = ta.ema(ta.accdist, short) - ta.ema(ta.accdist, long)
    plot(osc, title="Chaikin Oscillator")
