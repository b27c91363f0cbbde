"""
@pyne

Average Price: no published script (Chart-IMG's catalogue name); the definition is our study's
`source` (Chart-IMG's catalogue: (open + high + low + close) / 4 per bar, Pine's `ohlc4`), written in Pine's built-ins.
"""
from pynecore.lib import script, plot, open, high, low, close

CASE = {'study': 'Average Price', 'inputs': {}, 'outputs': {'Plot': 'average_price'}}


@script.indicator(title="Average Price", shorttitle="AP", overlay=True)
def main():
    plot((open + high + low + close) / 4, "Plot")
