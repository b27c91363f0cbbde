"""
@pyne

Historical Volatility: TradingView built-in "Historical Volatility", ported line by line (plots without colours and offsets).
Pine source: deepentropy/oakscriptJS, docs/official/indicators_standard/Historical Volatility.pine,
commit be99ba4eca42b59ad4bf48ccb7bd21020b029b43.
"""
from pynecore.lib import script, input, plot, ta, close, math, timeframe

CASE = {'study': 'Historical Volatility', 'inputs': {}, 'outputs': {'HV': 'hv'}}


@script.indicator(title="Historical Volatility", shorttitle="HV")
def main(length=input.int(10, minval=1, title="Length")):
    annual = 365
    per = 1 if timeframe.isintraday or timeframe.isdaily and timeframe.multiplier == 1 else 7
    hv = 100 * ta.stdev(math.log(close / close[1]), length) * math.sqrt(annual / per)
    plot(hv, "HV")
