"""
@pyne

Stochastic, TradingView built-in, ported line by line.
Pine source: deepentropy/oakscriptJS, docs/official/indicators_standard/Stochastic.pine,
commit be99ba4eca42b59ad4bf48ccb7bd21020b029b43.
"""
from pynecore.lib import script, input, plot, ta, close, high, low

CASE = {"study": "Stochastic", "inputs": {}, "outputs": {"%K": "k", "%D": "d"},
        "runs": [{"inputs": {"periodK": 9, "smoothK": 3, "periodD": 5},
                  "template": {"%K Length": 9, "%K Smoothing": 3, "%D Smoothing": 5}}]}


@script.indicator(title="Stochastic", shorttitle="Stoch")
def main(periodK=input.int(14, title="%K Length", minval=1), smoothK=input.int(1, title="%K Smoothing", minval=1),
         periodD=input.int(3, title="%D Smoothing", minval=1)):
    k = ta.sma(ta.stoch(close, high, low, periodK), smoothK)
    d = ta.sma(k, periodD)
    plot(k, title="%K")
    plot(d, title="%D")
