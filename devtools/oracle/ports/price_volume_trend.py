"""
@pyne

Price Volume Trend: TradingView built-in "Price Volume Trend", ported line by line (plots without colours and offsets).
Pine source: deepentropy/oakscriptJS, docs/official/indicators_standard/Price Volume Trend.pine,
commit be99ba4eca42b59ad4bf48ccb7bd21020b029b43.
"""
from pynecore.lib import script, plot, ta, close, volume

CASE = {'study': 'Price Volume Trend', 'inputs': {}, 'outputs': {'PVT': 'pvt'}}


@script.indicator(title="Price Volume Trend", shorttitle="PVT")
def main():
    src = close
    vt = ta.cum(ta.change(src) / close[1] * volume)  # src = close
    plot(vt, title="PVT")
