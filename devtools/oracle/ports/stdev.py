"""
@pyne

Standard Deviation: no published script (Chart-IMG's catalogue name); the definition is our study's
`source` (Chart-IMG's catalogue: ta.stdev(source, length) * deviations, population standard deviation), written in Pine's built-ins.
"""
from pynecore.lib import script, input, plot, ta, close

CASE = {'study': 'Standard Deviation', 'inputs': {}, 'outputs': {'Plot': 'stdev'},
        'runs': [{'inputs': {'length': 20, 'deviations': 2.5}, 'template': {'length': 20, 'deviations': 2.5}}]}


@script.indicator(title="Standard Deviation", shorttitle="StdDev")
def main(length=input.int(5, title="Length"), deviations=input.float(1.0, title="Deviations"),
         src=input(close, title="Source")):
    plot(ta.stdev(src, length) * deviations, "Plot")
