"""
@pyne

Commodity Channel Index, TradingView built-in, ported line by line with its "Smoothing" section.
Pine source: deepentropy/oakscriptJS, docs/official/indicators_standard/Commodity Channel Index.pine,
commit be99ba4eca42b59ad4bf48ccb7bd21020b029b43.
"""
from pynecore.lib import script, input, plot, ta, hlc3, na

CASE = {"study": "Commodity Channel Index", "inputs": {},
        "outputs": {"CCI": "cci", "CCI-based MA": "smoothing", "Upper Bollinger Band": "smoothing_upper",
                    "Lower Bollinger Band": "smoothing_lower"},
        "runs": [{"inputs": {"length": 10, "maTypeInput": "SMA + Bollinger Bands", "maLengthInput": 9},
                  "template": {"length": 10, "Type": "SMA + Bollinger Bands", "smoothing_length": 9}}]}


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


@script.indicator(title="Commodity Channel Index", shorttitle="CCI")
def main(length=input.int(20, minval=1, title="Length"), src=input(hlc3, title="Source"),
         maTypeInput=input.string("SMA", "Type", options=["None", "SMA", "SMA + Bollinger Bands", "EMA", "SMMA (RMA)",
                                                          "WMA", "VWMA"]),
         maLengthInput=input.int(14, "Length"), bbMultInput=input.float(2.0, "BB StdDev", minval=0.001, maxval=50)):
    ma_ = ta.sma(src, length)
    cci = (src - ma_) / (0.015 * ta.dev(src, length))
    plot(cci, "CCI")
    isBB = maTypeInput == "SMA + Bollinger Bands"
    enableMA = maTypeInput != "None"
    smoothingMA = ma(cci, maLengthInput, maTypeInput) if enableMA else na
    smoothingStDev = ta.stdev(cci, maLengthInput) * bbMultInput if isBB else na
    plot(smoothingMA, "CCI-based MA")
    plot(smoothingMA + smoothingStDev, title="Upper Bollinger Band")
    plot(smoothingMA - smoothingStDev, title="Lower Bollinger Band")
