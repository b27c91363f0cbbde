"""
@pyne

Stochastic RSI, TradingView built-in, ported line by line.
Pine source: deepentropy/oakscriptJS, docs/official/indicators_standard/Stochastic RSI.pine,
commit be99ba4eca42b59ad4bf48ccb7bd21020b029b43.
"""
from pynecore.lib import script, input, plot, ta, close

CASE = {"study": "Stochastic RSI", "inputs": {"K": 3, "D": 3, "RSI Length": 14, "Stochastic Length": 14},
        "outputs": {"K": "k", "D": "d"},
        "runs": [{"inputs": {"smoothK": 1, "smoothD": 5, "lengthRSI": 7, "lengthStoch": 10},
                  "template": {"K": 1, "D": 5, "RSI Length": 7, "Stochastic Length": 10}}]}


@script.indicator(title="Stochastic RSI", shorttitle="Stoch RSI")
def main(smoothK=input.int(3, "K", minval=1), smoothD=input.int(3, "D", minval=1),
         lengthRSI=input.int(14, "RSI Length", minval=1), lengthStoch=input.int(14, "Stochastic Length", minval=1),
         src=input(close, title="RSI Source")):
    rsi1 = ta.rsi(src, lengthRSI)
    k = ta.sma(ta.stoch(rsi1, rsi1, rsi1, lengthStoch), smoothK)
    d = ta.sma(k, smoothD)
    plot(k, "K")
    plot(d, "D")
