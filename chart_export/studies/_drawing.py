"""The drawing vocabulary: what a study draws besides its plots, as Pine's ``line.new``,
``label.new`` and ``box.new`` do (Zig Zag's legs and reversal labels, pivot labels, a
regression channel). A spec's ``drawings(candles, inputs, outputs)`` returns them, computed
on the whole history like ``compute`` (``outputs`` is what ``compute`` returned); the
renderer keeps the ones that reach the visible bars and draws them over the study's pane.

Coordinates: ``x`` is a bar index into the candles given to ``drawings`` (0 = the first bar
of the history; fractional and future indices allowed), ``y`` a value on the study's scale.
Colours are the spec's colour references (``#rrggbb``, a theme key such as ``text`` or
``muted``, ``palette:N``) or ``=plot``: the drawn colour of that plot, overrides included.
``plot``: the plot whose ``visible`` override hides the drawing too. ``key``: a name under
which the drawing's values are written to the manifest (``meta.studies[].drawings``); an
empty key keeps it out of the manifest.
"""

from __future__ import annotations

from dataclasses import dataclass

LINE_STYLES = ("solid", "dashed", "dotted")
EXTENDS = ("none", "right", "left", "both")
# Pine's label styles: where the label sits relative to its point (x, y).
#   down: above the point, pointing down at it (label.style_label_down)
#   up: below the point (label.style_label_up)
#   left: right of the point (label.style_label_left); right: left of the point (label.style_label_right)
#   center: centred on the point (label.style_label_center / style_none)
#   upper_left: its upper left corner on the point, below and right of it (label.style_label_upper_left)
LABEL_STYLES = ("down", "up", "left", "right", "center", "upper_left")
NUMBER_FORMATS = ("price", "change", "compact", "percent", "mintick")


@dataclass(frozen=True)
class Line:
    """A straight line from (x0, y0) to (x1, y1); ``extend`` carries it to the edge of the pane."""

    x0: float
    y0: float
    x1: float
    y1: float
    color: str
    width: float = 1.0  # px
    style: str = "solid"
    extend: str = "none"
    plot: str = ""
    key: str = ""
    alpha: float = 1.0

    def __post_init__(self) -> None:
        if self.style not in LINE_STYLES or self.extend not in EXTENDS:
            raise ValueError(f"line style {self.style!r} / extend {self.extend!r}; known: {LINE_STYLES}, {EXTENDS}")


@dataclass(frozen=True)
class Label:
    """Text (lines split on ``\\n``) at (x, y), placed by ``style``; on a box of ``background``
    (None: no box, the text in ``text_color``). The text's ``{}`` fields are ``numbers``, each
    ``(format, value)`` written by the chart: ``price`` (the price axis' decimals: Pine's
    ``format.mintick``), ``change`` (the same, signed), ``compact`` (1.23M, Pine's
    ``format.volume``), ``percent`` (signed, 2 decimals, ``%``), ``mintick`` (exactly Pine's
    ``str.tostring(value, format.mintick)``: rounded to the chart's price tick half away from
    zero, in its decimals, no thousands separator)."""

    x: float
    y: float
    text: str
    numbers: tuple[tuple[str, float], ...] = ()
    until: float | None = None  # the label names a line that lasts to this bar: shown at the window's start
    align: str = "center"  # its lines' alignment (Pine's textalign): center | left | right
    text_color: str = "text"
    background: str | None = None
    style: str = "down"
    plot: str = ""
    key: str = ""

    def __post_init__(self) -> None:
        if self.style not in LABEL_STYLES:
            raise ValueError(f"label style {self.style!r}; known: {LABEL_STYLES}")
        if self.align not in ("center", "left", "right"):
            raise ValueError(f"label align {self.align!r}; known: center, left, right")
        if any(f not in NUMBER_FORMATS for f, _ in self.numbers):
            raise ValueError(f"label numbers {self.numbers!r}; formats: {NUMBER_FORMATS}")


@dataclass(frozen=True)
class Box:
    """A rectangle from (x0, y0) to (x1, y1), filled with ``color`` at ``alpha``; ``border``
    an outline colour or None; ``extend`` carries it to the pane's edge (a linefill of extended lines)."""

    x0: float
    y0: float
    x1: float
    y1: float
    color: str
    alpha: float = 0.1
    border: str | None = None
    extend: str = "none"
    plot: str = ""
    key: str = ""

    def __post_init__(self) -> None:
        if self.extend not in EXTENDS:
            raise ValueError(f"box extend {self.extend!r}; known: {EXTENDS}")


@dataclass(frozen=True)
class LineFill:
    """The area between two lines (each as drawn: extended to the pane's edge if it is), filled
    with ``color`` at ``alpha`` (Pine's ``linefill.new``)."""

    a: Line
    b: Line
    color: str
    alpha: float = 0.15
    plot: str = ""
    key: str = ""


Drawing = Line | Label | Box | LineFill


def shifted(d: Drawing, dx: float) -> Drawing:
    """The drawing moved ``dx`` bars (history index -> window index)."""
    from dataclasses import replace

    if isinstance(d, Label):
        return replace(d, x=d.x + dx, until=None if d.until is None else d.until + dx)
    if isinstance(d, LineFill):
        return replace(d, a=shifted(d.a, dx), b=shifted(d.b, dx))
    return replace(d, x0=d.x0 + dx, x1=d.x1 + dx)


def pinned(d: Drawing, first: float, min_bars: float = 0.0) -> Drawing:
    """A label of a line that starts left of the window and still runs ``min_bars`` into it
    (``until``): moved to the window's first bar, right of it (Pine draws it off-screen; a
    chart image keeps it)."""
    from dataclasses import replace

    if isinstance(d, Label) and d.until is not None and d.x < first - 0.5 and d.until > first - 0.5 + min_bars:
        return replace(d, x=first - 0.5, style="left")
    return d


def reaches(d: Drawing, first: float, last: float) -> bool:
    """Whether the drawing (in window indices) shows between bars ``first`` and ``last``
    (an extended line always may)."""
    if isinstance(d, Label):
        return first - 0.5 <= d.x <= last + 0.5
    if isinstance(d, LineFill):
        return reaches(d.a, first, last) or reaches(d.b, first, last)
    lo, hi = min(d.x0, d.x1), max(d.x0, d.x1)
    if d.extend in ("right", "both"):
        hi = float("inf")
    if d.extend in ("left", "both"):
        lo = float("-inf")
    return hi >= first - 0.5 and lo <= last + 0.5
