"""
@pyne

Gaps, TradingView built-in: the gap detection ported line by line and plotted as "Gap" (1 on a
bar that opens an up gap, -1 down, 0 else); the boxes it draws are a bar-by-bar bookkeeping of
those gaps against later highs / lows (tests/test_study_gaps.py, by hand).
Pine source: deepentropy/oakscriptJS, docs/official/indicators_standard/Gaps.pine,
commit be99ba4eca42b59ad4bf48ccb7bd21020b029b43.
"""
from pynecore.lib import script, input, plot, ta, high, low, nz

CASE = {"study": "Gaps", "inputs": {}, "outputs": {"Gap": "gap"},
        "runs": [{"inputs": {"minimalDeviation": 1.0}, "template": {"Minimal Deviation (%)": 1.0}}]}


@script.indicator("Gaps", overlay=True)
def main(minimalDeviation=input.float(30.0, "Minimal Deviation (%)", minval=1, maxval=100)):
    minimalDeviationInput = nz(minimalDeviation / 100 * ta.sma(high - low, 14))
    isGapDown = high < low[1] and low[1] - high >= minimalDeviationInput
    isGapUp = low > high[1] and low - high[1] >= minimalDeviationInput
    plot(1.0 if isGapUp else (-1.0 if isGapDown else 0.0), "Gap")
