"""Parabolic SAR (TA-Lib SAR: one acceleration for start and increment), drawn as crosses."""

from __future__ import annotations

from .. import indicators as ind
from .spec import Input, Plot, StudySpec


def _step(key: str, default: float, *aliases: str) -> Input:
    return Input(key, "float", default, aliases, 0.0, 1.0, exclusive_minimum=True)


def _check(p):
    if p["start"] != p["increment"]:
        return (f"Parabolic SAR start ({p['start']:g}) and increment ({p['increment']:g}) must be equal "
                "(TA-Lib SAR uses one acceleration for both)")
    return None


STUDY = StudySpec(
    name="Parabolic SAR",
    kind="psar",
    aliases=("psar", "sar"),
    inputs=(
        _step("start", 0.02, "in_0", "start"),
        _step("increment", 0.02, "in_1", "increment", "inc"),
        _step("maximum", 0.2, "in_2", "maximum", "max"),
    ),
    plots=(Plot("sar", kind="cross", color="next:1", width=1.0, z=3.5, names=("plot", "sar", "psar")),),
    compute=lambda c, p: {"sar": ind.sar(c.high, c.low, p["increment"], p["maximum"])},
    legend=lambda p, last, fmt: [
        ("sar", f"PSAR ({p['start']:g}, {p['increment']:g}, {p['maximum']:g})  {fmt.price(last['sar'])}")],
    check=_check,
)
