"""The title row: ``SYMBOL · 1 hour``, the last bar's O/H/L/C and change at the data's own
precision, and the last bar's open time on the right. One font for the whole chart: the
title is drawn in the same face and size as every other label."""

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


def draw_title(pool: TextPool, glyphs: Glyphs, font: Font, prep: Any, width: int, height: int, title_h: int,
               left: int, colors: dict[str, Any], symbol: str, timeframe: str, pdec: int) -> None:
    """``SYMBOL · 1 hour``, the last bar's O/H/L/C and change (when they fit), and the last
    bar's open time in the template's time zone on the right, all in the chart's font."""
    w = prep.window
    last_dt = datetime.fromtimestamp(int(w.time[-1]), prep.template.tz)
    zone = last_dt.tzname() or prep.template.timezone
    right_text = f"last bar {last_dt:%Y-%m-%d %H:%M} {zone}"
    head = title_head(symbol, timeframe)
    y = height - title_h * 0.5
    up = float(w.close[-1]) >= float(w.open[-1])
    head_w = glyphs.width(head, font)
    right_w = glyphs.width(right_text, font)
    room = width - left - 8 - head_w - right_w - 28
    pool.add(left, y, head, font, colors["text"], role="title")
    for text in ohlc_texts(prep, pdec):
        if glyphs.width(text, font) <= room:
            pool.add(left + head_w + 12, y, text, font, colors["up"] if up else colors["down"], role="title:ohlc")
            break
    pool.add(width - 8, y, right_text, font, colors["muted"], ha="right", role="title:time")
