"""The plot vocabulary of :mod:`chart_export.studies.spec`, drawn: colours and override
styles per plot, legend entries, value ranges, lines / markers / step lines, histograms,
levels, filled bands, pane reference lines, and the context a study's own ``draw`` gets."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ..overrides import LINE_STYLES
from ..studies.spec import LINE_KINDS, Formats, Plot
from .geometry import hline, hspan, rects
from .lines import DASHES, PT_PER_PX, Style
from .lines import draw_levels as _levels
from .lines import draw_line as _line
from .prepare import PreparedStudy


class Palette:
    """The theme palette shared by a chart's price overlays: each ``next`` colour takes a
    free slot (its preferred one if still free)."""

    def __init__(self, colors: tuple[str, ...]) -> None:
        self.colors = list(colors)
        self.used: set[int] = set()

    def take(self, preferred: int | None) -> str:
        if preferred is not None and preferred not in self.used:
            self.used.add(preferred)
            return self.colors[preferred]
        for i in range(len(self.colors)):
            if i not in self.used:
                self.used.add(i)
                return self.colors[i]
        return self.colors[len(self.used) % len(self.colors)]


def colour(ref: str, theme: dict[str, Any], palette: Palette | None = None, defaults: dict[str, str] | None = None,
           inputs: Any = None) -> str:
    """A colour reference of the spec (``#hex``, theme key, ``palette:N``, ``next[:N]``, ``=plot``,
    ``input:key``: the study's colour input ``key``, ``#rrggbb[aa]``; ``input:key:opaque``: without its alpha)."""
    if ref.startswith("#"):
        return ref
    if ref.startswith("input:"):  # "input:key:opaque": Pine's color.new(colorInput, 0)
        key, _, opaque = ref[6:].partition(":")
        if inputs is None or key not in inputs:
            raise ValueError(f"colour {ref!r} names no input of the study")
        return str(inputs[key])[:7] if opaque else str(inputs[key])
    if ref.startswith("palette:"):
        return theme["palette"][int(ref[8:])]
    if ref.startswith("next"):
        if palette is None:
            raise ValueError(f"colour {ref!r} needs the chart palette")
        return palette.take(int(ref[5:]) if ":" in ref else None)
    if ref.startswith("="):
        if defaults is None or ref[1:] not in defaults:
            raise ValueError(f"colour {ref!r} names no plot declared before it")
        return defaults[ref[1:]]
    return theme[ref]


def resolve_colour(ref: str, styles: dict[str, Style], theme: dict[str, Any], inputs: Any = None) -> str:
    """A drawn colour: ``=plot`` is that plot's colour as the template styles it, anything else
    a :func:`colour` reference (``input:key`` needs the study's ``inputs``)."""
    if ref.startswith("=") and ref[1:] in styles:
        return styles[ref[1:]]["color"]
    return colour(ref, theme, inputs=inputs)


def plot_styles(ps: PreparedStudy, theme: dict[str, Any], palette: Palette) -> dict[str, Style]:
    """Each plot's style: its defaults, then its ``style`` from the study's inputs, then the
    template's overrides. Palette slots are taken in declaration order; ``=plot`` colours are
    resolved after the others."""
    defaults: dict[str, str] = {}
    plots = ps.spec.plots
    for plot in [p for p in plots if not p.color.startswith("=")] + [p for p in plots if p.color.startswith("=")]:
        ref = plot.colors[0] if plot.kind == "histogram" else plot.color  # bars take no palette slot
        defaults[plot.key] = colour(ref, theme, palette, defaults, ps.study.inputs)
    styles: dict[str, Style] = {}
    for plot in plots:
        o = {**(plot.style(ps.study.inputs) if plot.style else {}), **ps.study.overrides.get(plot.key, {})}
        styles[plot.key] = {
            "color": o.get("color", defaults[plot.key]),
            "lw": float(o.get("linewidth", plot.width)) * PT_PER_PX,
            "plottype": o.get("plottype", plot.kind) if plot.kind in LINE_KINDS else plot.kind,
            "visible": o.get("visible", True),
            "alpha": o.get("alpha"),  # None: the colour's own alpha (#rrggbbaa / rgba())
            "linestyle": DASHES[LINE_STYLES[o["linestyle"]]] if "linestyle" in o else None,
            "width_px": o.get("linewidth"),  # the template's width, for drawings tied to the plot (None: theirs)
        }
        if plot.kind == "histogram":  # bar colours: all from "color", each from "colors" (Chart-IMG's color.N)
            cols = [o.get("color", colour(c, theme, inputs=ps.study.inputs)) for c in plot.colors]
            for i, c in o.get("colors", {}).items():
                cols[int(i)] = c
            styles[plot.key].update(colors=cols, alpha=o.get("alpha", plot.alpha))
    return styles


# --------------------------------------------------------------------------- histogram colours


def _bar_groups(plot: Plot, values: np.ndarray, window: Any, theme: dict[str, Any],
                cols: list[str] | None = None) -> list[tuple[np.ndarray, str]]:
    """Masks of the bars and their colours (``cols``: the style's, else the plot's in ``theme``)."""
    cols = cols or [colour(c, theme) for c in plot.colors]
    if plot.rule == "candle":
        up = window.close >= window.open
        return [(up, cols[0]), (~up, cols[1])]
    if plot.rule == "sign":
        return [(values >= plot.base, cols[0]), (values < plot.base, cols[1])]
    prev = np.concatenate([values[:1], values[:-1]])
    rising = values > prev  # TradingView: a bar equal to the one before counts as falling
    pos = values >= plot.base
    return [(pos & rising, cols[0]), (pos & ~rising, cols[1]), (~pos & rising, cols[2]), (~pos & ~rising, cols[3])]


def _last_bar_colour(plot: Plot, values: np.ndarray, window: Any, theme: dict[str, Any],
                     cols: list[str] | None = None) -> str:
    """The colour of the last bar (a NaN counts as below zero / falling)."""
    cols = cols or [colour(c, theme) for c in plot.colors]
    if plot.rule == "candle":
        return cols[0] if window.close[-1] >= window.open[-1] else cols[1]
    v = float(values[-1]) if len(values) else math.nan
    if plot.rule == "sign":
        return cols[0] if v >= plot.base else cols[1]
    prev = float(values[-2]) if len(values) > 1 else v
    return cols[(0 if v >= plot.base else 2) + (0 if v >= prev else 1)]


# --------------------------------------------------------------------------- legend and ranges


def legend_entries(ps: PreparedStudy, styles: dict[str, Style], theme: dict[str, Any], window: Any,
                   fmt: Formats) -> list[tuple[str, str]]:
    plots = {p.key: p for p in ps.spec.plots}
    out = []
    for ref, text in ps.spec.legend(ps.study.inputs, ps.last(), fmt):
        plot = plots.get(ref)
        if plot is not None and plot.kind == "histogram":
            out.append((_last_bar_colour(plot, ps.values(ref), window, theme, styles[ref].get("colors")), text))
        elif plot is not None:
            out.append((styles[ref]["color"], text))
        else:
            out.append((colour(ref, theme), text))
    return out


def scaled_values(ps: PreparedStudy) -> list[np.ndarray]:
    """The drawn values that set the value range."""
    return [ps.values(p.key) for p in ps.spec.plots if p.scale and p.kind != "custom" and p.key in ps.series]


def pane_range(ps: PreparedStudy) -> tuple[float, float]:
    pane = ps.spec.pane
    if pane.range is not None:
        lo, hi = pane.range
    else:
        vals = [a[np.isfinite(a)] for a in scaled_values(ps)]
        lows = [float(v.min()) for v in vals if v.size] + list(pane.include)
        highs = [float(v.max()) for v in vals if v.size] + list(pane.include)
        lo, hi = (min(lows), max(highs)) if lows else (0.0, 1.0)
    if not (math.isfinite(lo) and math.isfinite(hi)):
        lo, hi = 0.0, 1.0
    if hi <= lo:
        pad = abs(hi) * 0.01 or 1.0
        lo, hi = lo - pad, hi + pad
    return lo, hi


# --------------------------------------------------------------------------- drawing


@dataclass
class DrawContext:
    """What a study's own ``draw(ctx)`` gets: the axes (x = bar index, y = value), the
    theme's colours, each plot's style, the computed result, the inputs, and ``keep``
    (every artist added must be kept, so the reused figure can remove it)."""

    ax: Any
    theme: dict[str, Any]
    styles: dict[str, Style]
    result: Any
    inputs: dict[str, Any]
    keep: Callable[[Any], Any]
    series: dict[str, np.ndarray] = field(default_factory=dict)  # the visible outputs as drawn (offsets applied)

    def hline(self, y: float, **kwargs: Any) -> Any:
        return self.keep(hline(self.ax, y, **kwargs))


def _histogram(ax: Any, plot: Plot, values: np.ndarray, st: Style, window: Any, theme: dict[str, Any],
               keep: Callable[[Any], Any]) -> None:
    from matplotlib.patches import PathPatch

    if st["visible"]:
        v = np.where(np.isfinite(values), values, plot.base)
        x = np.arange(len(v), dtype=np.float64)
        half = plot.bar_width / 2
        for mask, color in _bar_groups(plot, v, window, theme, st.get("colors")):
            if mask.any():
                base = np.full(int(mask.sum()), plot.base)
                keep(ax.add_artist(PathPatch(rects(x[mask] - half, x[mask] + half, base, v[mask]),
                                             facecolor=color, edgecolor="none", alpha=st.get("alpha", plot.alpha),
                                             zorder=plot.z)))
    if plot.baseline:
        keep(hline(ax, plot.base, color=theme["muted"], linewidth=0.5, alpha=0.7, zorder=1))


def _polygons(a: np.ndarray, b: np.ndarray) -> list[tuple[np.ndarray, bool]]:
    """Outlines of the band between ``a`` and ``b``: one per run where both are finite and
    ``a >= b`` (or not) throughout, joined at the interpolated crossing points."""
    out: list[tuple[np.ndarray, bool]] = []
    ok = np.isfinite(a) & np.isfinite(b)
    n, i, carried = len(a), 0, None
    while i < n:
        if not ok[i]:
            i, carried = i + 1, None
            continue
        above = bool(a[i] >= b[i])
        xs, ya, yb = ([carried[0]], [carried[1]], [carried[1]]) if carried else ([], [], [])
        j = i
        while j < n and ok[j] and bool(a[j] >= b[j]) == above:
            xs.append(float(j)), ya.append(a[j]), yb.append(b[j])
            j += 1
        carried = None
        if j < n and ok[j]:  # they cross between j - 1 and j
            d0, d1 = a[j - 1] - b[j - 1], a[j] - b[j]
            t = d0 / (d0 - d1)
            carried = (j - 1 + t, a[j - 1] + t * (a[j] - a[j - 1]))
            xs.append(carried[0]), ya.append(carried[1]), yb.append(carried[1])
        if len(xs) > 1:
            x = np.asarray(xs)
            out.append((np.concatenate([np.stack([x, ya], 1), np.stack([x[::-1], yb[::-1]], 1)]), above))
        i = j
    return out


def _fill(ax: Any, ps: PreparedStudy, fill: Any, styles: dict[str, Style], theme: dict[str, Any],
          keep: Callable[[Any], Any]) -> None:
    from matplotlib.collections import PolyCollection

    o = ps.study.overrides.get("fill:plots", {})  # Chart-IMG's Plots Background / Background
    if not o.get("visible", True):
        return
    up_, lo_ = ps.values(fill.upper), ps.values(fill.lower)
    if fill.color_below is None:
        valid = np.flatnonzero(np.isfinite(up_) & np.isfinite(lo_))
        if valid.size <= 1:
            return
        i0 = int(valid[0])  # bands are defined from their first bar on
        xs = np.arange(len(up_), dtype=np.float64)[i0:]
        polys = [np.concatenate([np.stack([xs, up_[i0:]], 1), np.stack([xs[::-1], lo_[i0:][::-1]], 1)])]
        faces = [o.get("color") or resolve_colour(fill.color, styles, theme, ps.study.inputs)]
    else:
        parts = _polygons(up_, lo_)
        polys = [p for p, _ in parts]
        faces = [o.get("color") or resolve_colour(fill.color if above else fill.color_below, styles, theme,
                                                  ps.study.inputs)
                 for _, above in parts]
    if polys:  # an override colour brings its own alpha unless a transparency is given too
        alpha = o.get("alpha", None if "color" in o else fill.alpha)
        coll = PolyCollection(polys, facecolors=faces, edgecolors="none", alpha=alpha, zorder=fill.z)
        keep(ax.add_collection(coll, autolim=False))


def under_legend(ax: Any, legend_px: float) -> Any:
    """The pane's plot area without the strip its legend rows take at the top, for what is
    drawn but not in the value range (drawings, a plot with ``scale=False`` such as a far
    pivot level): it would run through the legend text otherwise. None: nothing to clip."""
    if legend_px <= 0 or ax.bbox.height <= legend_px:
        return None
    from matplotlib.transforms import Bbox, TransformedBbox

    return TransformedBbox(Bbox([[0.0, 0.0], [1.0, 1.0 - legend_px / ax.bbox.height]]), ax.transAxes)


def keep_under_legend(ax: Any, legend_px: float, keep: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """``keep`` for artists clipped by :func:`under_legend` (``keep`` itself when nothing is clipped)."""
    clip = under_legend(ax, legend_px)
    if clip is None:
        return keep

    def keep_clipped(artist: Any) -> Any:
        artist.set_clip_box(clip)
        return keep(artist)

    return keep_clipped


def draw_study(ax: Any, ps: PreparedStudy, styles: dict[str, Style], theme: dict[str, Any], window: Any,
               keep: Callable[[Any], Any], legend_px: float = 0.0) -> None:
    """Fills, then the plots in declaration order, then the study's own ``draw``. A plot that does not
    widen the value range stays under the ``legend_px`` the pane's legend rows take."""
    keep_clipped = keep_under_legend(ax, legend_px, keep)
    for fill in ps.spec.fills:
        if fill.upper in ps.series and fill.lower in ps.series:  # optional outputs may be absent
            _fill(ax, ps, fill, styles, theme, keep_clipped)  # fills are not in the value range either
    for plot in ps.spec.plots:
        if plot.kind == "custom" or plot.key not in ps.series:
            continue
        values, st = ps.values(plot.key), styles[plot.key]
        k = keep if plot.scale else keep_clipped
        if plot.kind == "histogram":
            _histogram(ax, plot, values, st, window, theme, k)
        elif plot.kind == "levels":
            _levels(ax, values, st, plot.z, k)
        else:
            _line(ax, values, st, plot.z, k)
    if ps.spec.draw is not None:
        ps.spec.draw(DrawContext(ax, theme, styles, ps.result, dict(ps.study.inputs), keep,
                                 {k: ps.values(k) for k in ps.series}))


def draw_reference_lines(ax: Any, pane: Any, theme: dict[str, Any], keep: Callable[[Any], Any],
                         overrides: dict[str, dict[str, Any]] | None = None, inputs: Any = None) -> None:
    """A pane's shaded band, dashed reference lines and dotted middle line, with the study's
    Chart-IMG overrides (``hline:<name>``: value, visible, color, linewidth, linestyle of the line
    at ``at``; ``fill:hlines``: the band's color, alpha, visible; the band follows moved limits)."""
    o = overrides or {}
    moved: dict[float, dict[str, Any]] = {}  # two names of one line (RSI's UpperLimit and Level0) both style it
    for k, e in o.items():
        if k.startswith("hline:"):
            moved.setdefault(e["at"], {}).update(e)

    def line(y: float, **default: Any) -> None:
        e = moved.get(y, {})
        if not e.get("visible", True):
            return
        kw = dict(default)
        if "color" in e:
            kw.update(color=e["color"], alpha=None)
        if "linewidth" in e:
            kw["linewidth"] = e["linewidth"] * PT_PER_PX
        if "linestyle" in e:
            kw["linestyle"] = DASHES[LINE_STYLES[e["linestyle"]]]
        keep(hline(ax, e.get("value", y), **kw))

    band = o.get("fill:hlines", {})
    if pane.band is not None and band.get("visible", True):
        lo, hi = (moved.get(b, {}).get("value", b) for b in pane.band)
        face = {"facecolor": band["color"], "alpha": band.get("alpha")} if "color" in band else \
            {"facecolor": theme["band"], "alpha": band.get("alpha", 0.06)}
        keep(hspan(ax, lo, hi, linewidth=0, zorder=0.4, **face))
    for i, level in enumerate(pane.lines):
        if i < len(pane.line_colors):  # the study's colour (an input's): as Pine's hline(color = ...)
            line(level, color=colour(pane.line_colors[i], theme, inputs=inputs), linewidth=0.6,
                 linestyle=DASHES["dashed"], zorder=1)
        else:
            line(level, color=theme["muted"], linewidth=0.6, linestyle=DASHES["dashed"], alpha=0.8, zorder=1)
    if pane.mid is not None:
        line(pane.mid, color=theme["muted"], linewidth=0.5, linestyle=DASHES["dotted"], alpha=0.6, zorder=1)
