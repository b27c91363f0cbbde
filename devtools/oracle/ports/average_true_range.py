"""
@pyne

Average True Range, TradingView built-in, ported line by line.
Pine source: deepentropy/oakscriptJS, docs/official/indicators_standard/Average True Range.pine,
commit be99ba4eca42b59ad4bf48ccb7bd21020b029b43.
"""
from pynecore.lib import script, input, plot, ta

CASE = {"study": "Average True Range", "inputs": {"Length": 14, "Smoothing": "RMA"}, "outputs": {"ATR": "atr"},
        "runs": [{"inputs": {"length": 10, "smoothing": s}, "template": {"Length": 10, "Smoothing": s}}
                 for s in ("SMA", "EMA", "WMA")]}


@script.indicator(title="Average True Range", shorttitle="ATR", overlay=False)
def main(length=input.int(title="Length", defval=14, minval=1),
         smoothing=input.string(title="Smoothing", defval="RMA", options=["RMA", "SMA", "EMA", "WMA"])):
    def ma_function(source, length):
        if smoothing == "RMA":
            return ta.rma(source, length)
        elif smoothing == "SMA":
            return ta.sma(source, length)
        elif smoothing == "EMA":
            return ta.ema(source, length)
        return ta.wma(source, length)
    plot(ma_function(ta.tr(True), length), title="ATR")
