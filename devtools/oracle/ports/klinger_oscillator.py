"""
@pyne

Klinger Oscillator, TradingView built-in, ported line by line (plots without colours; the "no volume" runtime error left out).
Pine source: deepentropy/oakscriptJS, docs/official/indicators_standard/Klinger Oscillator.pine,
commit be99ba4eca42b59ad4bf48ccb7bd21020b029b43.
"""
from pynecore.lib import script, plot, ta, volume, hlc3

CASE = {"study": "Klinger Oscillator", "inputs": {}, "outputs": {"Klinger Oscillator": "kvo", "Signal": "signal"}}


@script.indicator(title="Klinger Oscillator")
def main():
    sv = volume if ta.change(hlc3) >= 0 else -volume
    kvo = ta.ema(sv, 34) - ta.ema(sv, 55)
    sig = ta.ema(kvo, 13)
    plot(kvo, title="Klinger Oscillator")
    plot(sig, title="Signal")
