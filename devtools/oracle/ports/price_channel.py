"""
@pyne

Price Channel: no published script (Chart-IMG's catalogue name); the definition is our study's
`source` (Chart-IMG's catalogue: ta.highest(high, length), ta.lowest(low, length) and their average), written in Pine's built-ins.
"""
from pynecore.lib import script, input, plot, ta, math, high, low

CASE = {'study': 'Price Channel', 'inputs': {},
        'outputs': {'Highprice Line': 'upper', 'Lowprice Line': 'lower', 'Centerprice Line': 'basis'},
        'runs': [{'inputs': {'length': 7}, 'template': {'length': 7}}]}


@script.indicator(title="Price Channel", shorttitle="PC", overlay=True)
def main(length=input.int(20, title="Length")):
    upper = ta.highest(high, length)
    lower = ta.lowest(low, length)
    plot(upper, "Highprice Line")
    plot(lower, "Lowprice Line")
    plot(math.avg(upper, lower), "Centerprice Line")
