"""
@pyne

RCI Ribbon, TradingView built-in, ported line by line (plots without colours).
Pine source: deepentropy/oakscriptJS, docs/official/indicators_standard/RCI Ribbon.pine,
commit be99ba4eca42b59ad4bf48ccb7bd21020b029b43.
"""
from pynecore.lib import script, input, plot, ta, close

CASE = {"study": "RCI Ribbon", "inputs": {},
        "outputs": {"Short RCI": "short", "Middle RCI": "middle", "Long RCI": "long"},
        "runs": [{"inputs": {"shortLength": 4, "middleLength": 9, "longLength": 20},
                  "template": {"Short RCI Length": 4, "Middle RCI Length": 9, "Long RCI Length": 20}}]}


@script.indicator("RCI Ribbon", "RCI Ribbon")
def main(source=input.source(close, title="Source"), shortLength=input.int(10, title="Short RCI Length", minval=1),
         middleLength=input.int(30, title="Middle RCI Length", minval=1),
         longLength=input.int(50, title="Long RCI Length", minval=1)):
    plot(ta.rci(source, shortLength), title="Short RCI")
    plot(ta.rci(source, middleLength), title="Middle RCI")
    plot(ta.rci(source, longLength), title="Long RCI")
