"""Auto Fib Retracement, TradingView's built-in: Fibonacci levels over the last Zig Zag leg,
each a horizontal line from the leg's start to its end (extended right by default) labelled
``level(price)`` at the start, the bands between shown levels filled in the level's colour,
and the leg itself dashed grey (Pine source: deepentropy/oakscriptJS,
docs/official/indicators_standard/Auto Fib Retracement.pine, commit be99ba4e).

The leg is the last pivot of TradingView's ZigZag library (``TradingView/ZigZag/7``, published
as docs/official/libraries/TradingView/ZigZag-v8.pine: :func:`.zig_zag.pivots` has its rules) with depth "Depth" and, on every bar,
the threshold ``ta.atr(10) / close * 100 * Deviation`` (na on the first 9 bars: no reversal
there); no extension. ``startPrice`` = the leg's end (its start with "Reverse"), ``height`` =
the other end minus it; level ``m`` is at ``startPrice + height * m``: 0 is where the leg ended,
1 where it started. The script's 22 levels each take three inputs, declared after "Background
Transparency" (``in_10`` on; Extension's from ``in_9``): ``show_<level>``, ``value_<level>``,
``color_<level>`` (``show_0_236`` ...; ``neg_0_382`` for -0.382; the titles are empty, the Pine
names are the keys); shown by default: 0, 0.236, 0.382, 0.5, 0.618, 0.786, 1, 1.618, 2.618,
3.618, 4.236 in the script's colours. Hidden levels are not drawn; each shown level's band is
filled from the previous shown one in processLevel's order (-0.65 .. -0.236, then 0 .. 4.618 as
declared) in its colour at "Background Transparency"; a colour's own opacity is its line's. Outputs
``level_0`` and ``level_1`` (the two ends, on the leg's bars and after; the legend's values);
the levels' prices are in the manifest's ``meta.studies[].drawings`` (key ``level``: lines and labels).
The oracle (devtools/oracle/ports/auto_fib_retracement.py: the script with the library) checks
the script's state after every bar (:func:`script_state`) on the committed series. With fewer
than two pivots before the last bar the script stops (``runtime.error``, "Not enough data"):
TradingView draws nothing of it, nor do we."""

from __future__ import annotations

import numpy as np

from ._drawing import Box, Label, Line
from ._math import options
from ._pine import atr
from .spec import Computed, Input, Plot, StudySpec, geometry, choice, colour, flag, length, number, split_colour
from .zig_zag import TRACE, pivots

# The script's levels in declaration order: (name, value, colour, shown); each takes three inputs,
# ``show_<name>``, ``value_<name>`` (``input(0)`` and ``input(1)`` are Pine int inputs), ``color_<name>``.
LEVELS = (("0", 0, "#787b86", True), ("0_236", 0.236, "#f44336", True), ("0_382", 0.382, "#81c784", True),
          ("0_5", 0.5, "#4caf50", True), ("0_618", 0.618, "#009688", True), ("0_65", 0.65, "#009688", False),
          ("0_786", 0.786, "#64b5f6", True), ("1", 1, "#787b86", True), ("1_272", 1.272, "#81c784", False),
          ("1_414", 1.414, "#f44336", False), ("1_618", 1.618, "#2962ff", True), ("1_65", 1.65, "#2962ff", False),
          ("2_618", 2.618, "#f44336", True), ("2_65", 2.65, "#f44336", False), ("3_618", 3.618, "#9c27b0", True),
          ("3_65", 3.65, "#9c27b0", False), ("4_236", 4.236, "#e91e63", True), ("4_618", 4.618, "#81c784", False),
          ("neg_0_236", -0.236, "#f44336", False), ("neg_0_382", -0.382, "#81c784", False),
          ("neg_0_618", -0.618, "#009688", False), ("neg_0_65", -0.65, "#009688", False))
# processLevel's call order: the negative levels first (-0.65 up), then the others as declared; each
# shown level's band is filled from the previous shown one in this order, in its own colour
ORDER = tuple(reversed([lv[0] for lv in LEVELS if lv[0].startswith("neg")])) + \
    tuple(lv[0] for lv in LEVELS if not lv[0].startswith("neg"))


def level_inputs(first: int) -> tuple:
    """The per-level inputs from ``in_<first>`` on: show, value, colour of each level as declared
    (their titles are empty in the script: the Pine variable names are their template keys)."""
    out: list = []
    for j, (name, value, col, shown) in enumerate(LEVELS):
        k = first + 3 * j
        kind = "int" if isinstance(value, int) else "float"
        out += [flag(f"show_{name}", shown, f"in_{k}", f"show_{name}"),
                Input(f"value_{name}", kind, value, (f"in_{k + 1}", f"value_{name}")),
                colour(f"color_{name}", col, f"in_{k + 2}", f"color_{name}")]
    return tuple(out)


def shown_levels(p) -> list[tuple[float, str]]:
    """(value, colour) of each shown level, in processLevel's order."""
    return [(float(p[f"value_{name}"]), p[f"color_{name}"]) for name in ORDER if p[f"show_{name}"]]


def last_leg(c, p, dev_of=None):
    """(start bar, start price, end bar, end price) of the ZigZag's last pivot, or None."""
    dev = (dev_of or _dev)(c, p)
    found, _ = pivots(c.high, c.low, c.volume, dev, int(p["depth"]))
    if not found:
        return None
    last = found[-1]
    return last.start[0], last.start[1], last.end[0], last.end[1]


def _dev(c, p):
    with np.errstate(invalid="ignore", divide="ignore"):
        return atr(c.high, c.low, c.close, 10) / c.close * 100.0 * float(p["deviation"])


def level_text(m: float, p) -> str:
    """The label's ``str.tostring(level)`` / ``level * 100 + "%"`` part (Pine writes 0 and 1 bare)."""
    if not p["show_levels"]:
        return ""
    v = m if p["levels_format"] == "Values" else m * 100.0
    s = f"{v:.10f}".rstrip("0").rstrip(".")
    return s + ("%" if p["levels_format"] == "Percent" else "")


def _script(c, p):
    """(the leg to draw: (start bar, start price, end bar, end price) of the last pivot, None
    without one or when the script stops; the script's state, :func:`script_state`), from one
    pass of the library."""
    n = len(c)
    trace = {k: np.full(n, np.nan) for k in TRACE}
    found, _ = pivots(c.high, c.low, c.volume, _dev(c, p), int(p["depth"]), trace)
    a, b = trace["leg_start"], trace["leg_end"]
    start, other = (a, b) if p["reverse"] else (b, a)
    with np.errstate(invalid="ignore"):
        height = np.where(start > other, -1.0, 1.0) * np.abs(start - other)
    stop = np.zeros(n)
    if n:
        stop[-1] = 1.0 if (trace["pivot_count"][-2] if n > 1 else 0) < 2 else 0.0
    state = {"start_price": start, "height": height, "leg_start_bar": trace["leg_start_bar"],
             "leg_end_bar": trace["leg_end_bar"], "not_enough_data": stop}
    leg = None
    if found and not stop[-1]:  # the script's runtime.error: TradingView draws nothing
        last = found[-1]
        leg = (last.start[0], last.start[1], last.end[0], last.end[1])
    return leg, state


def script_state(c, p) -> dict[str, np.ndarray]:
    """The script's ``var`` state after each bar (what the oracle checks): ``start_price``,
    ``height`` and lastP's ``leg_start_bar`` / ``leg_end_bar``; ``not_enough_data`` is 1 on the
    last bar when the library held fewer than two pivots before it (the script's runtime.error)."""
    return _script(c, p)[1]


def _compute(c, p):
    n = len(c)
    leg, state = _script(c, p)
    out = {"level_0": np.full(n, np.nan), "level_1": np.full(n, np.nan), **state}
    if leg is not None:
        a, pa, b, pb = leg
        start, other = (pa, pb) if p["reverse"] else (pb, pa)
        out["level_0"][a:] = start
        out["level_1"][a:] = other
    return Computed(out, leg, p)


def levels_drawings(c, p, levels, *, x_from: int, x_to: int, start: float, height: float, plot: str):
    """Lines, labels and fills of ``levels`` (``(m, colour)``) from bar ``x_from`` to ``x_to``."""
    ext = {(False, False): "none", (True, False): "left", (False, True): "right", (True, True): "both"}[
        (bool(p["extend_left"]), bool(p["extend_right"]))]
    left = p["labels_position"] == "Left"
    drawn, prev = [], None
    for m, col in levels:
        r = start + height * m
        rgb, opacity = split_colour(col)
        drawn.append(Line(x_from, r, x_to, r, rgb, width=1, extend=ext, plot=plot, key="level", alpha=opacity))
        text = level_text(m, p) + ("({})" if p["show_prices"] else "")
        if text:
            x = x_from if left else (x_to if not p["extend_right"] else len(c) - 1)
            drawn.append(Label(x - 0.5 if left else x + 0.5, r, text, numbers=(("price", r),) if p["show_prices"] else (),
                               style="right" if left else "left", text_color=col, plot=plot,
                               key="level", until=x_to if left else None))
        if prev is not None:  # linefill.new(lineId, lineIdOther, color.new(colorL, backgroundTransparency))
            alpha = (100 - int(p["transparency"])) / 100.0
            drawn.append(Box(x_from, prev, x_to, r, rgb, alpha=alpha, extend=ext, plot=plot))
        prev = r
    return drawn


def _drawings(c, p, out):
    leg = geometry(out, p, lambda: _script(c, p)[0] if len(c) else None)
    if leg is None:
        return []
    a, pa, b, pb = leg
    start, other = (pa, pb) if p["reverse"] else (pb, pa)
    height = (-1.0 if start > other else 1.0) * abs(start - other)
    drawn = [Line(a, pa, b, pb, "#787b86", width=1, style="dashed", plot="level_0")]
    return drawn + levels_drawings(c, p, shown_levels(p), x_from=a, x_to=b, start=start, height=height, plot="level_0")


def _legend(p, last, fmt):
    return [("level_0", f"Auto Fib Retracement ({p['deviation']:g}, {p['depth']})  {fmt.price(last['level_0'])}"),
            ("#787b86", f"Leg start  {fmt.price(last['level_1'])}")]


def fib_inputs(deviation: bool):
    """The two Auto Fib scripts' inputs in order (Extension has no Deviation)."""
    first = (number("deviation", 3.0, "in_0", "Deviation", "threshold_multiplier", minimum=0.0),) if deviation else ()
    k = len(first)
    rest = (
        length("depth", 10, f"in_{k}", "Depth", "depth", minimum=2),
        flag("reverse", False, f"in_{k + 1}", "Reverse"),
        flag("extend_left", False, f"in_{k + 2}", "Extend Left", "Extend Left | Extend Right"),  # Pine's title
        flag("extend_right", True, f"in_{k + 3}", "Extend Right", "extendRight"),
        flag("show_prices", True, f"in_{k + 4}", "Show Prices"),
        flag("show_levels", True, f"in_{k + 5}", "Show Levels"),
        choice("levels_format", "Values", options("Values", "Percent"), f"in_{k + 6}", "levelsFormat"),
        choice("labels_position", "Left", options("Left", "Right"), f"in_{k + 7}", "Labels Position"),
        length("transparency", 85, f"in_{k + 8}", "Background Transparency", minimum=0, maximum=100),
    )
    return first + rest + level_inputs(k + 9)


STUDY = StudySpec(
    name="Auto Fib Retracement",
    kind="auto_fib_retracement",
    aliases=("Auto Fib", "Auto Fibonacci Retracement"),
    inputs=fib_inputs(True),
    plots=(Plot("level_0", kind="custom", color="#787b86", names=("plot", "levels")),),
    compute=_compute,
    legend=_legend,
    drawings=_drawings,
)
