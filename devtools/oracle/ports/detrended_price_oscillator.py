"""
@pyne

Detrended Price Oscillator, TradingView built-in, ported line by line (plot without colour and offset).
Pine source: deepentropy/oakscriptJS, docs/official/indicators_standard/Detrended Price Oscillator.pine,
commit be99ba4eca42b59ad4bf48ccb7bd21020b029b43.
"""
from pynecore.lib import script, input, plot, ta, close
from pynecore.types import Series

CASE = {"study": "Detrended Price Oscillator", "inputs": {}, "outputs": {"DPO": "dpo"},
        "runs": [{"inputs": {"isCentered": True}, "template": {"Centered": True}},
                 {"inputs": {"period_": 10}, "template": {"Length": 10}},
                 {"inputs": {"period_": 10, "isCentered": True}, "template": {"Length": 10, "Centered": True}}]}


@script.indicator(title="Detrended Price Oscillator", shorttitle="DPO")
def main(period_=input.int(21, "Length", minval=1), isCentered=input(False, "Centered")):
    barsback = period_ / 2 + 1
    ma: Series[float] = ta.sma(close, period_)
    c: Series[float] = close
    dpo = c[barsback] - ma if isCentered else c - ma[barsback]
    plot(dpo, "DPO")
