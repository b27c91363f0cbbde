"""Auto Pitchfork, TradingView's built-in: Andrews' pitchfork on the last three Zig Zag
pivots — a median line from the first pivot (by "Type") through the middle of the other two,
the handle joining those two, and parallel level lines either side at fractions of their half
distance (0.5 and 1 shown by default), the bands between them filled (Pine source:
deepentropy/oakscriptJS, docs/official/indicators_standard/Auto Pitchfork.pine, commit be99ba4e).

Pivots: TradingView's ZigZag library (``TradingView/ZigZag/7``, not runnable offline;
:func:`.zig_zag.pivots` has its rules) with threshold 0 and depth "Depth"; the script takes
the second-to-last pivot's start and end (``prevP``, ``lastP``) and the third-to-last's start
(``prev2P``). ``getMedianData`` (Original, Schiff, Modified Schiff, Inside) and ``drawLevel``
are the script's arithmetic on bar indices (with its half-bar offsets when a midpoint falls
between bars); lines extend right ("Extend left": both ways). Every input of the script is taken
at its ``in_N``: the median line's colour, width, style (``in_4``..``in_6``, also the handle's),
then nine levels (0.25, 0.382, 0.5, 0.618, 0.75, 1, 1.5, 1.75, 2; 0.5 #4caf50 and 1 #2962ff shown
by default) of five inputs each from ``in_7``: ``show_<level>``, ``value_<level>``,
``color_<level>``, ``width_<level>``, ``style_<level>`` (``show_0_25`` ...; the titles are empty,
the Pine names are the keys). A hidden level is not drawn; a shown one's two lines fill to the
previous shown level's (the first: between its own two) in its colour at "Background
Transparency"; a colour's own opacity is its lines'. The level lines are keyed ``level`` in the
manifest's ``meta.studies[].drawings``, the median line ``median``.
Outputs ``median_start`` / ``median_end`` (the median line's two points' prices on the last bar)
and ``median`` (the median line's value on every bar from its start: the legend's value). No
oracle vectors (the library cannot run offline): tests hold it to hand-worked pivots."""

from __future__ import annotations

import math

import numpy as np

from ._drawing import LineFill, Line
from ._math import options
from .spec import Computed, Plot, StudySpec, geometry, choice, colour, flag, length, number, split_colour
from .zig_zag import pivots

MEDIAN = "#f44336"
# The script's levels in declaration (and processLevel) order: (name, value, colour, shown); each takes
# five inputs, show_<name>, value_<name>, color_<name>, width_<name>, style_<name>
LEVELS = (("0_25", 0.25, "#ffb74d", False), ("0_382", 0.382, "#81c784", False), ("0_5", 0.5, "#4caf50", True),
          ("0_618", 0.618, "#009688", False), ("0_75", 0.75, "#64b5f6", False), ("1", 1.0, "#2962ff", True),
          ("1_5", 1.5, "#9c27b0", False), ("1_75", 1.75, "#e91e63", False), ("2", 2.0, "#e91e63", False))
TYPES = options("Original", "Schiff", "Modified Schiff", "Inside")
STYLES = options("Dashed", "Dotted", "Solid")


def _level_inputs(first: int) -> tuple:
    """The per-level inputs from ``in_<first>`` on (their titles are empty: the Pine names are their keys)."""
    out: list = []
    for j, (name, value, col, shown) in enumerate(LEVELS):
        k = first + 5 * j
        out += [flag(f"show_{name}", shown, f"in_{k}", f"show_{name}"),
                number(f"value_{name}", value, f"in_{k + 1}", f"value_{name}", minimum=0.0),
                colour(f"color_{name}", col, f"in_{k + 2}", f"color_{name}"),
                length(f"width_{name}", 1, f"in_{k + 3}", f"width_{name}"),
                choice(f"style_{name}", "Solid", STYLES, f"in_{k + 4}", f"style_{name}")]
    return tuple(out)


def _pen(p, colour_key: str, width_key: str, style_key: str) -> dict:
    """A line's colour (its opacity apart), width and style from its inputs."""
    rgb, alpha = split_colour(p[colour_key])
    return {"color": rgb, "alpha": alpha, "width": int(p[width_key]), "style": p[style_key].lower()}


def points(c, depth: int):
    """(prev2P, prevP, lastP) as (bar, price), or None when the ZigZag has fewer than three pivots."""
    found, _ = pivots(c.high, c.low, c.volume, 0.0, depth)
    if len(found) < 3:
        return None
    p, p2 = found[-2], found[-3]
    return p2.start, p.start, p.end


def _offset(start, end):
    return (start[1] - end[1]) * 0.5 / abs(start[0] - end[0] - 0.5)


def median(kind: str, prev2, prev, last):
    """getMedianData: the median line's start and end points (bar, price)."""
    end = [math.floor((prev[0] + last[0]) / 2), (prev[1] + last[1]) / 2]
    odd = (last[0] - prev[0]) % 2 != 0
    if kind == "Original":
        start = list(prev2)
        end[1] += _offset(start, end) if odd else 0.0
    elif kind == "Schiff":
        start = [prev2[0], (prev[1] + prev2[1]) / 2]
        end[1] += _offset(start, end) if odd else 0.0
    elif kind == "Modified Schiff":
        start = [math.floor((prev[0] + prev2[0]) / 2), (prev[1] + prev2[1]) / 2]
        off = _offset(start, end)
        start[1] += off if (prev2[0] - prev[0]) % 2 != 0 else 0.0
        end[1] += off if odd else 0.0
    else:  # Inside
        start = list(last)
        slope = ((prev[1] + prev2[1]) / 2 - last[1]) / ((prev[0] + prev2[0]) / 2 - last[0])
        start[1] = slope * (start[0] - (prev[0] + last[0]) / 2) + end[1]
        end[1] -= _offset(start, end) if odd else 0.0
    return tuple(start), tuple(end)


def level_line(prev, last, i_diff: float, p_diff: float, level: float, slope: float):
    """drawLevel: one level line's two points."""
    i_end, p_end = (prev[0] + last[0]) / 2, (prev[1] + last[1]) / 2
    temp = i_end + (i_diff if prev[1] > last[1] else -i_diff) * level
    x0 = math.ceil(temp)
    y0 = p_end - p_diff * level
    x1 = x0 + 1
    y1 = slope * (x1 - temp) + y0
    frac = temp - x0
    if frac != 0:
        y0 -= (y0 - y1) * frac / (temp - x1)
    return (x0, y0), (x1, y1)


def _geometry(c, p):
    if len(c) == 0:
        return None
    pts = points(c, int(p["depth"]))
    if pts is None:
        return None
    prev2, prev, last = pts
    start, end = median(p["kind"], prev2, prev, last)
    return prev2, prev, last, start, end


def _compute(c, p):
    n = len(c)
    out = {k: np.full(n, np.nan) for k in ("median_start", "median_end", "median")}
    g = _geometry(c, p)
    if g is None:
        return Computed(out, g, p)
    _, _, _, start, end = g
    out["median_start"][-1], out["median_end"][-1] = start[1], end[1]
    slope = (end[1] - start[1]) / (end[0] - start[0]) if end[0] != start[0] else np.nan
    a = min(start[0], end[0]) if not p["extend_left"] else 0
    x = np.arange(a, n, dtype=np.float64)
    out["median"][a:] = start[1] + slope * (x - start[0])
    return Computed(out, g, p)


def _drawings(c, p, out):
    g = geometry(out, p, lambda: _geometry(c, p))
    if g is None:
        return []
    prev2, prev, last, start, end = g
    ext = "both" if p["extend_left"] else "right"
    kind = p["kind"]
    pen = _pen(p, "median_color", "median_width", "median_style")
    med = Line(*end, *start, extend=ext, plot="median", key="median", **pen) if kind == "Inside" else \
        Line(*start, *end, extend=ext, plot="median", key="median", **pen)
    drawn: list = [med, Line(*prev, *last, plot="median", **pen)]
    if kind != "Original":
        drawn.append(Line(*prev2, *prev, plot="median", **pen))
    if kind == "Inside":
        mid = (math.floor((prev[0] + prev2[0]) / 2 + 0.5), (prev[1] + prev2[1]) / 2)  # math.round: half up
        drawn.append(Line(*mid, *last, plot="median", **pen))
    if end[0] == start[0]:
        return drawn
    i_diff, p_diff = abs(prev[0] - last[0]) / 2, abs(prev[1] - last[1]) / 2
    slope = (end[1] - start[1]) / (end[0] - start[0])
    alpha = (100 - int(p["transparency"])) / 100.0
    before = None
    for name, *_ in LEVELS:
        if not p[f"show_{name}"]:
            continue
        level = float(p[f"value_{name}"])
        pen = _pen(p, f"color_{name}", f"width_{name}", f"style_{name}")
        col = pen["color"]  # the fills: color.new(color, backgroundTransparency)
        l1 = Line(*sum(level_line(prev, last, -i_diff, -p_diff, level, slope), ()), extend=ext, plot="median",
                  key="level", **pen)
        l2 = Line(*sum(level_line(prev, last, i_diff, p_diff, level, slope), ()), extend=ext, plot="median",
                  key="level", **pen)
        drawn += [l1, l2]
        if before is None:
            drawn.append(LineFill(l1, l2, col, alpha=alpha, plot="median"))
        else:
            drawn += [LineFill(l1, before[0], col, alpha=alpha, plot="median"),
                      LineFill(l2, before[1], col, alpha=alpha, plot="median")]
        before = (l1, l2)
    return drawn


def _legend(p, last, fmt):
    # the median line's colour input; the plot's (its "median.color" override) while that is the default
    swatch = "median" if p["median_color"] == MEDIAN else split_colour(p["median_color"])[0]
    return [(swatch, f"Auto Pitchfork ({p['depth']}, {p['kind']})  {fmt.price(last['median'])}")]


STUDY = StudySpec(
    name="Auto Pitchfork",
    source="TradingView's Auto Pitchfork.pine; the pivots come from the ZigZag library (not runnable offline): hand-worked pivots and geometry",
    kind="auto_pitchfork",
    aliases=("Pitchfork",),
    inputs=(
        length("depth", 10, "in_0", "Depth", "depth", minimum=2),
        choice("kind", "Original", TYPES, "in_1", "Type", "typeP"),
        length("transparency", 85, "in_2", "Background Transparency", minimum=0, maximum=100),
        flag("extend_left", False, "in_3", "Extend left", "isExtended"),
        colour("median_color", MEDIAN, "in_4", "Median line", "medianColor"),
        length("median_width", 1, "in_5", "medianWidth"),
        choice("median_style", "Solid", STYLES, "in_6", "medianStyle"),
        *_level_inputs(7),
    ),
    plots=(Plot("median", kind="custom", color=MEDIAN, names=("plot", "median", "median line")),),
    compute=_compute,
    legend=_legend,
    drawings=_drawings,
)
