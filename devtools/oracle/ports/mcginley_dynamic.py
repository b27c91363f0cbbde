"""
@pyne

McGinley Dynamic, TradingView built-in, ported line by line (plot without colour).
Pine source: deepentropy/oakscriptJS, docs/official/indicators_standard/McGinley Dynamic.pine,
commit be99ba4eca42b59ad4bf48ccb7bd21020b029b43.
"""
from pynecore.lib import script, input, plot, ta, close, math, na
from pynecore.types import Series

CASE = {"study": "McGinley Dynamic", "inputs": {}, "outputs": {"McGinley Dynamic": "mg"},
        "runs": [{"inputs": {"length": 5}, "template": {"length": 5}}]}


@script.indicator(title="McGinley Dynamic", overlay=True)
def main(length=input.int(14, minval=1)):
    source = close
    mg: Series[float] = 0.0
    mg = ta.ema(source, length) if na(mg[1]) else mg[1] + (source - mg[1]) / (length * math.pow(source / mg[1], 4))
    plot(mg, "McGinley Dynamic")
