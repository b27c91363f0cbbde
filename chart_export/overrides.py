"""A study's ``override`` keys (Chart-IMG's / TradingView's vocabulary) and the request's.

Chart-IMG documents, per study, keys ``<Name>.<property>[.<index>]`` (its "Parameter override"
tables, ``tests/data/chart_img/studies.json``). Each one is either honoured (what it styles is
drawn here) or named with its reason (:func:`parse_overrides` calls ``ignored``); none is
accepted and left unused. ``<Name>`` is:

- a plot (``Plot``, ``Signal``, ``Histogram``: the study's plot names) with ``color``,
  ``linewidth``, ``plottype``, ``visible``, ``transparency``, ``linestyle`` (a line plot's dashes)
  and indexed colours ``color.N`` (a column plot's bar colours: ``Volume.color.0`` falling /
  ``.1`` rising, MACD's ``Histogram.color.0..3`` above-rising, above-falling, below-rising,
  below-falling; Awesome Oscillator's ``Plot.color.0`` falling / ``.1`` rising);
- a group of plots (:data:`GROUPS`: Supertrend's ``SuperTrend`` = its up and down lines,
  ``color.0`` / ``.1``; Chop Zone's ``Plot`` = its nine zones, ``color.0..8``);
- a reference line of the study's pane (:data:`HLINES`: ``UpperLimit`` / ``LowerLimit`` the
  highest / lowest dashed line, ``MiddleLimit`` the dotted middle, ``Zero`` / ``Zero Line`` the
  line at 0, ``Level0..4`` the lines from the top) with ``value``, ``visible``, ``color``,
  ``linewidth``, ``linestyle``; stored as ``hline:<name>`` with ``at``, the default it replaces;
- a fill (``Hlines Background``: the band between the pane's limits; ``Plots Background`` /
  ``Background``: the study's fills between plots) with ``color``, ``transparency``, ``visible``;
  stored as ``fill:hlines`` / ``fill:plots``.

Request-level ``override`` keys (Chart-IMG's ``showMainPane`` ...): :data:`REQUEST_OVERRIDES`.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from typing import Any

from .colors import parse_color

PLOT_TYPES = {"line": "line", "cross": "cross", "circles": "circles", "circle": "circles", "step_line": "step_line",
              "stepline": "step_line", "line_with_breaks": "line", "step_line_with_breaks": "step_line"}
#: TradingView plot types that are not drawn as lines here: named, not refused (Chart-IMG's defaults use them).
OTHER_PLOT_TYPES = ("histogram", "column", "columns", "area", "area_with_breaks", "step_line_with_diamonds")
OVERRIDE_PROPERTIES = ("color", "linewidth", "plottype", "visible", "transparency", "linestyle")
#: TradingView's line styles by number; the renderer draws each name (``_render.lines.DASHES``).
LINE_STYLES: dict[int, str] = {0: "solid", 1: "dotted", 2: "dashed", 3: "large dashed", 4: "sparse dotted"}
HLINE_PROPERTIES = ("value", "visible", "color", "linewidth", "linestyle")
FILL_PROPERTIES = ("color", "transparency", "visible")
HLINES = ("upperlimit", "lowerlimit", "middlelimit", "zero", "zero line", "level0", "level1", "level2", "level3",
          "level4")
FILLS = {"hlines background": "fill:hlines", "plots background": "fill:plots", "background": "fill:plots"}
#: Study name -> {override name (lower case) -> its plots in Chart-IMG's colour index order}.
GROUPS = {
    "Supertrend": {"supertrend": ("up", "down")},
    "Chop Zone": {"plot": ("zone_turquoise", "zone_dark_green", "zone_pale_green", "zone_lime", "zone_dark_red",
                           "zone_red", "zone_orange", "zone_light_orange", "zone_yellow")},
}
LINE_KINDS = ("line", "step_line", "cross", "circles", "triangle_up", "triangle_down")
KEY = re.compile(r"(?P<name>.+?)\.(?P<prop>[A-Za-z]+)(?:\.(?P<index>\d+))?")

#: Chart-IMG's request-level ``override`` keys: honoured (True) or the reason they are not.
REQUEST_OVERRIDES: dict[str, bool | str] = {
    "showMainPane": "the price pane is always drawn here (study-only charts are not laid out yet)",
    "style": "the chart style's colours come from the theme here",
    "priceRange": "the price scale is fitted to the visible candles here",
    "mainPaneHeight": "pane heights are laid out from the chart's height and its panes here",
    "scalesFontSize": "the axis font size follows the chart's size here",
    "showLegend": "the legend is always drawn here",
    "showLegendValues": "the legend always shows its values here",
    "showPriceLine": "the last-price line is always drawn here",
    "showVertGrid": "the grid follows the theme here",
    "showHorzGrid": "the grid follows the theme here",
    "showSeriesLastValue": "the last-price label is always drawn here",
    "showSeriesOHLC": "the title always shows the last bar's OHLC here",
    "showBarChange": "the title always shows the bar change here",
    "showStudyLastValue": "study last-value labels are always drawn here",
    "showStudyPlotNamesAction": "study plot names are not drawn here",
    "showSymbolLabelsAction": "symbol labels on the price scale are not drawn here",
    "showSymbolWatermark": "no symbol watermark is drawn here",
    "showInvertScale": "the price scale is never inverted here",
    "showInvertScaleStudies": "study scales are never inverted here",
}

Report = Callable[[str, str], None]  # (message, field)


def _number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def level_at(pane: Any, name: str) -> float | None:
    """The default value of the pane's reference line that Chart-IMG's ``name`` styles (None: no such line)."""
    if pane is None:
        return None
    lines = sorted(pane.lines)
    levels = sorted(set(lines) | ({pane.mid} if pane.mid is not None else set()), reverse=True)
    if name in ("upperlimit", "lowerlimit"):
        return (lines[-1] if name == "upperlimit" else lines[0]) if len(lines) >= 2 else None
    if name == "middlelimit":
        return pane.mid
    if name in ("zero", "zero line"):
        return 0.0 if 0.0 in levels else None
    index = int(name[-1])
    return levels[index] if index < len(levels) else None


def bar_indices(plot: Any, index: int) -> tuple[int, ...]:
    """Chart-IMG's ``color.<index>`` of a column plot -> the indices of ``plot.colors`` it sets."""
    n = len(plot.colors)
    if plot.rule == "candle":  # Chart-IMG: 0 falling, 1 rising; here colors = (rising, falling)
        return {0: (1,), 1: (0,)}.get(index, ())
    if plot.rule == "sign_trend" and n == 4 and plot.colors[0] == plot.colors[2] and plot.colors[1] == plot.colors[3]:
        return {0: (1, 3), 1: (0, 2)}.get(index, ())  # colour by trend only: 0 falling, 1 rising
    return (index,) if index < n else ()


def _value(prop: str, value: Any) -> Any:
    """The parsed value of one property (raises ValueError with the reason)."""
    if prop == "color":
        return parse_color(value)
    if prop == "linewidth":
        if not (_number(value) and 0 < value <= 10):
            raise ValueError("must be a number in (0, 10]")
        return float(value)
    if prop in ("visible", "display"):
        if not isinstance(value, bool):
            raise ValueError("must be true or false")
        return value
    if prop == "transparency":
        if not (_number(value) and 0 <= value <= 100):
            raise ValueError("must be a number in 0..100")
        return round(1.0 - float(value) / 100.0, 4)
    if prop == "linestyle":
        if not (_number(value) and int(value) == value and int(value) in LINE_STYLES):
            raise ValueError(f"must be one of {', '.join(map(str, LINE_STYLES))} "
                             f"({', '.join(LINE_STYLES.values())})")
        return int(value)
    if prop == "value":
        if not _number(value):
            raise ValueError("must be a number")
        return float(value)
    if prop == "plottype":
        kind = value.strip().lower() if isinstance(value, str) else None
        if kind not in PLOT_TYPES and kind not in OTHER_PLOT_TYPES:
            raise ValueError(f"must be one of line, cross, circles, step_line (or TradingView's "
                             f"{', '.join(OTHER_PLOT_TYPES)}, not drawn here)")
        return PLOT_TYPES.get(kind, kind)
    raise ValueError("unknown property")


def _plot_property(plot: Any, prop: str, index: int | None, parsed: Any) -> tuple[str, Any] | str:
    """``(style key, value)`` of a property of a plot we draw, or why it is not used."""
    kind = plot.kind
    if index is not None:
        if prop != "color" or kind != "histogram":
            return f"indexed {prop} applies to column plots' bar colours; this plot is drawn as {kind}"
        idx = bar_indices(plot, index)
        if not idx:
            return f"this column plot has {len(plot.colors)} bar colours; no colour {index}"
        return "colors", {str(i): parsed for i in idx}
    if prop == "plottype":
        if kind not in LINE_KINDS:
            return f"drawn as {kind} here; plottype switches line plots between {', '.join(sorted(set(PLOT_TYPES.values())))}"
        if parsed in OTHER_PLOT_TYPES:
            return f"plottype {parsed!r} is not drawn here (line plots: line, cross, circles, step_line)"
        return "plottype", parsed
    if prop == "linewidth" and kind == "histogram":
        return "column widths follow the bar spacing here"
    if prop == "linestyle" and kind not in ("line", "step_line", "levels"):
        return f"drawn as {kind} here; linestyle dashes line plots only"
    if prop == "display":
        return "display is not a property of a drawn plot here (visible is)"
    return {"transparency": "alpha"}.get(prop, prop), parsed


def parse_overrides(spec: Any, raw: Mapping[str, Any], where: str, *, overlaid: bool, error: Report,
                    ignored: Report) -> dict[str, dict[str, Any]]:
    """Canonical plot / ``hline:<name>`` / ``fill:*`` -> its style overrides; every key not used is
    passed to ``ignored`` with its reason, every bad value of a used key to ``error``."""
    out: dict[str, dict[str, Any]] = {}
    for key, value in raw.items():
        here = f"{where}.{key}"
        found = KEY.fullmatch(key.strip()) if isinstance(key, str) else None
        if found is None or key.startswith("graphics."):
            why = ("the volume profile's graphics.* keys are not read here (its rows and POC take the theme's colours)"
                   if isinstance(key, str) and key.startswith("graphics.") else "not of the form <plot>.<property>")
            ignored(f"{here}: {why} (ignored by the renderer)", here)
            continue
        index = int(found["index"]) if found["index"] is not None else None
        try:
            _apply(out, spec, found["name"], found["prop"].lower(), index, value, overlaid)
        except _Skip as why:
            ignored(f"{here}: {why} (ignored by the renderer)", here)
        except ValueError as exc:
            error(f"{here}: {exc}, got {value!r}", here)
    return out


class _Skip(Exception):
    """Why a key is not used."""


def _apply(out: dict[str, dict[str, Any]], spec: Any, title: str, prop: str, index: int | None, value: Any,
           overlaid: bool) -> None:
    """Store one key's parsed value in ``out``; raises :class:`_Skip` (not used) or ValueError (bad value)."""
    name = " ".join(title.split()).lower()
    names = spec.plot_names()
    groups = GROUPS.get(spec.name, {})
    if prop not in (*OVERRIDE_PROPERTIES, "value", "display"):
        raise _Skip(f"unknown property {prop!r}; known: {', '.join(OVERRIDE_PROPERTIES)} (plots), "
                    f"{', '.join(HLINE_PROPERTIES)} (reference lines)")
    if name in names or name in groups:
        plots = {p.key: p for p in spec.plots}
        keys = groups[name] if name in groups else (names[name],)
        if name in groups and index is not None:
            if index >= len(keys):
                raise _Skip(f"{spec.name} has {len(keys)} {title} colours; no colour {index}")
            keys, index = (keys[index],), None  # a column plot's "color" then sets all its bars
        if prop == "value":
            raise _Skip(f"{title} is a plot of {spec.name}; value moves reference lines")
        results = [_plot_property(plots[k], prop, index, _value(prop, value)) for k in keys]
        if isinstance(results[0], str):
            raise _Skip(results[0])
        for k, (style_key, v) in zip(keys, results, strict=True):
            if style_key == "colors":
                out.setdefault(k, {}).setdefault("colors", {}).update(v)
            else:
                out.setdefault(k, {})[style_key] = v
    elif name in HLINES:
        at = level_at(spec.pane, name)
        if at is None:
            raise _Skip(f"{spec.name} draws no reference line {title} here")
        if overlaid:
            raise _Skip("reference lines are not drawn when the study is overlaid on the price pane")
        if prop not in HLINE_PROPERTIES or index is not None:
            raise _Skip(f"a reference line takes {', '.join(HLINE_PROPERTIES)}")
        out.setdefault(f"hline:{name}", {"at": at})[prop] = _value(prop, value)
    elif name in FILLS:
        slot = FILLS[name]
        if slot == "fill:hlines":
            has = spec.pane is not None and spec.pane.band is not None and not overlaid
        else:
            has = bool(spec.fills)
        if not has:
            raise _Skip(f"{spec.name} draws no {title} here")
        if prop not in FILL_PROPERTIES or index is not None:
            raise _Skip(f"a fill takes {', '.join(FILL_PROPERTIES)}")
        out.setdefault(slot, {})[{"transparency": "alpha"}.get(prop, prop)] = _value(prop, value)
    else:
        raise _Skip(f"{title!r} is not a plot, reference line or fill {spec.name} draws here; its plots: "
                    f"{', '.join([*names, *groups]) or 'none'}")


def parse_request_overrides(raw: Any, where: str, *, error: Report, ignored: Report) -> dict[str, Any]:
    """Chart-IMG's request ``override``: the honoured keys' values; the rest named with their reason."""
    if not isinstance(raw, Mapping):
        error(f"{where}: must be an object, got {raw!r}", where)
        return {}
    out: dict[str, Any] = {}
    for key, value in raw.items():
        here = f"{where}.{key}"
        reason = REQUEST_OVERRIDES.get(key) if isinstance(key, str) else None
        if reason is True and not isinstance(value, bool):
            error(f"{here}: must be true or false, got {value!r}", here)
        elif reason is True:
            out[key] = value
        elif reason is None:
            ignored(f"{here}: not an override Chart-IMG documents (ignored by the renderer); known: "
                    f"{', '.join(REQUEST_OVERRIDES)}", here)
        else:
            ignored(f"{here}: {reason} (ignored by the renderer)", here)
    return out
