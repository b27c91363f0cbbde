"""
@pyne

Median Price: no published script (Chart-IMG's catalogue name); the definition is our study's
`source` (Chart-IMG's catalogue: (high + low) / 2 per bar, Pine's `hl2`), written in Pine's built-ins.
"""
from pynecore.lib import script, plot, high, low

CASE = {'study': 'Median Price', 'inputs': {}, 'outputs': {'Plot': 'median_price'}}


@script.indicator(title="Median Price", shorttitle="MP", overlay=True)
def main():
    plot((high + low) / 2, "Plot")
