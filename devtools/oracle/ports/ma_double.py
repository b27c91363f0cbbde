"""
@pyne

Moving Average Double: no published script (Chart-IMG's catalogue name); the definition is our study's
`source` (Chart-IMG's catalogue: ta.sma / ta.ema / ta.wma of the close at two lengths), written in Pine's built-ins.
"""
from pynecore.lib import script, input, plot, ta, close

CASE = {'study': 'Moving Average Double', 'inputs': {}, 'outputs': {'Plot 1': 'ma1', 'Plot 2': 'ma2'},
        'runs': [{'inputs': {'method': 'Exponential'}, 'template': {'method': 'Exponential'}},
                 {'inputs': {'first': 5, 'second': 30, 'method': 'Weighted'},
                  'template': {'in_0': 5, 'in_1': 30, 'method': 'Weighted'}}]}


@script.indicator(title="Moving Average Double", overlay=True)
def main(first=input.int(14, title="1st Period"), second=input.int(21, title="2nd Period"),
         method=input.string("Simple", title="Method", options=("Simple", "Exponential", "Weighted"))):
    plot(ta.sma(close, first) if method == "Simple" else ta.ema(close, first) if method == "Exponential"
         else ta.wma(close, first), "Plot 1")
    plot(ta.sma(close, second) if method == "Simple" else ta.ema(close, second) if method == "Exponential"
         else ta.wma(close, second), "Plot 2")
