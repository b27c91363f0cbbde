"""
@pyne

SMI Ergodic Indicator/Oscillator: no published script (Chart-IMG's catalogue name); the definition is our study's
`source` (Chart-IMG's catalogue: TradingView's SMI Ergodic Indicator and Oscillator, ta.tsi and ta.ema, in one pane; Chart-IMG's inputs, the short length first), written in Pine's built-ins.
"""
from pynecore.lib import script, input, plot, ta, close

CASE = {'study': 'SMI Ergodic Indicator/Oscillator', 'inputs': {},
        'outputs': {'Indicator': 'smi', 'Signal': 'signal', 'Oscillator': 'osc'},
        'runs': [{'inputs': {'shortlen': 3, 'longlen': 10, 'siglen': 4}, 'template': {'in_0': 3, 'in_1': 10, 'in_2': 4}}]}


@script.indicator(title="SMI Ergodic Indicator/Oscillator")
def main(shortlen=input.int(5, title="Short Length"), longlen=input.int(20, title="Long Length"),
         siglen=input.int(5, title="Signal Line Length")):
    erg = ta.tsi(close, shortlen, longlen)
    sig = ta.ema(erg, siglen)
    plot(erg, "Indicator")
    plot(sig, "Signal")
    plot(erg - sig, "Oscillator")
