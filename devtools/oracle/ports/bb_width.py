"""
@pyne

Bollinger Bands Width: no published script (Chart-IMG's catalogue name); the definition is our study's
`source` (Chart-IMG's catalogue: (upper - lower) / basis of Bollinger Bands on the close, a ratio: TradingView's BandWidth arithmetic, ta.sma and ta.stdev, without its * 100), written in Pine's built-ins.
"""
from pynecore.lib import script, input, plot, ta, close

CASE = {'study': 'Bollinger Bands Width', 'inputs': {}, 'outputs': {'Plot': 'bbw'},
        'runs': [{'inputs': {'length': 7, 'mult': 1.5}, 'template': {'in_0': 7, 'in_1': 1.5}}]}


@script.indicator(title="Bollinger Bands Width", shorttitle="BBW")
def main(length=input.int(20, title="Length"), mult=input.float(2.0, title="StdDev")):
    basis = ta.sma(close, length)
    dev = mult * ta.stdev(close, length)
    upper = basis + dev
    lower = basis - dev
    plot((upper - lower) / basis, "Plot")
