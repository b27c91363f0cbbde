"""
@pyne

Keltner Channels, TradingView built-in, ported line by line.
Pine source: deepentropy/oakscriptJS, docs/official/indicators_standard/Keltner Channels.pine,
commit be99ba4eca42b59ad4bf48ccb7bd21020b029b43.
"""
from pynecore.lib import script, input, plot, ta, close, high, low

CASE = {"study": "Keltner Channels", "inputs": {}, "outputs": {"Upper": "upper", "Basis": "basis", "Lower": "lower"},
        "runs": [{"inputs": {"exp": False, "BandsStyle": s, "length": 10}, "template": {"exp": False, "Bands Style": s,
                                                                                          "length": 10}}
                 for s in ("True Range", "Range")]}


@script.indicator(title="Keltner Channels", shorttitle="KC", overlay=True)
def main(length=input.int(20, minval=1, title="Length"), mult=input(2.0, "Multiplier"), src=input(close, title="Source"),
         exp=input(True, "Use Exponential MA"),
         BandsStyle=input.string("Average True Range", options=["Average True Range", "True Range", "Range"],
                                 title="Bands Style"),
         atrlength=input(10, "ATR Length")):
    def esma(source, length):
        s = ta.sma(source, length)
        e = ta.ema(source, length)
        return e if exp else s
    ma = esma(src, length)
    rangema = ta.tr(True) if BandsStyle == "True Range" else (
        ta.atr(atrlength) if BandsStyle == "Average True Range" else ta.rma(high - low, length))
    upper = ma + rangema * mult
    lower = ma - rangema * mult
    plot(upper, title="Upper")
    plot(ma, title="Basis")
    plot(lower, title="Lower")
