"""
@pyne

Linear Regression Slope: no published script (Chart-IMG's catalogue name); the definition is our study's
`source` (Chart-IMG's catalogue: the least-squares slope over length bars, TA-Lib's LINEARREG_SLOPE: (n*sum(xy) - sum(x)*sum(y)) / (n*sum(x^2) - sum(x)^2), x = 0..n-1 from the oldest bar), written in Pine's built-ins.
"""
from pynecore.lib import script, input, plot, math, close
from pynecore.types import Series

CASE = {'study': 'Linear Regression Slope', 'inputs': {}, 'outputs': {'Plot': 'slope'},
        'runs': [{'inputs': {'length': 5}, 'template': {'length': 5}}]}


@script.indicator(title="Linear Regression Slope", shorttitle="LRS")
def main(length=input.int(14, title="Length"), src=input(close, title="Source")):
    y: Series[float] = src
    n = length
    sumx = n * (n - 1) / 2
    sumxx = (n - 1) * n * (2 * n - 1) / 6
    sumy = math.sum(y, n)
    sumxy = 0.0
    for i in range(n):  # x of y[i] is n - 1 - i (the oldest bar of the window is x = 0)
        sumxy += (n - 1 - i) * y[i]
    plot((n * sumxy - sumx * sumy) / (n * sumxx - sumx * sumx), "Plot")
