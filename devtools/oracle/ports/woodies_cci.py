"""
@pyne

Woodies CCI, TradingView built-in, ported line by line (plots without colours).
Pine source: deepentropy/oakscriptJS, docs/official/indicators_standard/Woodies CCI.pine,
commit be99ba4eca42b59ad4bf48ccb7bd21020b029b43.
"""
from pynecore.lib import script, input, plot, ta, close

CASE = {"study": "Woodies CCI", "inputs": {},
        "outputs": {"CCI Turbo Histogram": "histogram", "CCI Turbo": "turbo", "CCI 14": "cci"},
        "runs": [{"inputs": {"cciTurboLength": 4, "cci14Length": 9},
                  "template": {"CCI Turbo Length": 4, "CCI 14 Length": 9}}]}


@script.indicator(title="Woodies CCI")
def main(cciTurboLength=input.int(title="CCI Turbo Length", defval=6, minval=3, maxval=14),
         cci14Length=input.int(title="CCI 14 Length", defval=14, minval=7, maxval=20)):
    source = close
    cciTurbo = ta.cci(source, cciTurboLength)
    cci14 = ta.cci(source, cci14Length)
    plot(cci14, title="CCI Turbo Histogram")
    plot(cciTurbo, title="CCI Turbo")
    plot(cci14, title="CCI 14")
