"""
@pyne

Moving Average Exponential: TradingView built-in "Moving Average Exponential", ported line by line (plots without colours and offsets).
Pine source: deepentropy/oakscriptJS, docs/official/indicators_standard/Moving Average Exponential.pine,
commit be99ba4eca42b59ad4bf48ccb7bd21020b029b43.
"""
from pynecore.lib import script, input, plot, ta, close, na

CASE = {'study': 'Moving Average Exponential', 'inputs': {}, 'outputs': {'EMA': 'ma', 'EMA-based MA': 'smoothing', 'Upper Bollinger Band': 'smoothing_upper', 'Lower Bollinger Band': 'smoothing_lower'}, 'runs': [{'inputs': {'len': 20, 'maTypeInput': 'SMA + Bollinger Bands', 'maLengthInput': 7}, 'template': {'Length': 20, 'Type': 'SMA + Bollinger Bands', 'in_4': 7}}]}


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


@script.indicator(title="Moving Average Exponential", shorttitle="EMA", overlay=True)
def main(len=input.int(9, minval=1, title="Length"), src=input(close, title="Source"),
         offset=input.int(title="Offset", defval=0, minval=-500, maxval=500),
         maTypeInput=input.string("None", "Type", options=["None", "SMA", "SMA + Bollinger Bands", "EMA", "SMMA (RMA)",
                                                            "WMA", "VWMA"]),
         maLengthInput=input.int(14, "Length"), bbMultInput=input.float(2.0, "BB StdDev", minval=0.001, maxval=50)):
    out = ta.ema(src, len)
    plot(out, title="EMA")
    isBB = maTypeInput == "SMA + Bollinger Bands"
    enableMA = maTypeInput != "None"
    smoothingMA = ma(out, maLengthInput, maTypeInput) if enableMA else na
    smoothingStDev = ta.stdev(out, maLengthInput) * bbMultInput if isBB else na
    plot(smoothingMA, "EMA-based MA")
    plot(smoothingMA + smoothingStDev, title="Upper Bollinger Band")
    plot(smoothingMA - smoothingStDev, title="Lower Bollinger Band")
