"""
@pyne

Price Oscillator, TradingView built-in, ported line by line (plots without colours).
Pine source: deepentropy/oakscriptJS, docs/official/indicators_standard/Price Oscillator.pine,
commit be99ba4eca42b59ad4bf48ccb7bd21020b029b43.
"""
from pynecore.lib import script, input, plot, ta, close

CASE = {"study": "Price Oscillator", "inputs": {},
        "outputs": {"Histogram": "hist", "PPO": "ppo", "Signal Line": "signal"},
        "runs": [{"inputs": {"exp": False}, "template": {"Use exponential MA": False}},
                 {"inputs": {"shortlen": 5, "longlen": 13, "signallen": 4},
                  "template": {"Short Length": 5, "Long Length": 13, "Signal Length": 4}}]}


@script.indicator(title="Price Oscillator", shorttitle="PPO")
def main(shortlen=input.int(12, "Short Length", minval=1), longlen=input.int(26, "Long Length", minval=1),
         signallen=input.int(9, "Signal Length", minval=1), src=input.source(close, title="Source"),
         exp=input.bool(True, "Use exponential MA")):

    def esma(source, length):
        s = ta.sma(source, length)
        e = ta.ema(source, length)
        return e if exp else s

    short = esma(src, shortlen)
    long = esma(src, longlen)
    po = (short - long) / long * 100
    sl = esma(po, signallen)
    hist = po - sl
    plot(hist, title="Histogram")
    plot(po, title="PPO")
    plot(sl, title="Signal Line")
