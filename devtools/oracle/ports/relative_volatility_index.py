"""
@pyne

Relative Volatility Index, TradingView built-in, ported line by line (plots without colours and offset).
Pine source: deepentropy/oakscriptJS, docs/official/indicators_standard/Relative Volatility Index.pine,
commit be99ba4eca42b59ad4bf48ccb7bd21020b029b43.
"""
from pynecore.lib import script, input, plot, ta, close, na

CASE = {"study": "Relative Volatility Index", "inputs": {},
        "outputs": {"RVI": "rvi", "RVI-based MA": "smoothing", "Upper Bollinger Band": "smoothing_upper",
                    "Lower Bollinger Band": "smoothing_lower"},
        "runs": [{"inputs": {"length": 5}, "template": {"length": 5}}] +
                [{"inputs": {"maTypeInput": t, "maLengthInput": 9, "bbMultInput": 1.5},
                  "template": {"Type": t, "in_3": 9, "BB StdDev": 1.5}}
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


@script.indicator(title="Relative Volatility Index", shorttitle="RVI")
def main(length=input.int(10, minval=1), offset=input.int(0, "Offset", minval=-500, maxval=500),
         maTypeInput=input.string("SMA", "Type", options=["None", "SMA", "SMA + Bollinger Bands", "EMA", "SMMA (RMA)",
                                                          "WMA", "VWMA"]),
         maLengthInput=input.int(14, "Length"), bbMultInput=input.float(2.0, "BB StdDev", minval=0.001, maxval=50)):
    src = close
    len = 14
    stddev = ta.stdev(src, length)
    upper = ta.ema(0 if ta.change(src) <= 0 else stddev, len)
    lower = ta.ema(0 if ta.change(src) > 0 else stddev, len)
    rvi = upper / (upper + lower) * 100
    plot(rvi, title="RVI")
    isBB = maTypeInput == "SMA + Bollinger Bands"
    enableMA = maTypeInput != "None"
    smoothingMA = ma(rvi, maLengthInput, maTypeInput) if enableMA else na
    smoothingStDev = ta.stdev(rvi, maLengthInput) * bbMultInput if isBB else na
    plot(smoothingMA, "RVI-based MA")
    plot(smoothingMA + smoothingStDev, title="Upper Bollinger Band")
    plot(smoothingMA - smoothingStDev, title="Lower Bollinger Band")
