"""
@pyne

Connors RSI, TradingView built-in, ported line by line (plot without colour).
Pine source: deepentropy/oakscriptJS, docs/official/indicators_standard/Connors RSI.pine,
commit be99ba4eca42b59ad4bf48ccb7bd21020b029b43.
"""
from pynecore.lib import script, input, plot, ta, close, math, nz
from pynecore.types import Series

CASE = {"study": "Connors RSI", "inputs": {}, "outputs": {"CRSI": "crsi"},
        "runs": [{"inputs": {"lenrsi": 5, "lenupdown": 3, "lenroc": 20},
                  "template": {"RSI Length": 5, "UpDown Length": 3, "ROC Length": 20}}]}


def updown(s: Series[float]):
    isEqual = s == s[1]
    isGrowing = s > s[1]
    ud: Series[float] = 0.0
    ud = 0 if isEqual else ((1 if nz(ud[1]) <= 0 else nz(ud[1]) + 1) if isGrowing else
                            (-1 if nz(ud[1]) >= 0 else nz(ud[1]) - 1))
    return ud


@script.indicator(title="Connors RSI", shorttitle="CRSI")
def main(lenrsi=input(3, "RSI Length"), lenupdown=input(2, "UpDown Length"), lenroc=input(100, "ROC Length")):
    src = close
    rsi = ta.rsi(src, lenrsi)
    updownrsi = ta.rsi(updown(src), lenupdown)
    percentrank = ta.percentrank(ta.roc(src, 1), lenroc)
    crsi = math.avg(rsi, updownrsi, percentrank)
    plot(crsi, "CRSI")
