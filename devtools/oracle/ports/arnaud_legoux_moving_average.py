"""
@pyne

Arnaud Legoux Moving Average, TradingView built-in, ported line by line (plot without colour).
Pine source: deepentropy/oakscriptJS, docs/official/indicators_standard/Arnaud Legoux Moving Average.pine,
commit be99ba4eca42b59ad4bf48ccb7bd21020b029b43.
"""
from pynecore.lib import script, input, plot, ta, close

CASE = {"study": "Arnaud Legoux Moving Average", "inputs": {}, "outputs": {"ALMA": "alma"},
        "runs": [{"inputs": {"lengthInput": 20, "offsetInput": 0.5, "sigmaInput": 3.0},
                  "template": {"Length": 20, "Offset": 0.5, "Sigma": 3.0}}]}


@script.indicator(title="Arnaud Legoux Moving Average", shorttitle="ALMA", overlay=True)
def main(lengthInput=input.int(9, "Length", minval=1), offsetInput=input.float(0.85, "Offset", step=0.01),
         sigmaInput=input.float(6, "Sigma")):
    source = close
    plot(ta.alma(source, lengthInput, offsetInput, sigmaInput), "ALMA")
