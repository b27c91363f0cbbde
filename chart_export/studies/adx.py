"""Average Directional Index, TradingView's built-in (``adx(dilen, adxlen)``: the DMI script's
ADX, see directional_movement.py), drawn with its +DI and -DI. Inputs in the script's order:
ADX Smoothing (in_0), DI Length (in_1)."""

from __future__ import annotations

from .directional_movement import dmi
from .spec import Pane, Plot, StudySpec, length


def _compute(c, p):
    pdi, mdi, adx = dmi(c.high, c.low, c.close, p["di_length"], p["adx_smoothing"])
    return {"adx": adx, "plus_di": pdi, "minus_di": mdi}


def _legend(p, last, fmt):
    return [("adx", f"ADX ({p['adx_smoothing']}, {p['di_length']})  {fmt.fixed2(last['adx'])}"),
            ("plus_di", f"+DI  {fmt.fixed2(last['plus_di'])}"),
            ("minus_di", f"-DI  {fmt.fixed2(last['minus_di'])}")]


STUDY = StudySpec(
    name="Average Directional Index",
    kind="adx",
    aliases=("adx", "dmi"),
    inputs=(
        length("adx_smoothing", 14, "in_0", "adxSmoothing", "ADX Smoothing", "smoothing"),
        length("di_length", 14, "in_1", "diLength", "DI Length", "length"),
    ),
    plots=(  # drawing order: the DIs, then ADX on top
        Plot("plus_di", color="up", width=1.0, names=("+di", "plus di")),
        Plot("minus_di", color="down", width=1.0, names=("-di", "minus di")),
        Plot("adx", color="band", width=1.4, names=("plot", "adx")),
    ),
    pane=Pane(include=(0.0, 25.0), format="integer"),
    compute=_compute,
    legend=_legend,
)
