"""
@pyne

Relative Vigor Index, TradingView built-in, ported line by line (plots without colours and offsets).
Pine source: deepentropy/oakscriptJS, docs/official/indicators_standard/Relative Vigor Index.pine,
commit be99ba4eca42b59ad4bf48ccb7bd21020b029b43.
"""
from pynecore.lib import script, input, plot, ta, close, open, high, low, math

CASE = {"study": "Relative Vigor Index", "inputs": {}, "outputs": {"RVGI": "rvgi", "Signal": "signal"},
        "runs": [{"inputs": {"len": 4}, "template": {"Length": 4}}]}


@script.indicator(title="Relative Vigor Index", shorttitle="RVGI")
def main(len=input.int(10, title="Length", minval=1), offset=input.int(0, "Offset", minval=-500, maxval=500)):
    rvi = math.sum(ta.swma(close - open), len) / math.sum(ta.swma(high - low), len)
    sig = ta.swma(rvi)
    plot(rvi, title="RVGI")
    plot(sig, title="Signal")
