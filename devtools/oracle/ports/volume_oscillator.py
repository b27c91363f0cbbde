"""
@pyne

Volume Oscillator, TradingView built-in, ported line by line (plot without colour; the
"no volume" runtime error left out: ours notes it in the legend).
Pine source: deepentropy/oakscriptJS, docs/official/indicators_standard/Volume Oscillator.pine,
commit be99ba4eca42b59ad4bf48ccb7bd21020b029b43.
"""
from pynecore.lib import script, input, plot, ta, volume

CASE = {"study": "Volume Oscillator", "inputs": {}, "outputs": {"Plot": "osc"},
        "runs": [{"inputs": {"shortlen": 3, "longlen": 20}, "template": {"Short Length": 3, "Long Length": 20}}]}


@script.indicator(title="Volume Oscillator", shorttitle="Volume Osc")
def main(shortlen=input.int(5, minval=1, title="Short Length"), longlen=input.int(10, minval=1, title="Long Length")):
    short = ta.ema(volume, shortlen)
    long = ta.ema(volume, longlen)
    osc = 100 * (short - long) / long
    plot(osc, "Plot")
