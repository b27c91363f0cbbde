"""Williams Alligator: three smoothed moving averages of the bar midpoint, drawn shifted
forward (into the future area) by their offsets.

Formula (TradingView Help Center: "Williams Alligator"; TradingView's built-in script
``smma(src, length) => smma := na(smma[1]) ? ta.sma(src, length) : (smma[1] * (length -
1) + src) / length`` (= ``ta.rma``); TradingView's defaults: jaw = smma(hl2, 13) offset 8,
teeth = smma(hl2, 8) offset 5, lips = smma(hl2, 5) offset 3, as Bill Williams' book). The
offsets are the plots' (the computed arrays are not shifted)."""

from __future__ import annotations

from ._pine import rma
from .spec import Plot, StudySpec, length


def _compute(c, p):
    mid = (c.high + c.low) / 2.0
    return {"jaw": rma(mid, p["jaw_length"]), "teeth": rma(mid, p["teeth_length"]), "lips": rma(mid, p["lips_length"])}


def _legend(p, last, fmt):
    return [("jaw", f"Alligator ({p['jaw_length']}, {p['teeth_length']}, {p['lips_length']}) Jaw  "
                    f"{fmt.price(last['jaw'])}"),
            ("teeth", f"Teeth  {fmt.price(last['teeth'])}"), ("lips", f"Lips  {fmt.price(last['lips'])}")]


def _offset(key: str, default: int, *aliases: str):
    return length(key, default, *aliases, minimum=-2000, maximum=2000)


STUDY = StudySpec(
    name="Williams Alligator",
    kind="alligator",
    aliases=("Alligator",),
    inputs=(
        length("jaw_length", 13, "jawLength", "Jaw Length", "in_0", maximum=2000),
        length("teeth_length", 8, "teethLength", "Teeth Length", "in_1", maximum=2000),
        length("lips_length", 5, "lipsLength", "Lips Length", "in_2", maximum=2000),
        _offset("jaw_offset", 8, "jawOffset", "Jaw Offset", "in_3"),
        _offset("teeth_offset", 5, "teethOffset", "Teeth Offset", "in_4"),
        _offset("lips_offset", 3, "lipsOffset", "Lips Offset", "in_5"),
    ),
    plots=(
        Plot("jaw", color="#2962FF", width=1.5, offset=lambda p: p["jaw_offset"], names=("plot", "jaw")),
        Plot("teeth", color="#E91E63", width=1.5, offset=lambda p: p["teeth_offset"], names=("teeth",)),
        Plot("lips", color="#66BB6A", width=1.5, offset=lambda p: p["lips_offset"], names=("lips",)),
    ),
    compute=_compute,
    legend=_legend,
)
