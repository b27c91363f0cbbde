"""
@pyne

Moving Average Simple, TradingView built-in, ported line by line with its "Smoothing" section.
Pine source: deepentropy/oakscriptJS, docs/official/indicators_standard/Moving Average Simple.pine,
commit be99ba4eca42b59ad4bf48ccb7bd21020b029b43.
"""
from pynecore.lib import script, input, plot, ta, close, na

CASE = {"study": "Moving Average", "inputs": {"Length": 9},
        "outputs": {"MA": "ma", "SMA-based MA": "smoothing"},
        "runs": [{"inputs": {"len": 20, "maTypeInput": "EMA", "maLengthInput": 5},
                  "template": {"Length": 20, "Type": "EMA", "in_4": 5}}]}


def ma(source, length, MAtype):
    if MAtype == "SMA":
        return ta.sma(source, length)
    elif MAtype == "SMA + Bollinger Bands":
        return ta.sma(source, length)
    elif MAtype == "EMA":
        return ta.ema(source, length)
    elif MAtype == "SMMA (RMA)":
        return ta.rma(source, length)
    elif MAtype == "WMA":
        return ta.wma(source, length)
    elif MAtype == "VWMA":
        return ta.vwma(source, length)


@script.indicator(title="Moving Average Simple", shorttitle="SMA", overlay=True)
def main(len=input.int(9, minval=1, title="Length"), src=input(close, title="Source"),
         offset=input.int(title="Offset", defval=0, minval=-500, maxval=500),
         maTypeInput=input.string("None", "Type", options=["None", "SMA", "SMA + Bollinger Bands", "EMA", "SMMA (RMA)",
                                                            "WMA", "VWMA"]),
         maLengthInput=input.int(14, "Length"), bbMultInput=input.float(2.0, "BB StdDev", minval=0.001, maxval=50)):
    out = ta.sma(src, len)
    plot(out, title="MA")
    enableMA = maTypeInput != "None"
    smoothingMA = ma(out, maLengthInput, maTypeInput) if enableMA else na
    plot(smoothingMA, "SMA-based MA")
