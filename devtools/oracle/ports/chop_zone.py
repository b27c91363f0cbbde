"""
@pyne

Chop Zone, TradingView built-in, ported line by line (the column's colour left out: the EMA angle
that picks it is plotted as "Angle" so the colour rule is checked too).
Pine source: deepentropy/oakscriptJS, docs/official/indicators_standard/Chop Zone.pine,
commit be99ba4eca42b59ad4bf48ccb7bd21020b029b43.
"""
from pynecore.lib import script, plot, ta, close, hlc3, math
from pynecore.types import Series

CASE = {"study": "Chop Zone", "inputs": {}, "outputs": {"Chop Zone": "chop", "Angle": "angle"}}


@script.indicator(title="Chop Zone")
def main():
    source = close
    avg = hlc3
    pi = math.atan(1) * 4
    periods = 30
    highestHigh = ta.highest(periods)
    lowestLow = ta.lowest(periods)
    span = 25 / (highestHigh - lowestLow) * lowestLow
    ema34: Series[float] = ta.ema(source, 34)
    x1_ema34 = 0
    x2_ema34 = 1
    y1_ema34 = 0
    y2_ema34 = (ema34[1] - ema34) / avg * span
    c_ema34 = math.sqrt((x2_ema34 - x1_ema34) * (x2_ema34 - x1_ema34) + (y2_ema34 - y1_ema34) * (y2_ema34 - y1_ema34))
    emaAngle_1 = math.round(180 * math.acos((x2_ema34 - x1_ema34) / c_ema34) / pi)
    emaAngle = -emaAngle_1 if y2_ema34 > 0 else emaAngle_1
    plot(1, "Chop Zone")
    plot(emaAngle, "Angle")
