"""
@pyne

MA with EMA Cross: no published script (Chart-IMG's catalogue name); the definition is our study's
`source` (Chart-IMG's catalogue: ta.sma(close, length MA) and ta.ema(close, length EMA)), written in Pine's built-ins.
"""
from pynecore.lib import script, input, plot, ta, close

CASE = {'study': 'MA with EMA Cross', 'inputs': {}, 'outputs': {'MA': 'ma', 'EMA': 'ema'},
        'runs': [{'inputs': {'lengthMA': 7, 'lengthEMA': 25}, 'template': {'in_0': 7, 'in_1': 25}}]}


@script.indicator(title="MA with EMA Cross", overlay=True)
def main(lengthMA=input.int(10, title="Length MA"), lengthEMA=input.int(10, title="Length EMA")):
    plot(ta.sma(close, lengthMA), "MA")
    plot(ta.ema(close, lengthEMA), "EMA")
