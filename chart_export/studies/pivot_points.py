"""Pivot Points Standard: support/resistance levels for each period, from the previous
period's high, low and close, drawn as horizontal segments per period.

Formula (TradingView Help Center: "Pivot Points Standard"): with H, L, C of the previous
period -- Traditional: P = (H + L + C) / 3, R1 = 2P - L, S1 = 2P - H, R2 = P + (H - L),
S2 = P - (H - L), R3 = H + 2 (P - L), S3 = L - 2 (H - P); Fibonacci: R/S1..3 = P +/-
0.382, 0.618, 1.000 x (H - L); Classic: R1/S1 as Traditional, R2/S2 = P +/- (H - L),
R3/S3 = P +/- 2 (H - L). Levels are piecewise constant over each period; the first period
of the data has none (NaN).
Pivot timeframe "Auto", as TradingView's built-in script (``timeframe.isintraday ?
(timeframe.multiplier <= 15 ? "D" : "W") : timeframe.isdaily ? "M" : "12M"``): bars of
15 minutes or less -> day; other intraday bars -> week (Monday start); daily and multi-day
bars -> month; weekly and longer -> year. The bar interval is the median spacing of the
candles' times.
Periods are calendar periods in the chart's time zone (``inputs["tz"]``, given by the
renderer because the spec is ``calendar=True``); H/L/C come from the chart's own bars
(TradingView's "Use Daily-based Values" reads daily bars; a partial first period therefore
gives the same levels only if its bars are all there). Woodie, DM and Camarilla types are
not implemented. No TA-Lib function."""

from __future__ import annotations

from datetime import UTC

import numpy as np

from ._math import nan, options, period_ids
from .spec import Plot, StudySpec, choice

_KINDS = options("Traditional", "Fibonacci", "Classic")
_ANCHORS = options("Auto", "Daily", "Weekly", "Monthly", "Quarterly", "Yearly")
_UNITS = {"Daily": "day", "Weekly": "week", "Monthly": "month", "Quarterly": "quarter", "Yearly": "year"}
_LEVELS = ("p", "r1", "r2", "r3", "s1", "s2", "s3")


def bar_seconds(t: np.ndarray) -> int:
    """Chart interval in seconds: the median spacing of the bar times (0 if < 2 bars)."""
    t = np.asarray(t, dtype=np.int64)
    return int(np.median(np.diff(t))) if t.shape[0] >= 2 else 0


def auto_unit(seconds: int) -> str:
    """TradingView's "Auto" pivot timeframe for a chart interval in seconds."""
    if 0 < seconds < 86400:
        return "day" if seconds <= 15 * 60 else "week"
    if seconds < 7 * 86400:
        return "month"
    return "year"


def levels(kind: str, H: float, L: float, C: float) -> tuple[float, ...]:
    """(P, R1, R2, R3, S1, S2, S3) from the previous period's high, low and close."""
    P = (H + L + C) / 3.0
    R = H - L
    if kind == "Traditional":
        return P, 2 * P - L, P + R, H + 2 * (P - L), 2 * P - H, P - R, L - 2 * (H - P)
    if kind == "Fibonacci":
        return P, P + 0.382 * R, P + 0.618 * R, P + R, P - 0.382 * R, P - 0.618 * R, P - R
    if kind == "Classic":
        return P, 2 * P - L, P + R, P + 2 * R, 2 * P - H, P - R, P - 2 * R
    raise ValueError(f"unknown pivot type {kind!r}")


def _compute(c, p):
    size = len(c)
    out = {k: nan(size) for k in _LEVELS}
    if size == 0:
        return out
    unit = auto_unit(bar_seconds(c.time)) if p["anchor"] == "Auto" else _UNITS[p["anchor"]]
    pid = period_ids(c.time, p.get("tz") or UTC, unit)
    starts = np.flatnonzero(np.r_[True, pid[1:] != pid[:-1]])
    ends = np.r_[starts[1:], size]
    for j in range(1, starts.shape[0]):
        a, b = int(starts[j - 1]), int(ends[j - 1])
        vals = levels(p["kind"], float(c.high[a:b].max()), float(c.low[a:b].min()), float(c.close[b - 1]))
        for key, val in zip(_LEVELS, vals):
            out[key][starts[j]:ends[j]] = val
    return out


def _legend(p, last, fmt):
    return [("p", f"Pivots ({p['kind']}, {p['anchor']}) P  {fmt.price(last['p'])}")]


STUDY = StudySpec(
    name="Pivot Points Standard",
    source="TradingView's Help Center formulas (the Pine script calls ta.pivot_point_levels; not ported to the oracle yet): P-S3, three types",
    kind="pivot_points",
    aliases=("Pivot Points", "Pivots"),
    inputs=(
        choice("kind", "Traditional", _KINDS, "kind", "Type", "pivotType", "in_0"),
        choice("anchor", "Auto", _ANCHORS, "pivotTimeframe", "Pivots Timeframe", "anchor", "in_1"),
    ),
    plots=tuple(Plot(k, kind="levels", color="#FB8C00", width=1.0, names=(("plot", k) if k == "p" else (k,)))
                for k in _LEVELS),
    compute=_compute,
    legend=_legend,
    calendar=True,
)
