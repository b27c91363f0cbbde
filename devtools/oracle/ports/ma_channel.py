"""
@pyne

Moving Average Channel: no published script (Chart-IMG's catalogue name); the definition is our study's
`source` (Chart-IMG's catalogue: ta.sma(high, length) and ta.sma(low, length), each with a shift (a plot offset, not ported)), written in Pine's built-ins.
"""
from pynecore.lib import script, input, plot, ta, high, low

CASE = {'study': 'Moving Average Channel', 'inputs': {}, 'outputs': {'Upper': 'upper', 'Lower': 'lower'},
        'runs': [{'inputs': {'upperLength': 5, 'lowerLength': 30}, 'template': {'in_0': 5, 'in_1': 30}}]}


@script.indicator(title="Moving Average Channel", overlay=True)
def main(upperLength=input.int(20, title="Upper Length"), lowerLength=input.int(20, title="Lower Length")):
    plot(ta.sma(high, upperLength), "Upper")
    plot(ta.sma(low, lowerLength), "Lower")
