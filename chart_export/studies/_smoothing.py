"""TradingView v6's "Smoothing" section, shared by RSI, OBV, CCI, MFI and the moving averages::

    maTypeInput = input.string(<default>, "Type", options = ["None", "SMA", "SMA + Bollinger Bands",
                               "EMA", "SMMA (RMA)", "WMA", "VWMA"])
    maLengthInput = input.int(14, "Length")
    bbMultInput = input.float(2.0, "BB StdDev", minval = 0.001, maxval = 50)
    smoothingMA = enableMA ? ma(<line>, maLengthInput, maTypeInput) : na
    smoothingStDev = isBB ? ta.stdev(<line>, maLengthInput) * bbMultInput : na

Outputs ``smoothing`` (unless Type is None) and ``smoothing_upper`` / ``smoothing_lower`` (SMA +
Bollinger Bands only). Not a study module (its name starts with ``_``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import numpy as np

from ._pine import ma, stdev
from .spec import Fill, Input, Plot, choice, length, number

TYPES = ("None", "SMA", "SMA + Bollinger Bands", "EMA", "SMMA (RMA)", "WMA", "VWMA")
# template text (lower case) -> type; the short names are our catalogue's earlier spellings
CHOICES = {**{t.lower(): t for t in TYPES}, "": "None", "rma": "SMMA (RMA)", "smma": "SMMA (RMA)",
           "simple": "SMA", "exponential": "EMA", "sma + bb": "SMA + Bollinger Bands"}


def inputs(first: int, default: str, default_length: int = 14, *, length_title: str | None = "Length", legacy: tuple[str, ...] = ("smoothingLine", "maType"),
           legacy_length: tuple[str, ...] = ("smoothingLength", "maLength")) -> tuple[Input, ...]:
    """The section's three inputs, ``in_<first>`` onwards (their place in the script). The
    length's title "Length" is left out where the study's own length has it (only its
    ``in_N`` then sets it)."""
    titles = (length_title,) if length_title else ()
    return (
        choice("smoothing", default, CHOICES, f"in_{first}", "Type", *legacy),
        length("smoothing_length", default_length, f"in_{first + 1}", *titles, *legacy_length),
        number("smoothing_mult", 2.0, f"in_{first + 2}", "BB StdDev", minimum=0.001, maximum=50.0),
    )


def outputs(key: str, line: np.ndarray, p: Mapping, volume: np.ndarray | None = None) -> dict[str, np.ndarray]:
    """``{key: line}`` plus the smoothing outputs the inputs ask for."""
    out = {key: line}
    kind = p["smoothing"]
    if kind == "None":
        return out
    out["smoothing"] = ma(kind, line, p["smoothing_length"], volume)
    if kind == "SMA + Bollinger Bands":
        dev = stdev(line, p["smoothing_length"]) * p["smoothing_mult"]
        out["smoothing_upper"] = out["smoothing"] + dev
        out["smoothing_lower"] = out["smoothing"] - dev
    return out


def plots(ma_name: str, color: str = "palette:0", names: tuple[str, ...] = ()) -> tuple[Plot, ...]:
    """The smoothing line (TradingView names it "<X>-based MA"; ``names``: more override names)
    and the two bands."""
    return (
        Plot("smoothing", color=color, width=1.0, names=("smoothing", ma_name.lower(), *names)),
        Plot("smoothing_upper", color="#4CAF50", width=1.0, names=("upper bollinger band",)),
        Plot("smoothing_lower", color="#4CAF50", width=1.0, names=("lower bollinger band",)),
    )


FILLS = (Fill("smoothing_upper", "smoothing_lower", color="#4CAF50", alpha=0.1),)


def legend(p: Mapping, last: Mapping[str, float], number_format: Callable[[float], str]) -> list[tuple[str, str]]:
    """The smoothing line's legend entry, if it is drawn."""
    if "smoothing" not in last:
        return []
    label = p["smoothing"] if p["smoothing"] != "SMA + Bollinger Bands" else f"SMA + BB {p['smoothing_mult']:g}"
    return [("smoothing", f"{label} ({p['smoothing_length']})  {number_format(last['smoothing'])}")]
