"""
@pyne

MA Cross, TradingView built-in, ported line by line (plots without colours and styles).
Pine source: deepentropy/oakscriptJS, docs/official/indicators_standard/MA Cross.pine,
commit be99ba4eca42b59ad4bf48ccb7bd21020b029b43.
"""
from pynecore.lib import script, input, plot, ta, close, na

CASE = {"study": "MA Cross", "inputs": {}, "outputs": {"Short MA": "short", "Long MA": "long", "Cross": "cross"},
        "runs": [{"inputs": {"shortlen": 3, "longlen": 7}, "template": {"Short MA Length": 3, "Long MA Length": 7}}]}


@script.indicator(title="MA Cross", overlay=True)
def main(shortlen=input.int(9, "Short MA Length", minval=1), longlen=input.int(21, "Long MA Length", minval=1)):
    short = ta.sma(close, shortlen)
    long = ta.sma(close, longlen)
    plot(short, title="Short MA")
    plot(long, title="Long MA")
    plot(short if ta.cross(short, long) else na, title="Cross")
