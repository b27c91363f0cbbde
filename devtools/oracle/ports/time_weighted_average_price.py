"""
@pyne

Time Weighted Average Price, TradingView built-in, ported line by line (plot without colour and
offset; the twap function inlined).
Pine source: deepentropy/oakscriptJS, docs/official/indicators_standard/Time Weighted Average Price.pine,
commit be99ba4eca42b59ad4bf48ccb7bd21020b029b43.
"""
from pynecore.lib import script, input, plot, ohlc4, timeframe
from pynecore.types import Persistent

CASE = {"study": "Time Weighted Average Price", "inputs": {}, "outputs": {"TWAP": "twap"},
        "runs": [{"inputs": {"anchor": "1W"}, "template": {"Anchor Period": "1W"}},
                 {"inputs": {"anchor": "1M"}, "template": {"Anchor Period": "1M"}}]}


@script.indicator(title="Time Weighted Average Price", shorttitle="TWAP", overlay=True)
def main(anchor=input.timeframe(defval="1D", title="Anchor Period"), src=input(title="Source", defval=ohlc4),
         offset=input(0, title="Offset")):
    prices: Persistent[float] = 0.0
    count: Persistent[int] = 0
    if timeframe.change(anchor):
        prices = 0
        count = 0
    prices += src
    count += 1
    plot(prices / count, title="TWAP")
