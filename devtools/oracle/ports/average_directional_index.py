"""
@pyne

Average Directional Index, TradingView built-in, ported line by line.
Pine source: deepentropy/oakscriptJS, docs/official/indicators_standard/Average Directional Index.pine,
commit be99ba4eca42b59ad4bf48ccb7bd21020b029b43.
"""
from pynecore.lib import script, input, plot, ta, high, low, math, na, fixnan

CASE = {"study": "Average Directional Index", "inputs": {"ADX Smoothing": 14, "DI Length": 14},
        "outputs": {"ADX": "adx"},
        "runs": [{"inputs": {"adxlen": 9, "dilen": 20}, "template": {"ADX Smoothing": 9, "DI Length": 20}}]}


def dirmov(len):
    up = ta.change(high)
    down = -ta.change(low)
    plusDM = na if na(up) else (up if up > down and up > 0 else 0)
    minusDM = na if na(down) else (down if down > up and down > 0 else 0)
    truerange = ta.rma(ta.tr, len)
    plus = fixnan(100 * ta.rma(plusDM, len) / truerange)
    minus = fixnan(100 * ta.rma(minusDM, len) / truerange)
    return plus, minus


def adx(dilen, adxlen):
    plus, minus = dirmov(dilen)
    sum = plus + minus
    adx = 100 * ta.rma(math.abs(plus - minus) / (1 if sum == 0 else sum), adxlen)
    return adx


@script.indicator("Average Directional Index", shorttitle="ADX")
def main(adxlen=input(14, title="ADX Smoothing"), dilen=input(14, title="DI Length")):
    sig = adx(dilen, adxlen)
    plot(sig, title="ADX")
