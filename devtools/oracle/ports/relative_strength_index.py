"""
@pyne

Relative Strength Index, TradingView built-in, ported line by line with its "Smoothing"
section (the divergence section, off by default and drawing markers only, left out).
Pine source: deepentropy/oakscriptJS, docs/official/indicators_standard/Relative Strength Index.pine,
commit be99ba4eca42b59ad4bf48ccb7bd21020b029b43.
"""
from pynecore.lib import script, input, plot, ta, close, math, na

CASE = {"study": "Relative Strength Index", "inputs": {"RSI Length": 14, "Type": "SMA", "Length": 14},
        "outputs": {"RSI": "rsi", "RSI-based MA": "smoothing", "Upper Bollinger Band": "smoothing_upper",
                    "Lower Bollinger Band": "smoothing_lower"},
        "runs": [{"inputs": {"maTypeInput": t, "maLengthInput": 9, "bbMultInput": 1.5},
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


@script.indicator(title="Relative Strength Index", shorttitle="RSI")
def main(rsiLengthInput=input.int(14, minval=1, title="RSI Length"), rsiSourceInput=input.source(close, "Source"),
         calculateDivergence=input.bool(False, title="Calculate Divergence"),
         maTypeInput=input.string("SMA", "Type", options=["None", "SMA", "SMA + Bollinger Bands", "EMA", "SMMA (RMA)",
                                                          "WMA", "VWMA"]),
         maLengthInput=input.int(14, "Length"), bbMultInput=input.float(2.0, "BB StdDev", minval=0.001, maxval=50)):
    change = ta.change(rsiSourceInput)
    up = ta.rma(math.max(change, 0), rsiLengthInput)
    down = ta.rma(-math.min(change, 0), rsiLengthInput)
    rsi = 100 if down == 0 else (0 if up == 0 else 100 - (100 / (1 + up / down)))
    plot(rsi, "RSI")
    isBB = maTypeInput == "SMA + Bollinger Bands"
    enableMA = maTypeInput != "None"
    smoothingMA = ma(rsi, maLengthInput, maTypeInput) if enableMA else na
    smoothingStDev = ta.stdev(rsi, maLengthInput) * bbMultInput if isBB else na
    plot(smoothingMA, "RSI-based MA")
    plot(smoothingMA + smoothingStDev, title="Upper Bollinger Band")
    plot(smoothingMA - smoothingStDev, title="Lower Bollinger Band")
