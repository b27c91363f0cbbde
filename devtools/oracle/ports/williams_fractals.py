"""
@pyne

Williams Fractals, TradingView built-in, ported line by line (the two plotshape calls plotted as
1 / 0 series "Up" and "Down" at the bar that detects the fractal, i.e. before their offset -n).
Pine source: deepentropy/oakscriptJS, docs/official/indicators_standard/Williams Fractals.pine,
commit be99ba4eca42b59ad4bf48ccb7bd21020b029b43.
"""
from pynecore.lib import script, input, plot, high, low

CASE = {"study": "Williams Fractals", "inputs": {}, "outputs": {"Up": "up_flag", "Down": "down_flag"},
        "runs": [{"inputs": {"n": 3}, "template": {"Periods": 3}}]}


@script.indicator("Williams Fractals", shorttitle="Fractals", overlay=True)
def main(n=input.int(title="Periods", defval=2, minval=2)):
    upflagDownFrontier = True
    upflagUpFrontier0 = True
    upflagUpFrontier1 = True
    upflagUpFrontier2 = True
    upflagUpFrontier3 = True
    upflagUpFrontier4 = True
    for i in range(1, n + 1):
        upflagDownFrontier = upflagDownFrontier and (high[n - i] < high[n])
        upflagUpFrontier0 = upflagUpFrontier0 and (high[n + i] < high[n])
        upflagUpFrontier1 = upflagUpFrontier1 and (high[n + 1] <= high[n] and high[n + i + 1] < high[n])
        upflagUpFrontier2 = upflagUpFrontier2 and (high[n + 1] <= high[n] and high[n + 2] <= high[n] and high[n + i + 2] < high[n])
        upflagUpFrontier3 = upflagUpFrontier3 and (high[n + 1] <= high[n] and high[n + 2] <= high[n] and high[n + 3] <= high[n] and high[n + i + 3] < high[n])
        upflagUpFrontier4 = upflagUpFrontier4 and (high[n + 1] <= high[n] and high[n + 2] <= high[n] and high[n + 3] <= high[n] and high[n + 4] <= high[n] and high[n + i + 4] < high[n])
    flagUpFrontier = upflagUpFrontier0 or upflagUpFrontier1 or upflagUpFrontier2 or upflagUpFrontier3 or upflagUpFrontier4
    upFractal = (upflagDownFrontier and flagUpFrontier)

    downflagDownFrontier = True
    downflagUpFrontier0 = True
    downflagUpFrontier1 = True
    downflagUpFrontier2 = True
    downflagUpFrontier3 = True
    downflagUpFrontier4 = True
    for i in range(1, n + 1):
        downflagDownFrontier = downflagDownFrontier and (low[n - i] > low[n])
        downflagUpFrontier0 = downflagUpFrontier0 and (low[n + i] > low[n])
        downflagUpFrontier1 = downflagUpFrontier1 and (low[n + 1] >= low[n] and low[n + i + 1] > low[n])
        downflagUpFrontier2 = downflagUpFrontier2 and (low[n + 1] >= low[n] and low[n + 2] >= low[n] and low[n + i + 2] > low[n])
        downflagUpFrontier3 = downflagUpFrontier3 and (low[n + 1] >= low[n] and low[n + 2] >= low[n] and low[n + 3] >= low[n] and low[n + i + 3] > low[n])
        downflagUpFrontier4 = downflagUpFrontier4 and (low[n + 1] >= low[n] and low[n + 2] >= low[n] and low[n + 3] >= low[n] and low[n + 4] >= low[n] and low[n + i + 4] > low[n])
    flagDownFrontier = downflagUpFrontier0 or downflagUpFrontier1 or downflagUpFrontier2 or downflagUpFrontier3 or downflagUpFrontier4
    downFractal = (downflagDownFrontier and flagDownFrontier)

    plot(1.0 if upFractal else 0.0, "Up")
    plot(1.0 if downFractal else 0.0, "Down")
