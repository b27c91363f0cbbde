"""
@pyne

Pivot Points High Low, TradingView built-in, ported line by line (the two label.new calls
plotted as their series: "PH" / "PL" = ta.pivothigh / ta.pivotlow on the bar that finds the
pivot, na elsewhere; the label sits ``right`` bars back at that price).
Pine source: deepentropy/oakscriptJS, docs/official/indicators_standard/Pivot Points High Low.pine,
commit be99ba4eca42b59ad4bf48ccb7bd21020b029b43.
"""
from pynecore.lib import script, input, plot, ta

CASE = {"study": "Pivot Points High Low", "inputs": {}, "outputs": {"PH": "ph", "PL": "pl"},
        "runs": [{"inputs": {"leftLenH": 3, "rightLenH": 5, "leftLenL": 4, "rightLenL": 2},
                  "template": {"in_0": 3, "in_1": 5, "in_4": 4, "in_5": 2}}]}


@script.indicator("Pivot Points High Low", shorttitle="Pivots HL", overlay=True)
def main(leftLenH=input.int(title="Pivot High", defval=10, minval=1),
         rightLenH=input.int(title="/", defval=10, minval=1),
         leftLenL=input.int(title="Pivot Low", defval=10, minval=1),
         rightLenL=input.int(title="/", defval=10, minval=1)):
    ph = ta.pivothigh(leftLenH, rightLenH)
    pl = ta.pivotlow(leftLenL, rightLenL)
    plot(ph, "PH")
    plot(pl, "PL")
