"""
@pyne

Supertrend, TradingView built-in, ported line by line.
Pine source: deepentropy/oakscriptJS, docs/official/indicators_standard/Supertrend.pine,
commit be99ba4eca42b59ad4bf48ccb7bd21020b029b43.
"""
from pynecore.lib import script, input, plot, ta, barstate, na

CASE = {"study": "Supertrend", "inputs": {}, "outputs": {"Up Trend": "up", "Down Trend": "down"},
        "runs": [{"inputs": {"atrPeriod": 7, "factor": 2.0}, "template": {"ATR Length": 7, "Factor": 2.0}}]}


@script.indicator("Supertrend", overlay=True)
def main(atrPeriod=input.int(10, "ATR Length", minval=1), factor=input.float(3.0, "Factor", minval=0.01)):
    supertrend, direction = ta.supertrend(factor, atrPeriod)
    supertrend = na if barstate.isfirst else supertrend
    plot(supertrend if direction < 0 else na, "Up Trend")
    plot(na if direction < 0 else supertrend, "Down Trend")
