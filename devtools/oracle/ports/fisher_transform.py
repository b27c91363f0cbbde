"""
@pyne

Fisher Transform, TradingView built-in, ported line by line (plots without colours).
Pine source: deepentropy/oakscriptJS, docs/official/indicators_standard/Fisher Transform.pine,
commit be99ba4eca42b59ad4bf48ccb7bd21020b029b43.
"""
from pynecore.lib import script, input, plot, ta, hl2, math, nz
from pynecore.types import Series

CASE = {"study": "Fisher Transform", "inputs": {}, "outputs": {"Fisher": "fisher", "Trigger": "trigger"},
        "runs": [{"inputs": {"len": 4}, "template": {"Length": 4}}]}


def round_(val):
    return .999 if val > .99 else (-.999 if val < -.99 else val)


@script.indicator(title="Fisher Transform", shorttitle="Fisher")
def main(len=input.int(9, minval=1, title="Length")):
    high_ = ta.highest(hl2, len)
    low_ = ta.lowest(hl2, len)
    value: Series[float] = 0.0
    value = round_(.66 * ((hl2 - low_) / (high_ - low_) - .5) + .67 * nz(value[1]))
    fish1: Series[float] = 0.0
    fish1 = .5 * math.log((1 + value) / (1 - value)) + .5 * nz(fish1[1])
    fish2 = fish1[1]
    plot(fish1, title="Fisher")
    plot(fish2, title="Trigger")
