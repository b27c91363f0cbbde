"""
@pyne

Balance of Power, TradingView built-in, ported line by line.
Pine source: deepentropy/oakscriptJS, docs/official/indicators_standard/Balance of Power.pine,
commit be99ba4eca42b59ad4bf48ccb7bd21020b029b43.
"""
from pynecore.lib import script, plot, close, open, high, low

CASE = {"study": "Balance of Power", "inputs": {}, "outputs": {"Plot": "bop"}}


@script.indicator(title="Balance of Power")
def main():
    plot((close - open) / (high - low), "Plot")
