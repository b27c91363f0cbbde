"""Chop Zone, TradingView's built-in: a column of height 1 on every bar, coloured by the angle
of the EMA 34 scaled to the last 30 bars' range::

    span = 25 / (highestHigh - lowestLow) * lowestLow          // ta.highest / ta.lowest(30)
    y2_ema34 = (ema34[1] - ema34) / avg * span                  // avg = hlc3
    c_ema34 = math.sqrt(1 + y2_ema34 * y2_ema34)
    emaAngle_1 = math.round(180 * math.acos(1 / c_ema34) / pi)
    emaAngle = y2_ema34 > 0 ? - emaAngle_1 : emaAngle_1
    chopZoneColor = emaAngle >= 5 ? colorTurquoise : emaAngle >= 3.57 ? colorDarkGreen : emaAngle >= 2.14 ?
        colorPaleGreen : emaAngle >= .71 ? colorLime : emaAngle <= -5 ? colorDarkRed : emaAngle <= -3.57 ?
        colorRed : emaAngle <= -2.14 ? colorOrange : emaAngle <= -.71 ? colorLightOrange : colorYellow

``angle`` is the integer angle (na until the EMA exists, and where the range is flat); the nine
colours are nine histograms (``zone_<colour>``: 1 where the angle picks that colour). Yellow where
it is between -0.71 and 0.71, or na."""

from __future__ import annotations

import numpy as np

from ._pine import div, ema, gt, highest, lowest, shift
from .spec import Pane, Plot, StudySpec

# (key, colour, angle >= lo and < hi), in the script's order; yellow takes what is left
ZONES = (("turquoise", "#26C6DA", 5.0, np.inf), ("dark_green", "#43A047", 3.57, 5.0),
         ("pale_green", "#A5D6A7", 2.14, 3.57), ("lime", "#009688", .71, 2.14),
         ("dark_red", "#D50000", -np.inf, -5.0 + 1e-9), ("red", "#E91E63", -5.0 + 1e-9, -3.57 + 1e-9),
         ("orange", "#FF6D00", -3.57 + 1e-9, -2.14 + 1e-9), ("light_orange", "#FFB74D", -2.14 + 1e-9, -.71 + 1e-9))
YELLOW = "#FDD835"


def angle(c) -> np.ndarray:
    hh, ll = highest(c.high, 30), lowest(c.low, 30)
    span = div(25.0, hh - ll) * ll
    e = ema(c.close, 34)
    y2 = div(shift(e) - e, (c.high + c.low + c.close) / 3) * span
    with np.errstate(invalid="ignore"):
        a1 = np.floor(180 * np.arccos(1 / np.sqrt(1 + y2 * y2)) / np.pi + 0.5)  # math.round: ties away from 0
    return np.where(gt(y2, 0.0), -a1, a1)


def _compute(c, p):
    a = angle(c)
    out = {"chop": np.ones(len(a)), "angle": a}
    taken = np.zeros(len(a), dtype=bool)
    with np.errstate(invalid="ignore"):
        for key, _, lo, hi in ZONES:
            m = (a >= lo) & (a < hi)
            out[f"zone_{key}"] = np.where(m, 1.0, np.nan)
            taken |= m
    out["zone_yellow"] = np.where(taken, np.nan, 1.0)
    return out


def _legend(p, last, fmt):
    a = last["angle"]
    zone = next((k for k, _, lo, hi in ZONES if lo <= a < hi), "yellow") if a == a else "yellow"
    return [(f"zone_{zone}", f"Chop Zone  {a + 0.0:.0f}°" if a == a else f"Chop Zone  {fmt.fixed2(a)}")]


STUDY = StudySpec(
    name="Chop Zone",
    kind="chop_zone",
    aliases=(),
    inputs=(),
    plots=tuple(Plot(f"zone_{key}", kind="histogram", rule="sign", colors=(colour, colour), alpha=None,
                     bar_width=0.8, z=2.0, names=("plot", "chop zone") if key == "turquoise" else ())
                for key, colour, _, _ in ZONES) + (
        Plot("zone_yellow", kind="histogram", rule="sign", colors=(YELLOW, YELLOW), alpha=None, bar_width=0.8, z=2.0),),
    pane=Pane(range=(0.0, 1.0), ticks=(), format="integer"),
    compute=_compute,
    legend=_legend,
)
