"""
@pyne

SMI Ergodic Oscillator, TradingView built-in, ported line by line (plot without colour).
Pine source: deepentropy/oakscriptJS, docs/official/indicators_standard/SMI Ergodic Oscillator.pine,
commit be99ba4eca42b59ad4bf48ccb7bd21020b029b43.
"""
from pynecore.lib import script, input, plot, ta, close

CASE = {"study": "SMI Ergodic Oscillator", "inputs": {}, "outputs": {"SMI Ergodic Oscillator": "osc"},
        "runs": [{"inputs": {"longlen": 10, "shortlen": 3, "siglen": 4},
                  "template": {"Long Length": 10, "Short Length": 3, "Signal Line Length": 4}}]}


@script.indicator(title="SMI Ergodic Oscillator", shorttitle="SMIO")
def main(longlen=input.int(20, minval=1, title="Long Length"), shortlen=input.int(5, minval=1, title="Short Length"),
         siglen=input.int(5, minval=1, title="Signal Line Length")):
    erg = ta.tsi(close, shortlen, longlen)
    sig = ta.ema(erg, siglen)
    osc = erg - sig
    plot(osc, title="SMI Ergodic Oscillator")
