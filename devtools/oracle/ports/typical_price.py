"""
@pyne

Typical Price: no published script (Chart-IMG's catalogue name); the definition is our study's
`source` (Chart-IMG's catalogue: (high + low + close) / 3 per bar, Pine's `hlc3`), written in Pine's built-ins.
"""
from pynecore.lib import script, plot, high, low, close

CASE = {'study': 'Typical Price', 'inputs': {}, 'outputs': {'Plot': 'typical_price'}}


@script.indicator(title="Typical Price", shorttitle="TP", overlay=True)
def main():
    plot((high + low + close) / 3, "Plot")
