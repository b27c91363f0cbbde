"""
@pyne

Moving Average Multiple: no published script (Chart-IMG's catalogue name); the definition is our study's
`source` (Chart-IMG's catalogue: ta.sma / ta.ema / ta.wma of the close at six lengths, defaults 14/21/35/50/100/200 Simple), written in Pine's built-ins.
"""
from pynecore.lib import script, input, plot, ta, close

CASE = {'study': 'Moving Average Multiple', 'inputs': {},
        'outputs': {'Plot 1': 'ma1', 'Plot 2': 'ma2', 'Plot 3': 'ma3', 'Plot 4': 'ma4', 'Plot 5': 'ma5', 'Plot 6': 'ma6'},
        'runs': [{'inputs': {'method': 'Exponential'}, 'template': {'method': 'Exponential'}},
                 {'inputs': {'length1': 2, 'length2': 5, 'length3': 9, 'length4': 13, 'length5': 30, 'length6': 60,
                             'method': 'Weighted'},
                  'template': {'in_0': 2, 'in_1': 5, 'in_2': 9, 'in_3': 13, 'in_4': 30, 'in_5': 60,
                               'method': 'Weighted'}}]}


@script.indicator(title="Moving Average Multiple", overlay=True)
def main(length1=input.int(14, title="1st Period"), length2=input.int(21, title="2nd Period"),
         length3=input.int(35, title="3rd Period"), length4=input.int(50, title="4th Period"),
         length5=input.int(100, title="5th Period"), length6=input.int(200, title="6th Period"),
         method=input.string("Simple", title="Method", options=("Simple", "Exponential", "Weighted"))):
    plot(ta.sma(close, length1) if method == "Simple" else ta.ema(close, length1) if method == "Exponential"
         else ta.wma(close, length1), "Plot 1")
    plot(ta.sma(close, length2) if method == "Simple" else ta.ema(close, length2) if method == "Exponential"
         else ta.wma(close, length2), "Plot 2")
    plot(ta.sma(close, length3) if method == "Simple" else ta.ema(close, length3) if method == "Exponential"
         else ta.wma(close, length3), "Plot 3")
    plot(ta.sma(close, length4) if method == "Simple" else ta.ema(close, length4) if method == "Exponential"
         else ta.wma(close, length4), "Plot 4")
    plot(ta.sma(close, length5) if method == "Simple" else ta.ema(close, length5) if method == "Exponential"
         else ta.wma(close, length5), "Plot 5")
    plot(ta.sma(close, length6) if method == "Simple" else ta.ema(close, length6) if method == "Exponential"
         else ta.wma(close, length6), "Plot 6")
