"""
@pyne

Know Sure Thing, TradingView built-in, ported line by line (plots without colours).
Pine source: deepentropy/oakscriptJS, docs/official/indicators_standard/Know Sure Thing.pine,
commit be99ba4eca42b59ad4bf48ccb7bd21020b029b43.
"""
from pynecore.lib import script, input, plot, ta, close

CASE = {"study": "Know Sure Thing", "inputs": {}, "outputs": {"KST": "kst", "Signal": "signal"},
        "runs": [{"inputs": {"roclen1": 5, "roclen2": 7, "roclen3": 9, "roclen4": 12, "smalen1": 3, "smalen2": 4,
                             "smalen3": 5, "smalen4": 6, "siglen": 4},
                  "template": {"ROC Length #1": 5, "ROC Length #2": 7, "ROC Length #3": 9, "ROC Length #4": 12,
                               "SMA Length #1": 3, "SMA Length #2": 4, "SMA Length #3": 5, "SMA Length #4": 6,
                               "Signal Line Length": 4}}]}


@script.indicator(title="Know Sure Thing", shorttitle="KST")
def main(roclen1=input.int(10, minval=1, title="ROC Length #1"), roclen2=input.int(15, minval=1, title="ROC Length #2"),
         roclen3=input.int(20, minval=1, title="ROC Length #3"), roclen4=input.int(30, minval=1, title="ROC Length #4"),
         smalen1=input.int(10, minval=1, title="SMA Length #1"), smalen2=input.int(10, minval=1, title="SMA Length #2"),
         smalen3=input.int(10, minval=1, title="SMA Length #3"), smalen4=input.int(15, minval=1, title="SMA Length #4"),
         siglen=input.int(9, minval=1, title="Signal Line Length")):

    def smaroc(roclen, smalen):
        return ta.sma(ta.roc(close, roclen), smalen)

    kst = smaroc(roclen1, smalen1) + 2 * smaroc(roclen2, smalen2) + 3 * smaroc(roclen3, smalen3) + \
        4 * smaroc(roclen4, smalen4)
    sig = ta.sma(kst, siglen)
    plot(kst, title="KST")
    plot(sig, title="Signal")
