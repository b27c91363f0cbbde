"""
@pyne

Rank Correlation Index, TradingView built-in, ported line by line (plots without colours).
Pine source: deepentropy/oakscriptJS, docs/official/indicators_standard/Rank Correlation Index.pine,
commit be99ba4eca42b59ad4bf48ccb7bd21020b029b43.
"""
from pynecore.lib import script, input, plot, ta, close, na

CASE = {"study": "Rank Correlation Index", "inputs": {},
        "outputs": {"RCI": "rci", "RCI-based MA": "smoothing", "Upper Bollinger Band": "smoothing_upper",
                    "Lower Bollinger Band": "smoothing_lower"},
        "runs": [{"inputs": {"length": 5}, "template": {"RCI Length": 5}}] +
                [{"inputs": {"maTypeInput": t, "maLengthInput": 9, "bbMultInput": 1.5},
                  "template": {"Type": t, "Length": 9, "BB StdDev": 1.5}}
                 for t in ("None", "SMA + Bollinger Bands", "EMA", "SMMA (RMA)", "WMA", "VWMA")]}


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


@script.indicator("Rank Correlation Index", "RCI")
def main(source=input.source(close, title="Source"), length=input.int(10, title="RCI Length", minval=1),
         maTypeInput=input.string("SMA", "Type", options=["None", "SMA", "SMA + Bollinger Bands", "EMA", "SMMA (RMA)",
                                                          "WMA", "VWMA"]),
         maLengthInput=input.int(14, "Length"), bbMultInput=input.float(2.0, "BB StdDev", minval=0.001, maxval=50)):
    src = ta.rci(source, length)
    plot(src, title="RCI")
    isBB = maTypeInput == "SMA + Bollinger Bands"
    enableMA = maTypeInput != "None"
    smoothingMA = ma(src, maLengthInput, maTypeInput) if enableMA else na
    smoothingStDev = ta.stdev(src, maLengthInput) * bbMultInput if isBB else na
    plot(smoothingMA, "RCI-based MA")
    plot(smoothingMA + smoothingStDev, title="Upper Bollinger Band")
    plot(smoothingMA - smoothingStDev, title="Lower Bollinger Band")
