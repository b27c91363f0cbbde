"""
@pyne

Chande Kroll Stop, TradingView built-in, ported line by line (plots without colours).
Pine source: deepentropy/oakscriptJS, docs/official/indicators_standard/Chande Kroll Stop.pine,
commit be99ba4eca42b59ad4bf48ccb7bd21020b029b43.
"""
from pynecore.lib import script, input, plot, ta, high, low

CASE = {"study": "Chande Kroll Stop", "inputs": {}, "outputs": {"Stop Long": "stop_long", "Stop Short": "stop_short"},
        "runs": [{"inputs": {"p": 5, "x": 2, "q": 3},
                  "template": {"ATR Length (p)": 5, "ATR Coefficient (x)": 2, "Stop Length (q)": 3}}]}


@script.indicator(title="Chande Kroll Stop", overlay=True)
def main(p=input.int(10, minval=1, title="ATR Length (p)"), x=input.int(1, minval=1, title="ATR Coefficient (x)"),
         q=input.int(9, minval=1, title="Stop Length (q)")):
    first_high_stop = ta.highest(high, p) - x * ta.atr(p)
    first_low_stop = ta.lowest(low, p) + x * ta.atr(p)
    stop_short = ta.highest(first_high_stop, q)
    stop_long = ta.lowest(first_low_stop, q)
    plot(stop_long, title="Stop Long")
    plot(stop_short, title="Stop Short")
