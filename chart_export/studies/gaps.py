"""Gaps, TradingView's built-in: a box over each price gap between two bars (the low above the
previous high, or the high below the previous low, by at least "Minimal Deviation (%)" of the
14-bar average range), extended right until price fills it; the last "Max Number of Gaps"
are kept (Pine source: deepentropy/oakscriptJS, docs/official/indicators_standard/Gaps.pine,
commit be99ba4e).

As the script, bar by bar: first every open gap is checked (its box's right edge moves to the
bar; a bar reaching into the gap closes it — fully, or with "Close Gaps Partially" the box
stops and a smaller one continues from this bar with the part still open; a bar crossing the
whole gap, or a trail longer than the optional limit, closes it fully, and a partially
closed gap's last box is then deleted), then a new gap gets its box from the bar before it,
``extend.right`` while open. Colours: the inputs "Up Gaps" / "Down Gaps" (``in_5`` / ``in_7``:
the borders, color.green / color.red) and their fills (``in_6`` / ``in_8``, 85 % transparent),
each at its own opacity.
Outputs: ``gap`` (1 on the bar that opens an up gap, -1 down, 0 else: tests/test_oracle.py
holds it to TradingView) and ``open`` (the number of gaps still open after each bar, of
those kept). Boxes go to the manifest (``gap_up`` / ``gap_down`` with their prices)."""

from __future__ import annotations

import numpy as np

from ._drawing import Box
from ._pine import nz, shift, sma
from .spec import Computed, Plot, StudySpec, colour, flag, geometry, length, number, split_colour

GREEN, RED = "#4caf50", "#f23645"  # Pine v6 color.green / color.red


def _detect(c, p):
    dev = nz(p["deviation"] / 100.0 * sma(c.high - c.low, 14))
    lo1, hi1 = shift(c.low, 1), shift(c.high, 1)
    with np.errstate(invalid="ignore"):
        down = (c.high < lo1) & (lo1 - c.high >= dev)
        up = (c.low > hi1) & (c.low - hi1 >= dev)
    return up, down


def simulate(c, p):
    """The script's gaps after the last bar, and the open count per bar: each gap is
    ``[active, is_down, boxes]``, a box ``[left, top, right, bottom, extend_right, down_colours]``."""
    up, down = _detect(c, p)
    gaps: list[list] = []
    n = len(c)
    open_count = np.zeros(n)
    partial, limit_on, limit = bool(p["partial"]), bool(p["limit_length"]), int(p["max_length"])
    for i in range(n):
        hi, lo = float(c.high[i]), float(c.low[i])
        for g in gaps:
            if not g[0]:
                continue
            box = g[2][-1]
            top, bot, is_down = box[1], box[3], g[1]
            box[2] = i

            def full_close(g=g):
                g[2][-1][4] = False
                g[0] = False
                if partial:
                    g[2].pop()

            if (hi > bot and is_down) or (lo < top and not is_down):
                if partial:
                    box[4] = False
                    g[2].append([i, top if is_down else lo, i, hi if is_down else bot, False, is_down])
                else:
                    full_close()
            if ((hi > top and is_down) or (lo < bot and not is_down)) or (limit_on and i - box[0] >= limit):
                if g[0]:
                    full_close()
        if up[i] or down[i]:
            d = bool(down[i])
            gaps.append([True, d, [[i - 1, float(c.low[i - 1]) if d else lo, i, hi if d else float(c.high[i - 1]),
                                    True, d]]])
            if len(gaps) > p["max_gaps"]:
                gaps.pop(0)
        open_count[i] = sum(1 for g in gaps if g[0])
    return gaps, open_count, up, down


def _compute(c, p):
    if len(c) == 0:
        return {"gap": np.zeros(0), "open": np.zeros(0)}
    gaps, open_count, up, down = simulate(c, p)
    return Computed({"gap": up.astype(np.float64) - down.astype(np.float64), "open": open_count}, gaps, p)


def _drawings(c, p, out):
    if len(c) == 0:
        return []
    gaps = geometry(out, p, lambda: simulate(c, p)[0])
    drawn = []
    for active, is_down, boxes in gaps:
        for left, top, right, bottom, ext, down_colours in boxes:
            side = "down" if down_colours else "up"
            fill, alpha = split_colour(p[f"{side}_background"])
            drawn.append(Box(left, top, right, bottom, fill, alpha=alpha, border=p[f"{side}_border"],
                             extend="right" if ext else "none",
                             plot="gap", key="gap_down" if is_down else "gap_up"))
    return drawn


def _legend(p, last, fmt):
    return [("gap", f"Gaps ({p['deviation']:g}%)  {fmt.compact(last['open'])} open")]


STUDY = StudySpec(
    name="Gaps",
    kind="gaps",
    aliases=("Gap", "Price Gaps"),
    inputs=(
        flag("partial", False, "in_0", "Close Gaps Partially", "closeGapsPartially"),
        length("max_gaps", 15, "in_1", "Max Number of Gaps", "boxLimit", maximum=500),
        number("deviation", 30.0, "in_2", "Minimal Deviation (%)", "minimalDeviation", minimum=1.0, maximum=100.0),
        flag("limit_length", False, "in_3", "Limit Max Gap Trail Length (bars)"),
        length("max_length", 300, "in_4", "maxLength"),
        colour("up_border", GREEN, "in_5", "Up Gaps", "colorUpBorderInput"),
        colour("up_background", GREEN + "26", "in_6", "colorUpBackgroundInput"),  # color.new(color.green, 85)
        colour("down_border", RED, "in_7", "Down Gaps", "colorDownBorderInput"),
        colour("down_background", RED + "26", "in_8", "colorDownBackgroundInput"),
    ),
    plots=(Plot("gap", kind="custom", color=GREEN, names=("plot", "gap", "gaps")),),
    compute=_compute,
    legend=_legend,
    drawings=_drawings,
)
