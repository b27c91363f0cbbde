"""
@pyne

True Strength Index: TradingView built-in "True Strength Index", ported line by line (plots without colours and offsets).
Pine source: deepentropy/oakscriptJS, docs/official/indicators_standard/True Strength Index.pine,
commit be99ba4eca42b59ad4bf48ccb7bd21020b029b43.
"""
from pynecore.lib import script, input, plot, ta, close, math

CASE = {'study': 'True Strength Index', 'inputs': {}, 'outputs': {'True Strength Index': 'tsi', 'Signal': 'signal'}}


def double_smooth(src, long, short):
    fist_smooth = ta.ema(src, long)
    return ta.ema(fist_smooth, short)


@script.indicator("True Strength Index", shorttitle="TSI")
def main(long=input(title="Long Length", defval=25), short=input(title="Short Length", defval=13),
         signal=input(title="Signal Length", defval=13)):
    price = close
    pc = ta.change(price)
    double_smoothed_pc = double_smooth(pc, long, short)
    double_smoothed_abs_pc = double_smooth(math.abs(pc), long, short)
    tsi_value = 100 * (double_smoothed_pc / double_smoothed_abs_pc)
    plot(tsi_value, title="True Strength Index")
    plot(ta.ema(tsi_value, signal), title="Signal")
