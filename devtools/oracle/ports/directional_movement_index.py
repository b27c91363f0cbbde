"""
@pyne

Directional Movement Index, TradingView built-in, ported line by line.
Pine source: deepentropy/oakscriptJS, docs/official/indicators_standard/Directional Movement Index.pine,
commit be99ba4eca42b59ad4bf48ccb7bd21020b029b43.
"""
from pynecore.lib import script, input, plot, ta, high, low, math, na, fixnan

CASE = {"study": "Directional Movement", "inputs": {"ADX Smoothing": 14, "DI Length": 14},
        "outputs": {"ADX": "adx", "+DI": "plus_di", "-DI": "minus_di"},
        "runs": [{"inputs": {"lensig": 9, "len": 20}, "template": {"ADX Smoothing": 9, "DI Length": 20}}]}


@script.indicator(title="Directional Movement Index", shorttitle="DMI")
def main(lensig=input.int(14, title="ADX Smoothing", minval=1), len=input.int(14, minval=1, title="DI Length")):
    up = ta.change(high)
    down = -ta.change(low)
    plusDM = na if na(up) else (up if up > down and up > 0 else 0)
    minusDM = na if na(down) else (down if down > up and down > 0 else 0)
    trur = ta.rma(ta.tr, len)
    plus = fixnan(100 * ta.rma(plusDM, len) / trur)
    minus = fixnan(100 * ta.rma(minusDM, len) / trur)
    sum = plus + minus
    adx = 100 * ta.rma(math.abs(plus - minus) / (1 if sum == 0 else sum), lensig)
    plot(adx, title="ADX")
    plot(plus, title="+DI")
    plot(minus, title="-DI")
