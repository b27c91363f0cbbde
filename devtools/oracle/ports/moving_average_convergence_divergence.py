"""
@pyne

Moving Average Convergence Divergence, TradingView built-in, ported line by line (the alert
conditions and colours left out).
Pine source: deepentropy/oakscriptJS, docs/official/indicators_standard/Moving Average Convergence Divergence.pine,
commit be99ba4eca42b59ad4bf48ccb7bd21020b029b43.
"""
from pynecore.lib import script, input, plot, ta, close

CASE = {"study": "Moving Average Convergence Divergence",
        "inputs": {"Fast Length": 12, "Slow Length": 26, "Signal Smoothing": 9},
        "outputs": {"Histogram": "hist", "MACD": "macd", "Signal": "signal"},
        "runs": [{"inputs": {"sma_source": "SMA", "sma_signal": "SMA"},
                  "template": {"Oscillator MA Type": "SMA", "Signal Line MA Type": "SMA"}},
                 {"inputs": {"fast_length": 5, "slow_length": 13, "signal_length": 4},
                  "template": {"Fast Length": 5, "Slow Length": 13, "Signal Smoothing": 4}}]}


@script.indicator(title="Moving Average Convergence Divergence", shorttitle="MACD")
def main(fast_length=input(title="Fast Length", defval=12), slow_length=input(title="Slow Length", defval=26),
         src=input(title="Source", defval=close),
         signal_length=input.int(title="Signal Smoothing", minval=1, maxval=50, defval=9),
         sma_source=input.string(title="Oscillator MA Type", defval="EMA", options=["SMA", "EMA"]),
         sma_signal=input.string(title="Signal Line MA Type", defval="EMA", options=["SMA", "EMA"])):
    fast_ma = ta.sma(src, fast_length) if sma_source == "SMA" else ta.ema(src, fast_length)
    slow_ma = ta.sma(src, slow_length) if sma_source == "SMA" else ta.ema(src, slow_length)
    macd = fast_ma - slow_ma
    signal = ta.sma(macd, signal_length) if sma_signal == "SMA" else ta.ema(macd, signal_length)
    hist = macd - signal
    plot(hist, title="Histogram")
    plot(macd, title="MACD")
    plot(signal, title="Signal")
