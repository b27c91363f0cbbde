"""
@pyne

Moving Average Ribbon, TradingView built-in, ported line by line (plots without colours; the
colour inputs left out).
Pine source: deepentropy/oakscriptJS, docs/official/indicators_standard/Moving Average Ribbon.pine,
commit be99ba4eca42b59ad4bf48ccb7bd21020b029b43.
"""
from pynecore.lib import script, input, plot, ta, close, na

CASE = {"study": "Moving Average Ribbon", "inputs": {},
        "outputs": {"MA #1": "ma1", "MA #2": "ma2", "MA #3": "ma3", "MA #4": "ma4"},
        "runs": [{"inputs": {"ma1_type": "EMA", "ma2_type": "SMMA (RMA)", "ma3_type": "WMA", "ma4_type": "VWMA",
                             "ma1_length": 5, "ma2_length": 8, "ma3_length": 13, "ma4_length": 21, "ma2_source": "hl2"},
                  "template": {"in_1": "EMA", "in_6": "SMMA (RMA)", "in_11": "WMA", "in_16": "VWMA",
                               "in_3": 5, "in_8": 8, "in_13": 13, "in_18": 21, "in_7": "hl2"}},
                 {"inputs": {"show_ma2": False}, "template": {"MA #2": False}}]}


def ma(source, length, MAtype):
    if MAtype == "SMA":
        return ta.sma(source, length)
    elif MAtype == "EMA":
        return ta.ema(source, length)
    elif MAtype == "SMMA (RMA)":
        return ta.rma(source, length)
    elif MAtype == "WMA":
        return ta.wma(source, length)
    elif MAtype == "VWMA":
        return ta.vwma(source, length)
    return na


@script.indicator("Moving Average Ribbon", shorttitle="MA Ribbon", overlay=True)
def main(show_ma1=input(True, "MA #1"), ma1_type=input.string("SMA", "", options=["SMA", "EMA", "SMMA (RMA)", "WMA", "VWMA"]),
         ma1_source=input(close, ""), ma1_length=input.int(20, "", minval=1),
         show_ma2=input(True, "MA #2"), ma2_type=input.string("SMA", "", options=["SMA", "EMA", "SMMA (RMA)", "WMA", "VWMA"]),
         ma2_source=input(close, ""), ma2_length=input.int(50, "", minval=1),
         show_ma3=input(True, "MA #3"), ma3_type=input.string("SMA", "", options=["SMA", "EMA", "SMMA (RMA)", "WMA", "VWMA"]),
         ma3_source=input(close, ""), ma3_length=input.int(100, "", minval=1),
         show_ma4=input(True, "MA #4"), ma4_type=input.string("SMA", "", options=["SMA", "EMA", "SMMA (RMA)", "WMA", "VWMA"]),
         ma4_source=input(close, ""), ma4_length=input.int(200, "", minval=1)):
    ma1 = ma(ma1_source, ma1_length, ma1_type) if show_ma1 else na
    ma2 = ma(ma2_source, ma2_length, ma2_type) if show_ma2 else na
    ma3 = ma(ma3_source, ma3_length, ma3_type) if show_ma3 else na
    ma4 = ma(ma4_source, ma4_length, ma4_type) if show_ma4 else na
    plot(ma1, "MA #1")
    plot(ma2, "MA #2")
    plot(ma3, "MA #3")
    plot(ma4, "MA #4")
