"""
@pyne

Volatility Stop, TradingView built-in, ported line by line (plot without colours; the volStop
function inlined: its source is never na here, so its ``if not na(src)`` body runs every bar).
Pine source: deepentropy/oakscriptJS, docs/official/indicators_standard/Volatility Stop.pine,
commit be99ba4eca42b59ad4bf48ccb7bd21020b029b43.
"""
from pynecore.lib import script, input, plot, ta, close, math, nz, na, barstate
from pynecore.types import Persistent, PersistentSeries

CASE = {"study": "Volatility Stop", "inputs": {}, "outputs": {"Volatility Stop": "vstop", "Uptrend": "uptrend"},
        "runs": [{"inputs": {"length": 5, "factor": 1.5}, "template": {"Length": 5, "Multiplier": 1.5}}]}


@script.indicator("Volatility Stop", "VStop", overlay=True)
def main(length=input.int(20, "Length", minval=2), src=input.source(close, "Source"),
         factor=input.float(2.0, "Multiplier", minval=0.25, step=0.25)):
    max_: Persistent[float] = src
    min_: Persistent[float] = src
    uptrend: PersistentSeries[bool] = True
    stop: Persistent[float] = na
    atrM = nz(ta.atr(length) * factor, ta.tr)
    max_ = math.max(max_, src)
    min_ = math.min(min_, src)
    stop = nz(math.max(stop, max_ - atrM) if uptrend else math.min(stop, min_ + atrM), src)
    uptrend = src - stop >= 0.0
    if uptrend != uptrend[1] and not barstate.isfirst:
        max_ = src
        min_ = src
        stop = max_ - atrM if uptrend else min_ + atrM
    plot(stop, "Volatility Stop")
    plot(1.0 if uptrend else 0.0, "Uptrend")
