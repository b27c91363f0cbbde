"""
@pyne

Envelope, TradingView built-in, ported line by line.
Pine source: deepentropy/oakscriptJS, docs/official/indicators_standard/Envelope.pine,
commit be99ba4eca42b59ad4bf48ccb7bd21020b029b43.
"""
from pynecore.lib import script, input, plot, ta, close

CASE = {"study": "Envelope", "inputs": {}, "outputs": {"Basis": "basis", "Upper": "upper", "Lower": "lower"},
        "runs": [{"inputs": {"len": 10, "percent": 2.5, "exponential": True},
                  "template": {"Length": 10, "Percent": 2.5, "Exponential": True}}]}


@script.indicator(title="Envelope", shorttitle="Env", overlay=True)
def main(len=input.int(20, title="Length", minval=1), percent=input(10.0, "Percent"),
         src=input(close, title="Source"), exponential=input(False, "Exponential")):
    basis = ta.ema(src, len) if exponential else ta.sma(src, len)
    k = percent / 100.0
    upper = basis * (1 + k)
    lower = basis * (1 - k)
    plot(basis, "Basis")
    plot(upper, "Upper")
    plot(lower, "Lower")
