"""The study contract: one frozen :class:`StudySpec` per TradingView study.

A spec says how a template names the study (``name``, ``aliases``), which inputs it takes
(:class:`Input`: defaults, bounds, ``in_N`` positions), what it computes (``compute``,
numpy, over the whole history), and how each output is drawn (:class:`Plot`, :class:`Fill`,
:class:`Pane`). The renderer reads only these fields; it never names a study.

Colours (``Plot.color``, ``Fill.color``, histogram ``colors``): ``"#rrggbb"``; a theme key
(``up``, ``down``, ``band``, ``muted``, ``poc``, ``vp_up``, ``vp_down``); ``"palette:N"``
(slot N of the theme palette); ``"next"`` / ``"next:N"`` (the next free palette slot,
preferring N — price overlays share the palette so two studies never get one colour);
``"=plot"`` (the default colour of another plot of this study; for a fill, that plot's
drawn colour, overrides included); ``"input:key"`` (the study's colour input ``key``, its own
opacity: a Pine ``plot(color = colorInput)``; ``"input:key:opaque"``: ``color.new(colorInput, 0)``; a plot's
``color`` override still wins).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

SOURCES = ("open", "high", "low", "close", "hl2", "hlc3", "ohlc4")
LINE_KINDS = ("line", "step_line", "cross", "circles")  # what ``Plot.plottype`` overrides switch between
SHAPE_KINDS = ("triangle_up", "triangle_down")  # plotshape: a marker above / below the value
PLOT_KINDS = (*LINE_KINDS, *SHAPE_KINDS, "histogram", "levels", "custom")
HISTOGRAM_RULES = ("sign", "sign_trend", "candle")
TICK_FORMATS = ("price", "compact", "integer", "auto")

Inputs = Mapping[str, Any]
Outputs = dict[str, np.ndarray]


@dataclass(frozen=True)
class Input:
    """One study input: canonical ``key``, the template keys that set it (``aliases``,
    TradingView names and ``in_N`` positions), type and bounds."""

    key: str
    type: str  # int | float | bool | source | choice | colour | string
    default: Any
    aliases: tuple[str, ...]
    minimum: float | None = None
    maximum: float | None = None
    choices: Mapping[str, str] | None = None  # normalised text -> canonical value
    exclusive_minimum: bool = False
    # string: text -> the canonical text, ValueError (its message names what is wrong) when invalid
    check: Callable[[str], str] | None = None
    max_length: int = 100  # string

    def bounds_text(self) -> str:
        low = "" if self.minimum is None else (
            f"> {self.minimum:g}" if self.exclusive_minimum else f">= {self.minimum:g}")
        high = "" if self.maximum is None else f"<= {self.maximum:g}"
        return " and ".join(x for x in (low, high) if x)


def length(key: str, default: int, *aliases: str, minimum: int = 1, maximum: int = 5000) -> Input:
    return Input(key, "int", default, aliases, minimum, maximum)


def number(key: str, default: float, *aliases: str, minimum: float | None = None, maximum: float | None = None,
           exclusive_minimum: bool = False) -> Input:
    return Input(key, "float", default, aliases, minimum, maximum, exclusive_minimum=exclusive_minimum)


def source(*aliases: str, key: str = "source") -> Input:
    """A price source (open, high, low, close, hl2, hlc3, ohlc4), default close."""
    return Input(key, "source", "close", aliases)


def choice(key: str, default: str, choices: Mapping[str, str], *aliases: str) -> Input:
    return Input(key, "choice", default, aliases, choices=choices)


def flag(key: str, default: bool, *aliases: str) -> Input:
    return Input(key, "bool", default, aliases)


def text(key: str, default: str, *aliases: str, check: Callable[[str], str] | None = None,
         max_length: int = 100) -> Input:
    """A text input (Pine's ``input.string`` / ``input.session``): at most ``max_length``
    characters; ``check(text)`` returns the canonical text or raises ValueError saying what is
    wrong (a session string that does not parse, an unknown time zone)."""
    return Input(key, "string", default, aliases, check=check, max_length=max_length)


def colour(key: str, default: str, *aliases: str) -> Input:
    """A colour input (Pine's ``input.color``): a template writes ``#RRGGBB``, ``#RRGGBBAA`` or
    ``rgba(r,g,b,a)`` as TradingView / Chart-IMG pass them; the study gets ``#rrggbb[aa]``."""
    return Input(key, "colour", default, aliases)


def split_colour(value: str) -> tuple[str, float]:
    """A ``#rrggbb[aa]`` colour input as ``(#rrggbb, opacity)``: Pine's ``color.new(c, t)``
    replaces the opacity, a line drawn in the colour keeps it."""
    return value[:7], (int(value[7:9], 16) / 255.0 if len(value) == 9 else 1.0)


@dataclass(frozen=True)
class Ignored:
    """An input of TradingView's script that one symbol's candles cannot honour (another symbol's
    data, a currency rate, the settings dialog's table size): a template setting it (any of
    ``aliases``: its title, variable name, ``in_N``) gets it named as an ignored key with ``reason``,
    never an "unknown input"."""

    aliases: tuple[str, ...]
    reason: str


def ignored(reason: str, *aliases: str) -> Ignored:
    return Ignored(tuple(aliases), reason)


MA_TYPES = {"sma": "SMA", "simple": "SMA", "ema": "EMA", "exponential": "EMA"}


@dataclass(frozen=True)
class Plot:
    """How one output (``compute()[key]``) is drawn.

    ``kind``: ``line``, ``step_line``, ``cross``, ``circles`` (markers), ``triangle_up`` /
    ``triangle_down`` (plotshape: a triangle a few points above / below the value), ``histogram``
    (bars from ``base``, 0 unless set, coloured per bar by ``rule`` from ``colors``), ``levels`` (piecewise
    constant values as horizontal segments, a gap where the value changes or is NaN), or
    ``custom`` (drawn by the spec's ``draw``; the plot still gets a style and a colour).
    ``names``: the TradingView plot names overrides use (lower case; ``plot`` = the main
    one). ``offset``: bars to the right (>0, into the future area the chart then shows) or
    left (<0); an int, the key of the input that holds it (``"offset"``), or ``f(inputs)``. ``scale``: whether it widens the value range.
    Histogram ``rule``: ``sign`` (colors[0] for >= 0, colors[1] below), ``sign_trend``
    (4 colours: >= 0 rising, >= 0 falling, < 0 rising, < 0 falling), ``candle`` (the bar's
    candle: close >= open or not). ``style``: the plot's style from the study's inputs, for a
    script whose inputs colour or size what it draws (Pine's ``input.color``, a line width):
    ``f(inputs) -> {"color": "#rrggbb[aa]", "linewidth": px, "visible": bool}`` (any of them, in
    the overrides' vocabulary); a template's overrides of the plot apply over it.
    """

    key: str
    kind: str = "line"
    color: str = "next"
    width: float = 1.3  # px
    names: tuple[str, ...] = ()
    offset: int | str | Callable[[Inputs], int] = 0
    z: float = 3.0
    scale: bool = True
    colors: tuple[str, ...] = ("up", "down")  # histogram
    rule: str = "sign"  # histogram
    alpha: float | None = None  # histogram bars; lines take the colour's own alpha
    bar_width: float = 0.72  # histogram, in bars
    baseline: bool = False  # histogram: a thin zero line
    base: float = 0.0  # histogram: the level its bars stand on (Pine's ``histbase``); signs are taken from it
    style: Callable[[Inputs], dict[str, Any]] | None = None  # the plot's style from the inputs (see above)

    def offset_for(self, inputs: Inputs) -> int:
        if isinstance(self.offset, str):
            return int(inputs[self.offset])
        return int(self.offset(inputs) if callable(self.offset) else self.offset)


@dataclass(frozen=True)
class Fill:
    """A band between two outputs; with ``color_below``, drawn in ``color`` where
    ``upper >= lower`` and in ``color_below`` elsewhere (Ichimoku's cloud). Uses the
    offset of the ``upper`` plot when both are plots."""

    upper: str
    lower: str
    color: str
    alpha: float | None = 0.07  # None: the colour's own (an "input:key" colour)
    color_below: str | None = None
    z: float = 0.5


@dataclass(frozen=True)
class Pane:
    """A study drawn in its own pane (or, with ``forceOverlay``, over the bottom of the
    price pane on its own scale; then ``lines``/``band``/``mid`` are left out).

    ``range``: fixed value range (0..100), else auto from the plots with ``scale`` plus
    ``include`` (e.g. 0). ``ticks``: fixed tick values, in priority order. ``lines``:
    dashed reference lines; ``band``: shaded between two values; ``mid``: a dotted line.
    ``format``: tick labels — ``price``, ``compact`` (1.2K, 3.4M), ``integer``, ``auto``
    (price, compact from 1e5).
    """

    range: tuple[float, float] | None = None
    include: tuple[float, ...] = ()
    ticks: tuple[float, ...] | None = None
    lines: tuple[float, ...] = ()
    band: tuple[float, float] | None = None
    mid: float | None = None
    format: str = "price"
    line_colors: tuple[str, ...] = ()  # colours of the first ``lines`` ("input:key:opaque"); the rest muted


class Formats:
    """Number formats for legend text (the renderer passes one per chart)."""

    def __init__(self, price: Callable[[float], str], compact: Callable[[float], str],
                 fixed2: Callable[[float], str], auto: Callable[[float], str]) -> None:
        self.price, self.compact, self.fixed2, self.auto = price, compact, fixed2, auto


Legend = Callable[[Inputs, Mapping[str, float], Formats], list[tuple[str, str]]]


@dataclass(frozen=True)
class StudySpec:
    """One study. ``compute(candles, inputs) -> {output: array}`` runs on the whole history
    (arrays as long as the candles; an output may be left out, e.g. an optional MA); with
    ``window=True`` it runs on the visible bars only and may return any object, which
    ``last`` and ``draw`` read. ``legend(inputs, last, fmt) -> [(colour, text)]``: the
    colour is a plot key (its drawn colour; a histogram's: its last bar's) or a colour as
    in the module docstring. ``last(result)``: the manifest's ``meta.studies[].last``
    (default: each output's last visible value). ``check(inputs)``: a message when inputs
    that are each valid do not go together. ``draw(ctx)``: drawing outside the plot
    vocabulary (see ``chart_export._render.plots.DrawContext``). ``calendar=True``: the study
    is anchored to calendar periods (a session VWAP, pivot points), so ``compute`` also gets
    ``inputs["tz"]``, the ``tzinfo`` its periods are cut in: the exchange's trading day
    (:mod:`chart_export.sessions`), else the chart's time zone; plus ``exchange_tz``
    (see :meth:`inputs_for`; neither is a template input).
    ``note(window, series)``: a short message when the visible data leaves the study nothing
    to show (``"no volume data"``); the renderer adds it to the study's legend, writes no
    value ticks on the study's own pane (they would be invented numbers) and puts it in the
    manifest's ``meta.studies[].note``. ``window`` is the visible candles, ``series`` the
    visible outputs (empty for a ``window`` study). ``right_gutter``: the fraction of the
    price pane's plot width kept free right of the newest bar for the study's own drawing
    (the volume profile), so it never covers the newest candles; a number in [0, 0.5) or
    ``f(result)`` of a ``window`` study (no room for a profile that draws nothing).
    ``tags``: keys of ``last`` marked on the price axis in a box of that plot's colour, as
    the last price is (the volume profile's POC); the renderer keeps them clear of each
    other and of the last price. Price-pane studies only. ``source``: where the definition comes
    from when no TradingView built-in is ported for it (the study gallery shows it).
    ``drawings(candles, inputs, outputs)``: lines, labels and boxes besides the plots (Pine's
    ``line.new`` / ``label.new`` / ``box.new``; see :mod:`._drawing`), over the whole history,
    x as a bar index; the renderer draws the ones that reach the visible bars and writes the
    keyed ones to the manifest. Not for ``window`` studies. What both need (pivots, a leg) is
    found once: ``compute`` returns a :class:`Computed` carrying it, ``drawings`` takes it with
    :func:`geometry`.
    """

    name: str
    kind: str
    inputs: tuple[Input, ...]
    plots: tuple[Plot, ...]
    compute: Callable[[Any, Inputs], Any]
    legend: Legend
    aliases: tuple[str, ...] = ()
    pane: Pane | None = None
    fills: tuple[Fill, ...] = ()
    window: bool = False
    last: Callable[[Any], dict[str, float]] | None = None
    draw: Callable[[Any], None] | None = None
    check: Callable[[Inputs], str | None] | None = None
    calendar: bool = False
    note: Callable[[Any, Mapping[str, np.ndarray]], str | None] | None = None
    right_gutter: float | Callable[[Any], float] = 0.0
    tags: tuple[str, ...] = ()
    # Where the definition comes from when it is not a TradingView built-in ported to the oracle
    # (devtools/oracle/ports; the study gallery names the Pine source of those).
    source: str = ""
    drawings: Callable[[Any, Inputs, Outputs], Any] | None = None
    # TradingView inputs the study cannot honour (:class:`Ignored`): named as ignored keys with the reason
    ignored: tuple[Ignored, ...] = ()

    def ignored_reason(self, key: str) -> str | None:
        """Why the template key ``key`` (a TradingView input of :attr:`ignored`) is not used, else None."""
        return next((i.reason for i in self.ignored if key in i.aliases), None)

    def inputs_for(self, inputs: Inputs, tz: Any = None, session: Any = None) -> Inputs:
        """The inputs ``compute`` and ``drawings`` get when the study is anchored to the
        calendar: ``tz``, the clock its days, weeks and months are cut in (the exchange's
        trading day, ``chart_export.sessions.Session.clock``; without a session, the chart's
        time zone ``tz``), ``exchange_tz`` (the exchange's plain time zone: Pine's ``year``,
        ``dayofmonth``, ``timestamp``), ``session_open`` (minutes after the clock's midnight at
        which the regular session opens, ``Session.open_minute``: where intraday periods longer
        than the chart's bars start; 0 without a session). What is shown (labels, axis) uses the chart's own time zone,
        which the renderer has: no study reads it."""
        if self.calendar:
            from datetime import UTC

            display = tz or UTC
            if session is None:
                return {**inputs, "tz": display, "exchange_tz": display, "session_open": 0}
            return {**inputs, "tz": session.clock, "exchange_tz": session.zone, "session_open": session.open_minute}
        return inputs

    def run(self, candles: Any, inputs: Inputs, tz: Any = None, session: Any = None) -> Any:
        """``compute`` with :meth:`inputs_for`."""
        return self.compute(candles, self.inputs_for(inputs, tz, session))

    def note_for(self, window: Any, series: Mapping[str, np.ndarray]) -> str | None:
        """The study's ``note`` for these visible bars, if any."""
        return self.note(window, series) if self.note is not None else None

    def gutter_for(self, result: Any) -> float:
        """The ``right_gutter`` for this result (a window study's; else None), in [0, 0.5)."""
        g = float(self.right_gutter(result) if callable(self.right_gutter) else self.right_gutter)
        return min(max(g, 0.0), 0.45)

    def __post_init__(self) -> None:
        if not callable(self.right_gutter) and not 0.0 <= self.right_gutter < 0.5:
            raise ValueError(f"{self.name}: right_gutter {self.right_gutter!r} must be in [0, 0.5)")
        taken = {a for i in self.inputs for a in (*i.aliases, i.key)}
        clash = sorted(taken & {a for i in self.ignored for a in i.aliases})
        if clash:
            raise ValueError(f"{self.name}: ignored TradingView inputs {clash} are also inputs' keys")
        for plot in self.plots:
            if plot.kind not in PLOT_KINDS:
                raise ValueError(f"{self.name}: plot {plot.key!r} has kind {plot.kind!r}; known: {PLOT_KINDS}")
            if plot.kind == "histogram" and plot.rule not in HISTOGRAM_RULES:
                raise ValueError(f"{self.name}: histogram {plot.key!r} has rule {plot.rule!r}; known: {HISTOGRAM_RULES}")
        if self.pane is not None and self.pane.format not in TICK_FORMATS:
            raise ValueError(f"{self.name}: pane format {self.pane.format!r}; known: {TICK_FORMATS}")

    @property
    def own_pane(self) -> bool:
        return self.pane is not None

    def plot_names(self) -> dict[str, str]:
        """Override plot name (lower case) -> plot key."""
        return {name: plot.key for plot in self.plots for name in plot.names}


class Computed(dict):
    """``compute``'s outputs (``{output: array}``) with what it found on the way (``geometry``: a
    Zig Zag's pivots, a Fib leg, the gaps' boxes) for the spec's ``drawings``, which then need not
    find it again: the renderer hands ``compute``'s result to ``drawings`` (see :func:`geometry`)."""

    def __init__(self, outputs: Mapping[str, np.ndarray], geometry: Any, inputs: Inputs) -> None:
        super().__init__(outputs)
        self.geometry = geometry
        self.inputs = dict(inputs)


def geometry(outputs: Any, inputs: Inputs, make: Callable[[], Any]) -> Any:
    """In ``drawings(candles, inputs, outputs)``: the geometry ``compute`` found (``outputs`` a
    :class:`Computed` of the same inputs), else ``make()`` (outputs from elsewhere, other inputs)."""
    if isinstance(outputs, Computed) and outputs.inputs == dict(inputs):
        return outputs.geometry
    return make()


def price_source(candles: Any, name: str) -> np.ndarray:
    """The candles' ``open``..``close`` or ``hl2``/``hlc3``/``ohlc4``."""
    if name == "hl2":
        return (candles.high + candles.low) / 2.0
    if name == "hlc3":
        return (candles.high + candles.low + candles.close) / 3.0
    if name == "ohlc4":
        return (candles.open + candles.high + candles.low + candles.close) / 4.0
    return getattr(candles, name)


NA = "n/a"  # what a legend writes for a value that cannot be computed (the meta then has null)


def has_volume(window: Any) -> bool:
    """Whether any visible bar traded (a feed without volume writes 0 on every bar)."""
    v = np.asarray(window.volume, dtype=np.float64)
    return bool(np.any(np.isfinite(v) & (v > 0)))


def no_volume_note(window: Any, series: Any = None) -> str | None:
    """The ``note`` of a study built on volume: say so when the visible bars have none."""
    return None if has_volume(window) else "no volume data"
