"""
@pyne

Linear Regression Curve: no published script (Chart-IMG's catalogue name); the definition is our study's
`source` (Chart-IMG's catalogue: ta.linreg(close, length, 0)), written in Pine's built-ins.
"""
from pynecore.lib import script, input, plot, ta, close

CASE = {'study': 'Linear Regression Curve', 'inputs': {}, 'outputs': {'Plot': 'curve'},
        'runs': [{'inputs': {'length': 20}, 'template': {'length': 20}}]}


@script.indicator(title="Linear Regression Curve", shorttitle="LRC", overlay=True)
def main(length=input.int(9, title="Length"), src=input(close, title="Source")):
    plot(ta.linreg(src, length, 0), "Plot")
