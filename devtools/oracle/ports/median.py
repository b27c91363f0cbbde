"""
@pyne

Median, TradingView built-in, ported line by line (plots without colours; the fill left out).
Pine source: deepentropy/oakscriptJS, docs/official/indicators_standard/Median.pine,
commit be99ba4eca42b59ad4bf48ccb7bd21020b029b43.
"""
from pynecore.lib import script, input, plot, ta, hl2

CASE = {"study": "Median", "inputs": {},
        "outputs": {"Median": "median", "Upper Band": "upper", "Lower Band": "lower", "Median EMA": "median_ema"},
        "runs": [{"inputs": {"length": 6, "atr_length": 5, "atr_mult": 3},
                  "template": {"Median Length": 6, "ATR Length": 5, "ATR Multiplier": 3}}]}


@script.indicator(title="Median", overlay=True)
def main(source=input(hl2, title="Median Source"), length=input(3, title="Median Length"),
         atr_length=input(14, title="ATR Length"), atr_mult=input(2, title="ATR Multiplier")):
    median = ta.percentile_nearest_rank(source, length, 50)
    plot(median, title="Median")
    atr_ = atr_mult * ta.atr(atr_length)
    plot(median + atr_, title="Upper Band")
    plot(median - atr_, title="Lower Band")
    median_ema = ta.ema(median, length)
    plot(median_ema, title="Median EMA")
