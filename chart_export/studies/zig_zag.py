"""Zig Zag, TradingView's built-in: lines joining the swing highs and lows that reverse by at
least "Price deviation for reversals (%)", each pivot labelled with its price, its change from
the pivot before and the volume of its leg; the last leg extends to the last bar.

The Pine script (deepentropy/oakscriptJS, docs/official/indicators_standard/Zig Zag.pine,
commit be99ba4e) only calls ``TradingView/ZigZag/7``'s ``newInstance(Settings.new(...))`` and
``update()``; the library's source is published in the same repository
(docs/official/libraries/TradingView/ZigZag-v8.pine; its header gives no change list against
v7 and no v7 text is stored, but the script's 9-field ``Settings.new`` is v8's type). Its rules,
ported to the oracle (devtools/oracle/ports/zig_zag.py) and equal to it on every committed
series:

* depth = max(2, floor("Pivot legs" / 2)); on every bar, the bar ``depth`` back is a pivot
  high when no high after it is above it and every one of the ``depth`` highs before it is
  below it (``findPivotPoint``; lows mirrored), once ``2 * depth <= bar_index``;
* a pivot of the last pivot's kind that goes further moves the last pivot there; one of the
  other kind becomes a new pivot when it deviates from the last one by the threshold in its
  direction (``100 * (price - last) / |last| >= dev`` after a low, ``<= -dev`` after a high);
  a bar is tried for a high first, then for a low (both may count: allowZigZagOnOneBar);
* a leg's volume: ``volume[depth]`` summed over the bars since the last pivot changed; the
  extension's: that sum plus the last ``depth`` bars' volume; the extension ends at the last
  bar's high (after a low pivot) or low.

Labels (the library's ``priceRotationAggregate``): ``price (+change)`` then, on a second line,
the volume (``format.volume``), above a high in green and below a low in red (the library's
``label.style_none`` with ``yloc.abovebar`` / ``belowbar``); change "Percent" writes
``100 * change / start``. Outputs: ``pivot`` (a pivot's price on its bar; a bar that is a high
and a low pivot shows the later, the low), ``zigzag`` (the
drawn line, interpolated between pivots and along the extension), ``last_pivot`` (the latest
pivot's price from its bar on: the legend's value); and the library's state after each bar's
``update()`` (``TRACE``: the number of pivots, the last pivot's start and end bar and price and
its volume; ``extension`` / ``extension_volume`` on the last bar), which the oracle checks: a
pivot moved later is in it, and the final pivots follow from it."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ._drawing import Label, Line
from ._math import options
from .spec import Computed, Plot, StudySpec, choice, colour, flag, geometry, length, number

GREEN, RED = "#4CAF50", "#F23645"  # Pine's color.green / color.red (the library's label colours)


@dataclass
class Pivot:
    is_high: bool
    vol: float
    start: tuple[int, float]  # (bar, price)
    end: tuple[int, float]


def _candidates(x: np.ndarray, d: int, high: bool) -> np.ndarray:
    """``found[i]``: on bar i, bar i - d is a pivot (findPivotPoint, i >= 2 d)."""
    n = x.shape[0]
    found = np.zeros(n, dtype=bool)
    if n < 2 * d + 1:
        return found
    s = x if high else -x
    win = np.lib.stride_tricks.sliding_window_view(s, 2 * d + 1)  # row r: bars r .. r + 2d, pivot at r + d
    p = win[:, d]
    found[2 * d:] = (win[:, d + 1:].max(axis=1) <= p) & (win[:, :d].max(axis=1) < p)
    return found


def pivots(high: np.ndarray, low: np.ndarray, volume: np.ndarray, dev, legs: int,
           trace: dict[str, np.ndarray] | None = None) -> tuple[list[Pivot], float]:
    """The library's pivots over the whole history, and the volume since the last change.
    ``dev``: the threshold in percent, or one per bar (Auto Fib sets it on every bar; na: no
    reversal on that bar). ``trace``: arrays (``TRACE`` keys) to fill with the library's state
    after each bar's ``update()``: the number of pivots and the last one's ends and volume."""
    d = max(2, legs // 2)
    devs = np.broadcast_to(np.asarray(dev, dtype=np.float64), np.shape(high))
    vol = np.nan_to_num(np.asarray(volume, dtype=np.float64))
    ph, pl = _candidates(high, d, True), _candidates(low, d, False)
    found: list[Pivot] = []
    sum_vol = 0.0

    def point_found(is_high: bool, point: tuple[int, float], dev: float) -> bool:
        nonlocal sum_vol
        if not found:
            found.append(Pivot(is_high, sum_vol, point, point))
            sum_vol = 0.0
            return True
        last = found[-1]
        if last.is_high == is_high:
            if (point[1] > last.end[1]) if is_high else (point[1] < last.end[1]):
                if len(found) == 1:
                    last.start = point
                last.end, last.vol = point, last.vol + sum_vol
                sum_vol = 0.0
                return True
            return False
        change = 100.0 * (point[1] - last.end[1]) / abs(last.end[1]) if last.end[1] != 0 else np.inf * np.sign(
            point[1] - last.end[1])
        if (change <= -dev) if last.is_high else (change >= dev):
            found.append(Pivot(is_high, sum_vol, last.end, point))
            sum_vol = 0.0
            return True
        return False

    for i in range(high.shape[0]):
        if i >= d:
            sum_vol += vol[i - d]
        if ph[i]:
            point_found(True, (i - d, float(high[i - d])), float(devs[i]))
        if pl[i]:
            point_found(False, (i - d, float(low[i - d])), float(devs[i]))
        if trace is not None:
            trace["pivot_count"][i] = len(found)
            if found:
                last = found[-1]
                trace["leg_start_bar"][i], trace["leg_start"][i] = last.start
                trace["leg_end_bar"][i], trace["leg_end"][i] = last.end
                trace["leg_volume"][i] = last.vol
    return found, sum_vol


TRACE = ("pivot_count", "leg_start_bar", "leg_start", "leg_end_bar", "leg_end", "leg_volume")


def _run(c, p, trace=None):
    found, sum_vol = pivots(c.high, c.low, c.volume, float(p["deviation"]), int(p["depth"]), trace)
    ext = None
    n = len(c)
    if p["extend"] and found and n:
        is_high = not found[-1].is_high
        d = max(2, int(p["depth"]) // 2)
        rem = float(np.nansum(c.volume[max(0, n - d):]))
        ext = Pivot(is_high, sum_vol + rem, found[-1].end, (n - 1, float(c.high[-1] if is_high else c.low[-1])))
    return found, ext


def _compute(c, p):
    n = len(c)
    trace = {k: np.full(n, np.nan) for k in TRACE}
    found, ext = _run(c, p, trace)
    pivot, line, last = np.full(n, np.nan), np.full(n, np.nan), np.full(n, np.nan)
    extension, extension_volume = np.full(n, np.nan), np.full(n, np.nan)
    if ext is not None:
        extension[-1], extension_volume[-1] = ext.end[1], ext.vol
    legs = found + ([ext] if ext is not None else [])
    for pv in legs:
        (a, ya), (b, yb) = pv.start, pv.end
        line[a:b + 1] = np.linspace(ya, yb, b - a + 1) if b > a else yb
    for pv in found:
        pivot[pv.end[0]] = pv.end[1]
        last[pv.end[0]:] = pv.end[1]
    return Computed({"zigzag": line, "pivot": pivot, "last_pivot": last, **trace, "extension": extension,
                     "extension_volume": extension_volume}, (found, ext), p)


def _text(pv: Pivot, p) -> tuple[str, tuple[tuple[str, float], ...]]:
    parts, nums = [], []
    start, end = pv.start[1], pv.end[1]
    if p["show_price"]:
        parts.append("{}")
        nums.append(("price", end))
    if p["show_change"]:
        parts.append("({})")
        if p["change_mode"] == "Absolute":
            nums.append(("change", end - start))
        else:
            nums.append(("percent", (end - start) * 100.0 / start if start else np.nan))
    text = " ".join(parts)
    if p["show_volume"]:
        text += "\n{}"
        nums.append(("compact", pv.vol))
    return text, tuple(nums)


def _drawings(c, p, out):
    found, ext = geometry(out, p, lambda: _run(c, p))
    drawn = []
    for pv in found + ([ext] if ext is not None else []):
        if pv.start != pv.end:
            drawn.append(Line(pv.start[0], pv.start[1], pv.end[0], pv.end[1], "=zigzag", width=2, plot="zigzag"))
        text, nums = _text(pv, p)
        if text.strip():
            drawn.append(Label(pv.end[0], pv.end[1], text.strip("\n"), numbers=nums, style="down" if pv.is_high else "up",
                               text_color=GREEN if pv.is_high else RED, plot="zigzag",
                               key="extension" if pv is ext else ("high" if pv.is_high else "low")))
    return drawn


def _legend(p, last, fmt):
    return [("zigzag", f"Zig Zag ({p['deviation']:g}, {p['depth']})  {fmt.price(last['last_pivot'])}")]


STUDY = StudySpec(
    name="Zig Zag",
    kind="zig_zag",
    aliases=("ZigZag",),
    inputs=(
        number("deviation", 5.0, "in_0", "Price deviation for reversals (%)", "deviation", minimum=0.00001,
               maximum=100.0),
        length("depth", 10, "in_1", "Pivot legs", "depth", minimum=2),
        colour("line_color", "#2962ff", "in_2", "Line color", "lineColorInput"),  # the lines (a Plot.color override wins)
        flag("extend", True, "in_3", "Extend to last bar", "extend"),
        flag("show_price", True, "in_4", "Display reversal price"),
        flag("show_volume", True, "in_5", "Display cumulative volume"),
        flag("show_change", True, "in_6", "Display reversal price change"),
        choice("change_mode", "Absolute", options("Absolute", "Percent"), "in_7"),
    ),
    plots=(Plot("zigzag", kind="custom", color="input:line_color", width=2.0, names=("plot", "zigzag", "line")),),
    compute=_compute,
    legend=_legend,
    drawings=_drawings,
    last=None,
)
