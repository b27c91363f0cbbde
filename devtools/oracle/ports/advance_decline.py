"""
@pyne

Advance/Decline: no published script (Chart-IMG's catalogue name); the definition is our study's
`source` (Chart-IMG's catalogue: TradingView's Advance/Decline Ratio (Bars) script on the chart's own bars, up bars / down bars of the last length, with Chart-IMG's length 10; the lines below are that script's (its port: advance_decline_ratio_bars.py)), written in Pine's built-ins.
"""
from pynecore.lib import script, input, plot, math, close, open

CASE = {"study": "Advance/Decline", "inputs": {}, "outputs": {"AD": "ad"},
        "runs": [{"inputs": {"length": 3}, "template": {"in_0": 3}}]}


@script.indicator("Advance/Decline", shorttitle="AD")
def main(length=input.int(10, minval=1)):
    isUp = (close - open) >= 0.0
    upBars = math.sum(1 if isUp else 0, length)
    downBars = math.sum(1 if not isUp else 0, length)
    ad = upBars if downBars == 0 else upBars / downBars
    plot(ad, "AD")
