"""
@pyne

On Balance Volume, TradingView built-in, ported line by line with its "Smoothing" section
(the no-volume runtime error left out: our study says "no volume data" instead).
Pine source: deepentropy/oakscriptJS, docs/official/indicators_standard/On Balance Volume.pine,
commit be99ba4eca42b59ad4bf48ccb7bd21020b029b43.
"""
from pynecore.lib import script, input, plot, ta, close, volume, math, na

CASE = {"study": "On Balance Volume", "inputs": {},
        "outputs": {"OnBalanceVolume": "obv", "OBV-based MA": "smoothing", "Upper Bollinger Band": "smoothing_upper",
                    "Lower Bollinger Band": "smoothing_lower"},
        "runs": [{"inputs": {"maTypeInput": t, "maLengthInput": 14, "bbMultInput": 2.5},
                  "template": {"Type": t, "Length": 14, "BB StdDev": 2.5}}
                 for t in ("SMA", "SMA + Bollinger Bands", "EMA", "SMMA (RMA)", "WMA", "VWMA")]}


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


@script.indicator(title="On Balance Volume", shorttitle="OBV")
def main(maTypeInput=input.string("None", "Type", options=["None", "SMA", "SMA + Bollinger Bands", "EMA", "SMMA (RMA)",
                                                            "WMA", "VWMA"]),
         maLengthInput=input.int(14, "Length"), bbMultInput=input.float(2.0, "BB StdDev", minval=0.001, maxval=50)):
    src = close
    obv = ta.cum(math.sign(ta.change(src)) * volume)
    plot(obv, title="OnBalanceVolume")
    isBB = maTypeInput == "SMA + Bollinger Bands"
    enableMA = maTypeInput != "None"
    smoothingMA = ma(obv, maLengthInput, maTypeInput) if enableMA else na
    smoothingStDev = ta.stdev(obv, maLengthInput) * bbMultInput if isBB else na
    plot(smoothingMA, "OBV-based MA")
    plot(smoothingMA + smoothingStDev, title="Upper Bollinger Band")
    plot(smoothingMA - smoothingStDev, title="Lower Bollinger Band")
