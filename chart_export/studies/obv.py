"""On Balance Volume with an optional moving average."""

from __future__ import annotations

from .. import indicators as ind
from .spec import SMOOTHING, Pane, Plot, StudySpec, choice, length, moving_average


def _compute(c, p):
    o = ind.obv(c.close, c.volume)
    out = {"obv": o}
    if p["smoothing"] != "None":
        out["smoothing"] = moving_average(o, p["smoothing"], p["smoothing_length"])
    return out


def _legend(p, last, fmt):
    rows = [("obv", f"OBV  {fmt.compact(last['obv'])}")]
    if "smoothing" in last:
        rows.append(("smoothing", f"{p['smoothing']} {p['smoothing_length']}  {fmt.compact(last['smoothing'])}"))
    return rows


STUDY = StudySpec(
    name="On Balance Volume",
    kind="obv",
    aliases=("obv",),
    inputs=(
        choice("smoothing", "None", SMOOTHING, "smoothingLine", "maType", "in_0"),
        length("smoothing_length", 14, "smoothingLength", "maLength", "in_1"),
    ),
    plots=(
        Plot("obv", color="palette:1", width=1.3, names=("plot", "obv", "on balance volume")),
        Plot("smoothing", color="palette:0", width=1.0, names=("smoothing", "ma")),
    ),
    pane=Pane(format="compact"),
    compute=_compute,
    legend=_legend,
)
