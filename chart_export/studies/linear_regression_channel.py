"""Linear Regression Channel ("LinReg"), TradingView's built-in: the least-squares line of the
last ``length`` values of the source, a channel ``mult`` standard deviations of the residuals
above and below it (or, with a deviation unticked, the largest distance of a high above / a
low below the line), filled blue above the line and red below, and Pearson's R written under
the channel's start (Pine source: deepentropy/oakscriptJS,
docs/official/indicators_standard/Linear Regression Channel.pine, commit be99ba4e).

The script computes on the last bar only (``barstate.islast``): with ``x = i + 1`` for the
value ``i`` bars back, ``slope = (n Sxy - Sx Sy) / (n Sxx - Sx^2)``, ``average = Sy / n``,
``intercept = average - slope Sx / n + slope`` (the line's value on the last bar: ``end``),
``start = intercept + slope (n - 1)``; ``stdDev = sqrt(sum (src - line)^2 / (n - 1))``, R from the
same loop. Outputs ``start``, ``end``, ``upper_start``, ``upper_end``, ``lower_start``,
``lower_end``, ``pearson`` are those numbers on the last bar (na before, as the script's series:
tests/test_oracle.py holds them to TradingView); ``upper`` / ``base`` / ``lower`` are the drawn
lines over the last ``length`` bars (over every bar with "Extend Lines Left"; "Extend Lines
Right" has no bars to reach on a chart that ends at its last bar). The two "Color Settings"
inputs (``in_9`` / ``in_10``, ``colorUpper`` / ``colorLower``, 85 % transparent blue / red)
fill above / below the line at their opacity and draw, opaque, the upper and lower lines and
Pearson's R (the upper colour) and the line itself (the lower colour), as the script."""

from __future__ import annotations

import numpy as np

from ._drawing import Label
from .spec import Fill, Plot, StudySpec, colour, flag, length, number, price_source, source

BLUE, RED = "#2962ff", "#f23645"  # Pine v6 color.blue / color.red (reference/constants.md)
KEYS = ("start", "end", "upper_start", "upper_end", "lower_start", "lower_end", "pearson")


def channel(src: np.ndarray, high: np.ndarray, low: np.ndarray, n: int, p) -> dict[str, float] | None:
    """The script's numbers on the last bar (None when they are na)."""
    if n <= 1 or src.shape[0] < n:
        return None
    y = src[::-1][:n]  # y[i] = source[i]
    hi, lo = high[::-1][:n], low[::-1][:n]
    per = np.arange(1, n + 1, dtype=np.float64)
    sx, sy, sxx, sxy = per.sum(), y.sum(), (per * per).sum(), (y * per).sum()
    slope = (n * sxy - sx * sy) / (n * sxx - sx * sx)
    average = sy / n
    intercept = average - slope * sx / n + slope
    if not np.isfinite(intercept):
        return None
    periods = n - 1
    val = intercept + slope * np.arange(n)
    up_dev = max(0.0, float(np.max(hi - val)))
    dn_dev = max(0.0, float(np.max(val - lo)))
    std = float(np.sqrt(np.sum((y - val) ** 2) / (periods or 1)))
    dxt, dyt = y - average, val - (intercept + slope * periods / 2)
    dsxx, dsyy, dsxy = (dxt * dxt).sum(), (dyt * dyt).sum(), (dxt * dyt).sum()
    r = 0.0 if dsxx == 0 or dsyy == 0 else float(dsxy / np.sqrt(dsxx * dsyy))
    start, end = intercept + slope * (n - 1), intercept
    up = p["upper_mult"] * std if p["use_upper"] else up_dev
    dn = p["lower_mult"] * std if p["use_lower"] else dn_dev
    return {"start": start, "end": end, "upper_start": start + up, "upper_end": end + up, "lower_start": start - dn,
            "lower_end": end - dn, "pearson": r, "slope": slope}


def _compute(c, p):
    size = len(c)
    out = {k: np.full(size, np.nan) for k in (*KEYS, "upper", "base", "lower")}
    n = p["length"]
    ch = channel(np.asarray(price_source(c, p["source"]), dtype=np.float64), c.high, c.low, n, p)
    if ch is None:
        return out
    for k in KEYS:
        out[k][-1] = ch[k]
    first = 0 if p["extend_left"] else size - n
    back = np.arange(first - (size - 1), 1)  # bars before the last (<= 0)
    for k, e in (("base", "end"), ("upper", "upper_end"), ("lower", "lower_end")):
        out[k][first:] = ch[e] - ch["slope"] * back  # slope is per bar back
    return out


def _drawings(c, p, out):
    r = float(out["pearson"][-1]) if len(c) else np.nan
    if not (p["show_pearson"] and np.isfinite(r)):
        return []
    text = f"{r:.16f}".rstrip("0").rstrip(".") or "0"  # str.tostring(pearsonR, "#.################")
    return [Label(len(c) - p["length"], float(out["lower_start"][-1]), text, style="up", text_color=p["color_upper"][:7],
                  plot="lower", key="pearson")]


def _legend(p, last, fmt):
    return [("base", f"LinReg ({p['length']}, {p['source']}, {p['upper_mult']:g}, {p['lower_mult']:g})  "
                     f"{fmt.price(last['end'])}"),
            ("upper", f"Upper  {fmt.price(last['upper_end'])}"), ("lower", f"Lower  {fmt.price(last['lower_end'])}")]


STUDY = StudySpec(
    name="Linear Regression Channel",
    kind="linreg_channel",
    aliases=("LinReg", "Linear Regression", "Regression Channel"),
    inputs=(
        length("length", 100, "in_0", "Length", "length"),
        source("in_1", "Source", "src"),
        flag("use_upper", True, "in_2", "Upper Deviation"),
        number("upper_mult", 2.0, "in_3", "upperMult"),
        flag("use_lower", True, "in_4", "Lower Deviation"),
        number("lower_mult", 2.0, "in_5", "lowerMult"),
        flag("show_pearson", True, "in_6", "Show Pearson's R"),
        flag("extend_left", False, "in_7", "Extend Lines Left"),
        flag("extend_right", True, "in_8", "Extend Lines Right"),
        # "Color Settings" (two untitled inputs): the fills at their opacity, the lines opaque
        colour("color_upper", BLUE + "26", "in_9", "colorUpper"),  # color.new(color.blue, 85)
        colour("color_lower", RED + "26", "in_10", "colorLower"),
    ),
    plots=(Plot("upper", color="input:color_upper:opaque", width=1.0, names=("upper",)),
           Plot("base", color="input:color_lower:opaque", width=1.0, names=("plot", "base", "linreg")),
           Plot("lower", color="input:color_upper:opaque", width=1.0, names=("lower",))),
    fills=(Fill("upper", "base", "input:color_upper", alpha=None), Fill("base", "lower", "input:color_lower", alpha=None)),
    compute=_compute,
    legend=_legend,
    drawings=_drawings,
)
