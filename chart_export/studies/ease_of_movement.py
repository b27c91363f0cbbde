"""Ease of Movement: how far the bar midpoint moved per unit of volume, scaled by the range.

Formula (TradingView Help Center: "Ease of Movement (EOM)"; TradingView's built-in script
``eom = ta.sma(div * ta.change(hl2) * (high - low) / volume, length)``, div = 10000). A bar
with zero volume and a price move divides by zero: TradingView's ``x / 0`` is +-inf (``0 / 0`` is
na, and ``ta.sma`` skips it), and its running sum then holds inf while that bar is in the
window and na for the rest of the chart once it leaves (inf - inf): the line stops there, as
the PyneCore oracle computes it (``_pine.divide``). First value at bar length.

``in_N`` are Chart-IMG's, what a template written for it means: ``in_0`` the divisor, ``in_1`` the
length (the reverse of the script's declaration order), from Chart-IMG's API documentation (https://doc.chart-img.com/, "TradingView Chart Indicators" >
Ease of Movement; saved copy: github.com/217th/tda_worker_chart_export, docs-worker-chart-export/chart-img-docs/
API Documentation.htm, commit aed440f7cddd9a1841523bbc2eb00cafced220df).
The script's titles (``Length``, ``Divisor``) set them too."""

from __future__ import annotations

import numpy as np

from ._pine import change, divide, finite, sma
from .spec import Pane, Plot, StudySpec, has_volume, length


def _compute(c, p):
    eom = sma(divide(p["divisor"] * change((c.high + c.low) / 2.0) * (c.high - c.low), c.volume), p["length"])
    return {"eom": finite(eom)}


def _note(window, series):
    if not has_volume(window):
        return "no volume data"
    eom = series.get("eom")
    if eom is None or not len(eom) or not np.isnan(eom[-1]):
        return None
    if np.isfinite(eom).any() or moved_without_volume(window).any():  # a line that stopped
        return "no value after a zero-volume bar that moved (a division by zero: TradingView's SMA stays na)"
    return None  # a line not started yet (fewer bars than Length) is no division by zero


def moved_without_volume(c) -> np.ndarray:
    """The bars whose term divides by zero volume: ``hl2`` changed from the bar before and a range
    (``x / 0``, +-inf; the first bar has no change)."""
    high, low = np.asarray(c.high, dtype=np.float64), np.asarray(c.low, dtype=np.float64)
    with np.errstate(invalid="ignore"):
        moved = np.r_[False, np.diff((high + low) / 2.0) != 0] & (high > low)
    return moved & (np.asarray(c.volume, dtype=np.float64) == 0)


STUDY = StudySpec(
    note=_note,
    name="Ease of Movement",
    kind="eom",
    aliases=("EOM", "EMV"),
    inputs=(
        length("length", 14, "length", "Length", "in_1", maximum=2000),
        length("divisor", 10000, "div", "Divisor", "in_0", maximum=1000000000),
    ),
    plots=(Plot("eom", color="#43A047", width=1.5, names=("plot", "eom")),),
    pane=Pane(include=(0.0,), lines=(0.0,), format="auto"),
    compute=_compute,
    legend=lambda p, last, fmt: [("eom", f"EOM ({p['length']}, {p['divisor']})  {fmt.auto(last['eom'])}")],
)
