"""
@pyne

Ultimate Oscillator: TradingView built-in "Ultimate Oscillator", ported line by line (plots without colours and offsets).
Pine source: deepentropy/oakscriptJS, docs/official/indicators_standard/Ultimate Oscillator.pine,
commit be99ba4eca42b59ad4bf48ccb7bd21020b029b43.
"""
from pynecore.lib import script, input, plot, close, high, low, math

CASE = {'study': 'Ultimate Oscillator', 'inputs': {}, 'outputs': {'Oscillator': 'uo'}}


def average(bp, tr_, length):
    return math.sum(bp, length) / math.sum(tr_, length)


@script.indicator(title="Ultimate Oscillator", shorttitle="UO")
def main(length1=input.int(7, minval=1, title="Fast Length"), length2=input.int(14, minval=1, title="Middle Length"),
         length3=input.int(28, minval=1, title="Slow Length")):
    high_ = math.max(high, close[1])
    low_ = math.min(low, close[1])
    bp = close - low_
    tr_ = high_ - low_
    avg7 = average(bp, tr_, length1)
    avg14 = average(bp, tr_, length2)
    avg28 = average(bp, tr_, length3)
    out = 100 * (4 * avg7 + 2 * avg14 + avg28) / 7
    plot(out, title="Oscillator")
