"""
@pyne

Bollinger Bands, TradingView built-in, ported line by line.
Pine source: deepentropy/oakscriptJS, docs/official/indicators_standard/Bollinger Bands.pine,
commit be99ba4eca42b59ad4bf48ccb7bd21020b029b43.
"""
from pynecore.lib import script, input, plot, ta, close

CASE = {"study": "Bollinger Bands", "inputs": {"Length": 20, "StdDev": 2.0},
        "outputs": {"Basis": "basis", "Upper": "upper", "Lower": "lower"},
        "runs": [{"inputs": {"maType": t, "length": 10, "mult": 1.5},
                  "template": {"Basis MA Type": t, "Length": 10, "StdDev": 1.5}}
                 for t in ("EMA", "SMMA (RMA)", "WMA", "VWMA")]}


def ma(source, length, _type):
    if _type == "SMA":
        return ta.sma(source, length)
    elif _type == "EMA":
        return ta.ema(source, length)
    elif _type == "SMMA (RMA)":
        return ta.rma(source, length)
    elif _type == "WMA":
        return ta.wma(source, length)
    elif _type == "VWMA":
        return ta.vwma(source, length)


@script.indicator(shorttitle="BB", title="Bollinger Bands", overlay=True)
def main(length=input.int(20, minval=1, title="Length"),
         maType=input.string("SMA", "Basis MA Type", options=["SMA", "EMA", "SMMA (RMA)", "WMA", "VWMA"]),
         src=input(close, title="Source"), mult=input.float(2.0, minval=0.001, maxval=50, title="StdDev")):
    basis = ma(src, length, maType)
    dev = mult * ta.stdev(src, length)
    upper = basis + dev
    lower = basis - dev
    plot(basis, "Basis")
    plot(upper, "Upper")
    plot(lower, "Lower")
