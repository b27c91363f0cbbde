"""Donchian Channels: highest high, lowest low and their midpoint over ``length`` bars.

Formula: upper = TA-Lib MAX(high, n), lower = TA-Lib MIN(low, n), basis = (upper +
lower) / 2 (TradingView's built-in script: ``ta.highest``, ``ta.lowest``, ``math.avg``).
The band between upper and lower is filled; ``offset`` shifts the drawn lines. Chart-IMG's
"Price Channel" (the same lines, its own plot names and colours) is ``price_channel.py``."""

from __future__ import annotations

from ._math import rolling_max, rolling_min
from .spec import Fill, Plot, StudySpec, length


def _compute(c, p):
    upper = rolling_max(c.high, p["length"])
    lower = rolling_min(c.low, p["length"])
    return {"basis": (upper + lower) / 2.0, "upper": upper, "lower": lower}


STUDY = StudySpec(
    name="Donchian Channels",
    kind="donchian",
    aliases=("DC", "Donchian"),
    inputs=(
        length("length", 20, "length", "Length", "in_0"),
        length("offset", 0, "offset", "Offset", "in_1", minimum=-500, maximum=500),
    ),
    plots=(
        Plot("basis", color="#FF6D00", width=1.0, offset="offset", names=("basis",)),
        Plot("upper", color="#2962FF", width=1.0, offset="offset", names=("plot", "upper")),
        Plot("lower", color="#2962FF", width=1.0, offset="offset", names=("lower",)),
    ),
    fills=(Fill("upper", "lower", color="=upper", alpha=0.07),),
    compute=_compute,
    legend=lambda p, last, fmt: [("upper", f"DC ({p['length']})  {fmt.price(last['upper'])} / "
                                           f"{fmt.price(last['basis'])} / {fmt.price(last['lower'])}")],
)
