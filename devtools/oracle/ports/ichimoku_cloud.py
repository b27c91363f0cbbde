"""
@pyne

Ichimoku Cloud: TradingView built-in "Ichimoku Cloud", ported line by line (plots without colours and offsets).
Pine source: deepentropy/oakscriptJS, docs/official/indicators_standard/Ichimoku Cloud.pine,
commit be99ba4eca42b59ad4bf48ccb7bd21020b029b43.
"""
from pynecore.lib import script, input, plot, ta, close, math

CASE = {'study': 'Ichimoku Cloud', 'inputs': {}, 'outputs': {'Conversion Line': 'conversion', 'Base Line': 'base', 'Lagging Span': 'lagging', 'Leading Span A': 'lead_a', 'Leading Span B': 'lead_b'}, 'runs': [{'inputs': {'conversionPeriods': 5, 'basePeriods': 10}, 'template': {'in_0': 5, 'in_1': 10}}]}


def donchian(len):
    return math.avg(ta.lowest(len), ta.highest(len))


@script.indicator(title="Ichimoku Cloud", shorttitle="Ichimoku", overlay=True)
def main(conversionPeriods=input.int(9, minval=1, title="Conversion Line Length"),
         basePeriods=input.int(26, minval=1, title="Base Line Length"),
         laggingSpan2Periods=input.int(52, minval=1, title="Leading Span B Length"),
         displacement=input.int(26, minval=1, title="Lagging Span")):
    conversionLine = donchian(conversionPeriods)
    baseLine = donchian(basePeriods)
    leadLine1 = math.avg(conversionLine, baseLine)
    leadLine2 = donchian(laggingSpan2Periods)
    plot(conversionLine, title="Conversion Line")
    plot(baseLine, title="Base Line")
    plot(close, title="Lagging Span")  # drawn with offset -displacement + 1: our plot's offset
    plot(leadLine1, title="Leading Span A")  # offsets displacement - 1: our plots'
    plot(leadLine2, title="Leading Span B")
