"""
@pyne

Williams Alligator, TradingView built-in, ported line by line (plots unshifted: the offsets are drawing, our plots' offset).
Pine source: deepentropy/oakscriptJS, docs/official/indicators_standard/Williams Alligator.pine,
commit be99ba4eca42b59ad4bf48ccb7bd21020b029b43.
"""
from pynecore.lib import script, input, plot, ta, hl2, na
from pynecore.types import Series

CASE = {"study": "Williams Alligator", "inputs": {}, "outputs": {"Jaw": "jaw", "Teeth": "teeth", "Lips": "lips"}}


def smma(src, length):
    smma: Series[float] = 0.0
    smma = ta.sma(src, length) if na(smma[1]) else (smma[1] * (length - 1) + src) / length
    return smma


@script.indicator(title="Williams Alligator", shorttitle="Alligator", overlay=True)
def main(jawLength=input.int(13, minval=1, title="Jaw Length"), teethLength=input.int(8, minval=1, title="Teeth Length"),
         lipsLength=input.int(5, minval=1, title="Lips Length"), jawOffset=input(8, title="Jaw Offset"),
         teethOffset=input(5, title="Teeth Offset"), lipsOffset=input(3, title="Lips Offset")):
    jaw = smma(hl2, jawLength)
    teeth = smma(hl2, teethLength)
    lips = smma(hl2, lipsLength)
    plot(jaw, "Jaw")
    plot(teeth, "Teeth")
    plot(lips, "Lips")
