"""The title row: ``SYMBOL · 1 hour`` and the last bar's open time on the right; and the last
bar's O/H/L/C and change at the data's own precision, the price pane's first legend row. One
font for the whole chart: the title is drawn in the same face and size as every other label.

The O/H/L/C row is drawn word by word (:class:`OhlcRow`): ``O``, a gap of three digit widths,
the value; four digit widths after a number. Drawn as one string (two spaces between groups,
one inside) RapidOCR took the whole row as one box, which its direction classifier turned
upside down (a 430 px line squeezed into its 192 px input), and lost it on four charts of five;
with one or two digit widths after the letter it read ``H2,636.80``, with three between groups
``-35,828.37(-10.49%)``. With these gaps the row no longer fits beside the symbol and the time
at 800 px, so it has a row of its own (``benchmarks/ocr_check.py``)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from .glyphs import Font, Glyphs, TextPool
from .numbers import format_price
from .time_axis import parse_timeframe

_UNITS = {
    "s": ("sec", "sec"), "m": ("min", "min"), "h": ("hour", "hours"), "d": ("day", "days"),
    "w": ("week", "weeks"), "M": ("month", "months"), "y": ("year", "years"),
}


def timeframe_words(timeframe: str) -> str:
    """``1m`` -> ``1 min``, ``15m`` -> ``15 min``, ``1h`` -> ``1 hour``, ``4h`` -> ``4 hours``,
    ``1d``/``1D``/``D`` -> ``1 day``, ``1w`` -> ``1 week``, ``1M``/``M`` -> ``1 month``, ``60``
    -> ``60 min`` (:func:`~chart_export._render.time_axis.parse_timeframe`); anything else is
    shown as given."""
    parsed = parse_timeframe(timeframe)
    if parsed is None:
        return " ".join(timeframe.split())
    count, unit = parsed
    one, many = _UNITS[unit]
    return f"{count} {one if count == 1 else many}"


def _signed(value: float, text: str) -> str:
    """``text`` (``value`` formatted) with the sign of ``value``, also when it rounds to zero:
    a change of -0.00002 is ``(-0.00%)``, never ``(0.00%)`` beside a negative change."""
    if text.startswith(("-", "+")) or value == 0 or value != value:
        return text
    return ("+" if value > 0 else "-") + text


def ohlc_texts(prep: Any, pdec: int) -> tuple[str, ...]:
    """The last bar's values, longest first (the title keeps the first that fits)."""
    w = prep.window
    o, h, lo, c = (float(a[-1]) for a in (w.open, w.high, w.low, w.close))
    closes = prep.candles.close
    prev_close = float(closes[-2]) if len(closes) > 1 else o
    change = c - prev_close
    pct = (c / prev_close - 1.0) * 100.0 if prev_close else 0.0
    chg = _signed(change, format_price(change, pdec))
    pct_text = _signed(pct, format_price(pct, 2))
    p = lambda v: format_price(v, pdec)  # noqa: E731
    return (
        f"O {p(o)}  H {p(h)}  L {p(lo)}  C {p(c)}  {chg} ({pct_text}%)",
        f"O {p(o)}  H {p(h)}  L {p(lo)}  C {p(c)}  {pct_text}%",
        f"C {p(c)}  {chg} ({pct_text}%)",
        f"C {p(c)}  {pct_text}%",
    )


def title_head(symbol: str, timeframe: str) -> str:
    sym = " ".join(symbol.split())
    sym = sym if len(sym) <= 40 else sym[:39] + "…"
    tf = timeframe_words(timeframe)
    tf = tf if len(tf) <= 16 else tf[:15] + "…"
    return f"{sym} · {tf}" if tf else sym


#: Gaps of the O/H/L/C row in digit widths: after a letter (``O``, value), after a number.
INNER_GAP, OUTER_GAP = 3.0, 4.0


def ohlc_words(text: str) -> list[list[str]]:
    """``[["O", "2,622.12"], ..., ["+10.50", "(+0.40%)"]]``: the groups of an :func:`ohlc_texts`
    text (two spaces apart), each split into its words."""
    return [group.split(" ") for group in text.split("  ") if group]


class OhlcRow:
    """Widths and drawing of the O/H/L/C row: every word its own text, so every number is a
    token of its own to any reader."""

    def __init__(self, glyphs: Glyphs, font: Font) -> None:
        self.glyphs, self.font = glyphs, font
        digit = glyphs.width("0", font)
        self.inner, self.outer = round(INNER_GAP * digit), round(OUTER_GAP * digit)
        self._placements: dict[str, list[tuple[float, str]]] = {}  # measured once per text
        self._widths: dict[str, float] = {}

    def _placed(self, text: str) -> list[tuple[float, str]]:
        """``(x offset, word)`` of every word: ``inner`` after a letter, ``outer`` after a number."""
        out = self._placements.get(text)
        if out is None:
            out, x = [], 0.0
            for word in (word for group in ohlc_words(text) for word in group):
                out.append((x, word))
                x += self.glyphs.width(word, self.font) + (self.inner if word.isalpha() else self.outer)
            self._placements[text] = out
        return out

    def width(self, text: str) -> float:
        w = self._widths.get(text)
        if w is None:
            placed = self._placed(text)
            w = self._widths[text] = placed[-1][0] + self.glyphs.width(placed[-1][1], self.font) if placed else 0.0
        return w

    def text(self, prep: Any, pdec: int, room: float) -> str:
        """The longest of :func:`ohlc_texts` that fits ``room`` (the shortest when none does)."""
        texts = ohlc_texts(prep, pdec)
        return next((t for t in texts if self.width(t) <= room), texts[-1])

    def draw(self, pool: TextPool, x: float, y: float, text: str, color: str) -> None:
        for dx, word in self._placed(text):
            pool.add(x + dx, y, word, self.font, color, role="title:ohlc")


def draw_title(pool: TextPool, glyphs: Glyphs, font: Font, prep: Any, width: int, height: int, title_h: int,
               left: int, colors: dict[str, Any], symbol: str, timeframe: str) -> None:
    """``SYMBOL · 1 hour`` and the last bar's open time in the template's time zone on the
    right, in the chart's font (the O/H/L/C row is the price pane's first legend row)."""
    w = prep.window
    last_dt = datetime.fromtimestamp(int(w.time[-1]), prep.template.tz)
    zone = last_dt.tzname() or prep.template.timezone
    right_text = f"last bar {last_dt:%Y-%m-%d %H:%M} {zone}"
    y = height - title_h * 0.5
    pool.add(left, y, title_head(symbol, timeframe), font, colors["text"], role="title")
    pool.add(width - 8, y, right_text, font, colors["muted"], ha="right", role="title:time")
