"""Pivot Points Standard: support/resistance levels for each period, from the previous
period's high, low and close, drawn as horizontal segments per period.

Formula (TradingView Help Center: "Pivot Points Standard"): with H, L, C of the previous
period, O its open, Ocur the current period's open, R = H - L -- Traditional: P = (H + L + C) / 3,
R1 = 2P - L, S1 = 2P - H, R2 = P + R, S2 = P - R, R3 = 2P + (H - 2L), S3 = 2P - (2H - L),
R4 = 3P + (H - 3L), S4 = 3P - (3H - L), R5 = 4P + (H - 4L), S5 = 4P - (4H - L); Fibonacci:
R/S1..3 = P +/- 0.382, 0.618, 1.000 R; Woodie: P = (H + L + 2 Ocur) / 4, R1/S1, R2/S2 as
Traditional, R3 = H + 2 (P - L), S3 = L - 2 (H - P), R4 = R3 + R, S4 = S3 - R; Classic: R1/S1
as Traditional, R2/S2 = P +/- R, R3/S3 = P +/- 2R, R4/S4 = P +/- 3R; DM: X = H + 2L + C
(C < O), 2H + L + C (C > O), H + L + 2C (else), P = X / 4, R1 = X / 2 - L, S1 = X / 2 - H;
Camarilla: P as Traditional, R/S n = C +/- 1.1 R / 12, 6, 4, 2 (n = 1..4), R5 = (H / L) C,
S5 = C - (R5 - C). A type without a level leaves it NaN (not drawn). Levels are piecewise
constant over each period; the first period of the data has none, and only the last
"Number of Pivots Back" periods (15) are drawn, as TradingView.
Pivot timeframe "Auto", as TradingView's built-in script (``timeframe.isintraday ?
(timeframe.multiplier <= 15 ? "D" : "W") : timeframe.isdaily ? "M" : "12M"``): bars of
15 minutes or less -> day; other intraday bars -> week (Monday start); daily and multi-day
bars -> month; weekly and longer -> year. The bar interval is the median spacing of the
candles' times. "Biyearly", "Triyearly", "Quinquennially", "Decennially": the script's
``pivotTimeframe`` is "12M" and its anchor ``timeframe.change(pivotTimeframe) and year %
pivotYearMultiplier == 0`` (2, 3, 5, 10; the daily-based branch counts the same condition on
12M bars), so a period starts with the first bar of a year divisible by N and lasts N years
(``ta.pivot_point_levels`` takes the high, low and close of the bars since the previous anchor).
Periods are calendar periods of the exchange's trading day (``inputs["tz"]``, given by the
renderer because the spec is ``calendar=True``: :mod:`chart_export.sessions`; the chart's time
zone when the exchange is unknown); H/L/C come from the chart's own bars
(TradingView's "Use Daily-based Values", on by default, reads daily bars; off, the chart's
own bars, which is what is drawn here either way: the two agree where the daily bar is the
chart's bars' high, low and close — a 24-hour market — and a partial first period gives the
same levels only if its bars are all there). Checked against the oracle
(``devtools/oracle/ports/pivot_points_standard.py``: the script's anchors, both "Use Daily-based
Values" paths — PyneCore's ``request.security`` on a context it builds from the chart's own bars —
and its draw conditions, every type and anchor incl. Biyearly .. Decennially, each bar given the
levels drawn last; "Number of Pivots Back" 200 there, the deletion of older periods is
left to the unit tests); the port completes PyneCore's ``ta.pivot_point_levels`` (na for Traditional
R4/S4/R5/S5, Woodie and Classic R4/S4, Camarilla R5/S5; Classic R3/S3 as Traditional's) from the
Help Center formulas above, so those levels are checked against the formulas, not against
TradingView; ``tests/data/tradingview/pivot_point_levels.csv`` (TradingView's own Traditional P,
R1, S1) stays the test of the levels themselves. TradingView draws them with lines and
"P (price)" labels; the
levels here are drawn as ``levels`` plots and each level of each period gets the script's
label (Show Labels, Show Prices, Labels Position "Left": ``label.style_label_right`` at the
period's start, text in the level's colour, no box): ``P (123.45)``, ``R1 (...)`` (``P`` or
``(123.45)`` alone when one of the two is off; "Right": ``label.style_label_left`` at the
period's end); a period that
starts left of the visible bars has its labels at the window's left edge, right of it (an
image cannot be scrolled). Every input of the script is taken, at its ``in_N`` (declaration
order): after "Labels Position", "Line Width" (``in_7``, ``line_width``: the lines' width in
px) and per level, in the script's order P, S1, R1, S2, R2 .. S5, R5, its colour (``in_8``,
``in_10`` ..; ``color_<level>``, Pine's title the level's name: ``P``, ``S1``, ``R1`` ..) and
its show toggle (``in_9``, ``in_11`` ..; ``show_<level>``, an empty Pine title: its Pine name
``pShowInput`` .. is its key). As the script's ``line.new(..., color = levelColor, width =
linewidthInput)`` and ``textcolor = levelColor``, a level's colour and the width are its plot's
style (``Plot.style``; the template's ``<level>.color`` / ``.linewidth`` overrides apply over
them) and its labels take the colour; a level not shown is not computed (no line, no label, no
``last`` value, and it does not widen the value range). The legend names P (``n/a`` when P is
not shown)."""

from __future__ import annotations

from datetime import UTC

import numpy as np

from ._bars import bar_seconds
from ._drawing import Label
from ._math import nan, options, period_ids
from .spec import NA, Plot, StudySpec, choice, colour, flag, length

_KINDS = options("Traditional", "Fibonacci", "Woodie", "Classic", "DM", "Camarilla")
_ANCHORS = options("Auto", "Daily", "Weekly", "Monthly", "Quarterly", "Yearly", "Biyearly", "Triyearly",
                   "Quinquennially", "Decennially")
_UNITS = {"Daily": "day", "Weekly": "week", "Monthly": "month", "Quarterly": "quarter", "Yearly": "year"}
# pivotYearMultiplier: the script's anchor is ``timeframe.change("12M") and year % N == 0``
YEARS = {"Biyearly": 2, "Triyearly": 3, "Quinquennially": 5, "Decennially": 10}


def periods(t: np.ndarray, tz, anchor: str) -> np.ndarray:
    """The pivot period of each bar for a fixed anchor: a calendar period, or for the multi-year
    anchors the N years from a year divisible by N (``year // N``: 2020-2021, 2022-2023 biyearly;
    2022-2024 triyearly; 2020-2024 quinquennially; 2020-2029 decennially)."""
    if anchor in YEARS:
        return (period_ids(t, tz, "year") + 1970) // YEARS[anchor]  # years since 1970 -> the year's number
    return period_ids(t, tz, _UNITS[anchor])
_LEVELS = ("p", "r1", "s1", "r2", "s2", "r3", "s3", "r4", "s4", "r5", "s5")  # ta.pivot_point_levels' order
DEFAULT_COLOR = "#FB8C00"
# the levels' colour and show inputs in the script's declaration order (P, then S before R), from in_8
_SETTINGS = ("p", "s1", "r1", "s2", "r2", "s3", "r3", "s4", "r4", "s5", "r5")


def _level_inputs(first: int) -> tuple:
    """``color_<level>`` (Pine's title: the level's name) and ``show_<level>`` (an empty title: the
    Pine name is its key) per level, from ``in_<first>``."""
    out: list = []
    for j, k in enumerate(_SETTINGS):
        n = first + 2 * j
        out += [colour(f"color_{k}", DEFAULT_COLOR, k.upper(), f"{k}ColorInput", f"in_{n}"),
                flag(f"show_{k}", True, f"{k}ShowInput", f"in_{n + 1}")]
    return tuple(out)


def auto_unit(seconds: int) -> str:
    """TradingView's "Auto" pivot timeframe for a chart interval in seconds."""
    if 0 < seconds < 86400:
        return "day" if seconds <= 15 * 60 else "week"
    if seconds < 7 * 86400:
        return "month"
    return "year"


def levels(kind: str, H: float, L: float, C: float, O: float = float("nan"),
           O_cur: float = float("nan")) -> tuple[float, ...]:
    """(P, R1, S1, R2, S2, R3, S3, R4, S4, R5, S5) from the previous period's high, low, close
    and open (``O``) and the current period's open (``O_cur``); NaN for a level the type has not."""
    n = float("nan")
    P = (H + L + C) / 3.0
    R = H - L
    if kind == "Traditional":
        return (P, P * 2 - L, P * 2 - H, P + R, P - R, P * 2 + (H - 2 * L), P * 2 - (2 * H - L),
                P * 3 + (H - 3 * L), P * 3 - (3 * H - L), P * 4 + (H - 4 * L), P * 4 - (4 * H - L))
    if kind == "Fibonacci":
        return P, P + 0.382 * R, P - 0.382 * R, P + 0.618 * R, P - 0.618 * R, P + R, P - R, n, n, n, n
    if kind == "Woodie":
        P = (H + L + 2 * O_cur) / 4.0
        r3, s3 = H + 2 * (P - L), L - 2 * (H - P)
        return P, 2 * P - L, 2 * P - H, P + R, P - R, r3, s3, r3 + R, s3 - R, n, n
    if kind == "Classic":
        return P, 2 * P - L, 2 * P - H, P + R, P - R, P + 2 * R, P - 2 * R, P + 3 * R, P - 3 * R, n, n
    if kind == "DM":
        x = H + 2 * L + C if C < O else (2 * H + L + C if C > O else H + L + 2 * C)
        return x / 4, x / 2 - L, x / 2 - H, n, n, n, n, n, n, n, n
    if kind == "Camarilla":
        r5 = H / L * C if L != 0 else n
        return (P, C + R * 1.1 / 12, C - R * 1.1 / 12, C + R * 1.1 / 6, C - R * 1.1 / 6, C + R * 1.1 / 4,
                C - R * 1.1 / 4, C + R * 1.1 / 2, C - R * 1.1 / 2, r5, C - (r5 - C))
    raise ValueError(f"unknown pivot type {kind!r}")


def _compute(c, p):
    size = len(c)
    out = {k: nan(size) for k in _LEVELS if p.get(f"show_{k}", True)}  # a level not shown: no line, no label
    if size == 0 or not out:
        return out
    tz = p.get("tz") or UTC
    pid = period_ids(c.time, tz, auto_unit(bar_seconds(c.time))) if p["anchor"] == "Auto" else \
        periods(c.time, tz, p["anchor"])
    starts = np.flatnonzero(np.r_[True, pid[1:] != pid[:-1]])
    ends = np.r_[starts[1:], size]
    for j in range(max(1, starts.shape[0] - p["pivots_back"]), starts.shape[0]):
        a, b = int(starts[j - 1]), int(ends[j - 1])
        vals = levels(p["kind"], float(c.high[a:b].max()), float(c.low[a:b].min()), float(c.close[b - 1]),
                      float(c.open[a]), float(c.open[starts[j]]))
        for key, val in zip(_LEVELS, vals):
            if key in out:
                out[key][starts[j]:ends[j]] = val
    return out


def _labels(c, p, out):
    """``NAME (price)`` at the start of each period's levels, for each level it has."""
    shown = [k for k in _LEVELS if k in out]
    names, prices = p.get("show_labels", True), p.get("show_prices", True)
    if not shown or out[shown[0]].shape[0] == 0 or not (names or prices):
        return []
    size = out[shown[0]].shape[0]
    levels_ = np.stack([out[k] for k in shown])
    same = np.all((levels_[:, 1:] == levels_[:, :-1]) | (np.isnan(levels_[:, 1:]) & np.isnan(levels_[:, :-1])), axis=0)
    starts = np.flatnonzero(np.r_[True, ~same])
    ends = np.r_[starts[1:], size]
    left = p.get("labels_position", "Left") == "Left"
    found = []
    for a, b in zip(starts.tolist(), ends.tolist()):
        for key, row in zip(shown, levels_):
            v = float(row[a])
            if np.isfinite(v):
                text = " ".join(([key.upper()] if names else []) + (["({})"] if prices else []))
                found.append(Label(a - 0.5 if left else b - 0.5, v, text, numbers=(("price", v),) if prices else (),
                                   until=b - 0.5 if left else None, text_color="=" + key,
                                   style="right" if left else "left", plot=key, key=key))
    return found


def _style(level: str):
    """A level's plot style from its colour input and the line width (a label takes the colour too)."""
    return lambda p: {"color": p.get(f"color_{level}", DEFAULT_COLOR), "linewidth": p.get("line_width", 1)}


def _legend(p, last, fmt):
    value = fmt.price(last["p"]) if "p" in last else NA  # P not shown: no value either
    return [("p", f"Pivots ({p['kind']}, {p['anchor']}) P  {value}")]


STUDY = StudySpec(
    name="Pivot Points Standard",
    source="TradingView's Help Center formulas where PyneCore's ta.pivot_point_levels has none: 11 levels, six "
           "types, the last 15 periods, each labelled 'P (price)' as the script",
    kind="pivot_points",
    aliases=("Pivot Points", "Pivots"),
    inputs=(
        choice("kind", "Traditional", _KINDS, "kind", "Type", "pivotType", "in_0"),
        choice("anchor", "Auto", _ANCHORS, "pivotTimeframe", "Pivots Timeframe", "anchor", "in_1"),
        length("pivots_back", 15, "maxHistoricalPivots", "Number of Pivots Back", "in_2", maximum=200),
        flag("daily_based", True, "isDailyBased", "Use Daily-based Values", "in_3"),
        flag("show_labels", True, "showLabels", "Show Labels", "in_4"),
        flag("show_prices", True, "showPrices", "Show Prices", "in_5"),
        choice("labels_position", "Left", options("Left", "Right"), "positionLabels", "Labels Position", "in_6"),
        length("line_width", 1, "linewidthInput", "Line Width", "in_7", maximum=100),
        *_level_inputs(8),
    ),
    # levels 4 and 5 are drawn where they fall in the price range but do not widen it (the far
    # Traditional R5/S5 would squeeze the candles to a few pixels)
    # (the script's line.new(..., color = levelColor, width = linewidthInput): each level's colour
    # input and the line width are its plot's style, under the template's overrides of the plot)
    plots=tuple(Plot(k, kind="levels", color=DEFAULT_COLOR, width=1.0, names=(("plot", k) if k == "p" else (k,)),
                     scale=k[-1] not in "45", style=_style(k)) for k in _LEVELS),
    compute=_compute,
    legend=_legend,
    drawings=_labels,
    calendar=True,
)
