"""Render a chart template over candles into a PNG, with matplotlib's object API only.

No pyplot (no global figure state), no pandas/scipy: ``Figure`` + ``FigureCanvasAgg``;
matplotlib is imported on first render, not on import.

How a chart is made
-------------------
1. **Indicators over the whole history** (:func:`compute_study`), then the visible window is
   cut (:func:`prepare_chart`), so the first visible bar's values equal those computed on
   the full series. The volume profile ("visible range") is computed on the window.
2. **Visible window**: the last ``K = max(30, (width - 80) // 5)`` bars — one bar per 5 px
   of plot width: 144 bars at 800 px, 393 at 2048 px — or all of them when there are fewer.
3. **Layout** (pixels, computed here; no tight/constrained layout): a title row (symbol ·
   timeframe, the last bar's O/H/L/C and change when they fit, and "last bar <time> <zone>"
   — the last bar's *open* time in the template's time zone, e.g. ``UTC``), the price pane,
   then one pane per pane study (Volume, MACD, ADX, RSI, Stoch RSI, OBV), height ratio
   3:1:1...; value axis on the right with the last close in a box coloured by the last
   candle; a legend at the top of each pane with each study's parameters and last value
   (with head-room so no data hides under it). The x axis is the bar index (no weekend or
   holiday gaps) with date labels on calendar boundaries in the template's time zone
   (:func:`time_ticks`).
4. **Drawing**: candle bodies as one compound path per colour and wicks as one per colour;
   volume bars, MACD histogram and volume profile likewise (one artist per colour or one
   collection); studies as ``Line2D``; grid and pane frames as two compound paths for the
   whole figure. Text (labels, legends, title) is rasterised once per (string, font, colour)
   with matplotlib's FreeType font objects and hinting — the same glyphs Agg's own text
   draws — and composited by Agg's ``draw_image``; a ``Text`` artist would be laid out and
   rasterised again on every draw (~1 ms each, ~85 % of the draw time). One ``Figure`` per
   (size, theme, pane layout) is kept and reused: the chart's artists are removed and
   redrawn, axes and canvas are built once.
5. **PNG**: 8-bit RGB written by :func:`encode_png_rgb` (zlib level 1, filter None, no
   ancillary chunks: no Software, no time), so the same input gives the same bytes. Over
   the 262,144-byte budget it is re-encoded at level 9 with the Up filter, then quantised
   (Pillow, 256 then 64 colours); if it still does not fit, ``RENDER_FAILED``.

Colours: candles teal/red (TradingView's, distinguishable with red-green colour blindness by
lightness and blue content), study lines from the Okabe-Ito palette.

Thread safety: one :class:`ChartRenderer` renders one chart at a time (an internal lock);
:func:`render_chart` uses a shared module-level renderer.
"""

from __future__ import annotations

import io
import math
import struct
import threading
import zlib
from collections import OrderedDict
from dataclasses import dataclass, field
from datetime import UTC, datetime, tzinfo
from typing import Any

import numpy as np

from . import indicators as ind
from . import mplconfig
from .candles import Candles
from .errors import ErrorCode, StepFailure
from .templates import MAX_SIZE, MIN_SIZE, Study, Template

mplconfig.prepare()  # before the first (lazy) matplotlib import: prebuilt font cache

DPI = 100
MAX_PNG_BYTES = 262_144
PX_PER_BAR = 5
MIN_VISIBLE_BARS = 30
RIGHT_PAD_BARS = 3
MIN_SPAN_BARS = 60

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

# --------------------------------------------------------------------------- themes

_THEMES: dict[str, dict[str, Any]] = {
    "light": {
        "bg": "#ffffff",
        "text": "#131722",
        "muted": "#5d606b",
        "grid": "#eef0f4",
        "spine": "#d1d4dc",
        "up": "#089981",
        "down": "#f23645",
        "label_text": "#ffffff",
        "palette": ("#e69f00", "#0072b2", "#cc79a7", "#009e73", "#56b4e9", "#d55e00", "#7f7f7f"),
        "band": "#7e57c2",
        "vp_up": "#2f7fc1",
        "vp_down": "#e6a400",
        "poc": "#d55e00",
    },
    "dark": {
        "bg": "#131722",
        "text": "#d1d4dc",
        "muted": "#8f96a3",
        "grid": "#1f2330",
        "spine": "#363a45",
        "up": "#26a69a",
        "down": "#ef5350",
        "label_text": "#ffffff",
        "palette": ("#f0b429", "#56b4e9", "#e78ac3", "#2ec4a0", "#a6cee3", "#ff8c5a", "#b0b0b0"),
        "band": "#9575cd",
        "vp_up": "#4a90d9",
        "vp_down": "#d9a21b",
        "poc": "#ff8c5a",
    },
}

# Preferred palette slot per plot (index into the theme palette); taken if still free.
_PREFERRED = {
    ("ma_double", "ma1"): 0,
    ("ma_double", "ma2"): 1,
    ("sma", "ma"): 0,
    ("ema", "ma"): 1,
    ("bbands", "basis"): 2,
    ("psar", "sar"): 1,
}


@dataclass(frozen=True)
class RenderedChart:
    png: bytes
    width: int
    height: int
    meta: dict[str, Any]


# --------------------------------------------------------------------------- numbers


def decimals_for_step(step: float) -> int:
    """Fewest decimals that write multiples of ``step`` exactly (0..12)."""
    step = abs(float(step))
    if step == 0 or not math.isfinite(step):
        return 2
    for d in range(0, 13):
        if abs(round(step, d) - step) <= step * 1e-6:
            return d
    return 12


def price_decimals(price: float) -> int:
    """Decimals for a quoted price: 2 from 1,000 up, ~5 significant digits below."""
    p = abs(float(price))
    if p == 0 or not math.isfinite(p):
        return 2
    return int(min(10, max(2, 4 - math.floor(math.log10(p)))))


def format_price(value: float, decimals: int) -> str:
    if value is None or not math.isfinite(value):
        return "n/a"
    return f"{value:,.{decimals}f}"


def _unit(magnitude: float) -> tuple[float, str]:
    for unit, suffix in ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "K")):
        if magnitude >= unit:
            return unit, suffix
    return 1.0, ""


def format_compact(value: float) -> str:
    """A volume-like number in 3-4 characters: 950, 1.23K, 45.6M, 789B."""
    if value is None or not math.isfinite(value):
        return "n/a"
    unit, suffix = _unit(abs(value))
    scaled = value / unit
    a = abs(scaled)
    d = 0 if (a >= 100 or (not suffix and float(value).is_integer())) else 1 if a >= 10 else 2
    return f"{scaled:.{d}f}{suffix}"


def compact_tick_labels(ticks: list[float], step: float) -> list[str]:
    """Labels for evenly spaced ticks with one unit (K/M/B/T) taken from the largest tick,
    and just enough decimals to tell neighbours apart: 0, 100K, 200K / 0.5M, 1.0M."""
    if not ticks:
        return []
    unit, suffix = _unit(max(abs(t) for t in ticks))
    d = min(decimals_for_step(step / unit), 4)
    out = []
    for t in ticks:
        text = f"{t / unit:.{d}f}"
        if float(text) == 0:
            text = "0"
        out.append(text + suffix if text != "0" else text)
    return out


def price_tick_labels(ticks: list[float], step: float) -> list[str]:
    d = min(10, decimals_for_step(step))
    return [format_price(t, d) for t in ticks]


def integer_tick_labels(ticks: list[float], step: float) -> list[str]:
    return [f"{t:.0f}" for t in ticks]


def _finite_or_none(value: float, digits: int = 8) -> float | None:
    v = float(value)
    if not math.isfinite(v):
        return None
    if v == 0:
        return 0.0
    return float(f"{v:.{digits}g}")


# --------------------------------------------------------------------------- time axis


def _step_table() -> tuple[tuple[str, int, int], ...]:
    m, h, d = 60, 3600, 86400
    return (
        ("minute", 1, m), ("minute", 2, 2 * m), ("minute", 5, 5 * m), ("minute", 10, 10 * m),
        ("minute", 15, 15 * m), ("minute", 30, 30 * m),
        ("hour", 1, h), ("hour", 2, 2 * h), ("hour", 3, 3 * h), ("hour", 4, 4 * h),
        ("hour", 6, 6 * h), ("hour", 12, 12 * h),
        ("day", 1, d), ("day", 2, 2 * d), ("week", 1, 7 * d), ("week", 2, 14 * d),
        ("month", 1, 2_629_746), ("month", 2, 2 * 2_629_746), ("month", 3, 3 * 2_629_746), ("month", 6, 6 * 2_629_746),
        ("year", 1, 31_556_952), ("year", 2, 2 * 31_556_952), ("year", 5, 5 * 31_556_952), ("year", 10, 10 * 31_556_952),
        ("year", 20, 20 * 31_556_952), ("year", 50, 50 * 31_556_952), ("year", 100, 100 * 31_556_952),
    )


TIME_STEPS = _step_table()
_LEVEL = {"minute": 0, "hour": 1, "day": 2, "week": 2, "month": 3, "year": 4}


def choose_time_step(span_seconds: float, bar_seconds: float, max_ticks: int) -> tuple[str, int]:
    """The smallest calendar step (unit, count) not finer than one bar that puts at most
    ``max_ticks`` boundaries in ``span_seconds``."""
    max_ticks = max(1, max_ticks)
    for unit, count, seconds in TIME_STEPS:
        # 0.85: a calendar month is 28..31 days, its nominal length here is 30.4
        if seconds >= bar_seconds * 0.85 and span_seconds / seconds <= max_ticks:
            return unit, count
    return TIME_STEPS[-1][0], TIME_STEPS[-1][1]


def _bucket(moment: datetime, unit: str, count: int) -> int:
    if unit == "minute":
        local = moment.replace(tzinfo=UTC).timestamp()
        return int(local // (60 * count))
    if unit == "hour":
        local = moment.replace(tzinfo=UTC).timestamp()
        return int(local // (3600 * count))
    if unit == "day":
        return moment.toordinal() // count
    if unit == "week":
        return ((moment.toordinal() - 1) // 7) // count  # ordinal 1 is a Monday
    if unit == "month":
        return (moment.year * 12 + moment.month - 1) // count
    return moment.year // count


def _tick_label(moment: datetime, prev: datetime | None, unit: str) -> tuple[str, int]:
    """Label and level (0 minute .. 4 year) of a tick at ``moment``."""
    new_year = prev is not None and prev.year != moment.year
    new_day = prev is not None and prev.date() != moment.date()
    if unit in ("minute", "hour"):
        if new_year:
            return str(moment.year), 4
        if new_day:
            return f"{moment.day} {_MONTHS[moment.month - 1]}", 2
        return f"{moment.hour:02d}:{moment.minute:02d}", _LEVEL[unit]
    if unit in ("day", "week"):
        if new_year:
            return str(moment.year), 4
        return f"{moment.day} {_MONTHS[moment.month - 1]}", 2
    if unit == "month":
        if new_year:
            return str(moment.year), 4
        return _MONTHS[moment.month - 1], 3
    return str(moment.year), 4


def time_ticks(
    times: np.ndarray,
    tz: tzinfo,
    *,
    max_ticks: int = 8,
    bar_seconds: float | None = None,
    prev_time: int | None = None,
    min_gap_bars: float = 0.0,
) -> list[tuple[int, str]]:
    """``(bar index, label)`` for the visible bars ``times`` (UTC epoch seconds).

    A step is picked from :data:`TIME_STEPS` (minutes .. 100 years) so that at most
    ``max_ticks`` boundaries fall in the visible span and the step is not finer than one
    bar; ticks go on the first bar of each new calendar bucket in ``tz`` (``prev_time``,
    the bar before the window, tells whether bar 0 starts one). Labels: ``HH:MM`` within a
    day, ``D Mon`` on a new day or for day/week steps, ``Mon`` for month steps, the year on
    a new year (with day/week/month steps and no new year in view, the first label also
    carries the year: ``Sep 2023``). Ticks closer than ``min_gap_bars`` to the previous one are dropped, keeping
    the higher-level boundary. With no boundary at all, bar 0 gets a full date label.
    """
    n = len(times)
    if n == 0:
        return []
    span = float(times[-1] - times[0]) if n > 1 else 0.0
    if bar_seconds is None:
        bar_seconds = float(np.median(np.diff(times))) if n > 1 else 60.0
    unit, count = choose_time_step(span, bar_seconds, max_ticks)
    moments = [datetime.fromtimestamp(int(t), tz) for t in times]
    prev_moment = datetime.fromtimestamp(int(prev_time), tz) if prev_time is not None else None
    keys = [_bucket(m, unit, count) for m in moments]
    prev_key = _bucket(prev_moment, unit, count) if prev_moment is not None else None
    raw: list[tuple[int, str, int]] = []
    for i in range(n):
        before_key = keys[i - 1] if i > 0 else prev_key
        if before_key is None or keys[i] == before_key:
            continue
        before = moments[i - 1] if i > 0 else prev_moment
        label, level = _tick_label(moments[i], before, unit)
        raw.append((i, label, level))
    kept: list[tuple[int, str, int]] = []
    for tick in raw:
        if kept and tick[0] - kept[-1][0] < min_gap_bars:
            if tick[2] > kept[-1][2]:
                kept[-1] = tick
            continue
        kept.append(tick)
    if not kept:
        m = moments[0]
        if unit in ("minute", "hour"):
            label = f"{m.day} {_MONTHS[m.month - 1]} {m.hour:02d}:{m.minute:02d}"
        elif unit in ("day", "week"):
            label = f"{m.day} {_MONTHS[m.month - 1]} {m.year}"
        elif unit == "month":
            label = f"{_MONTHS[m.month - 1]} {m.year}"
        else:
            label = str(m.year)
        return [(0, label)]
    out = [(i, label) for i, label, _ in kept]
    if unit in ("day", "week", "month") and not any(level == 4 for _, _, level in kept):
        # no year boundary in view: the first label carries the year ("Sep 2023")
        i, label = out[0]
        out[0] = (i, f"{label} {moments[i].year}")
    return out


_TF_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 7 * 86400, "M": 30 * 86400, "y": 365 * 86400}


def timeframe_seconds(timeframe: str) -> int | None:
    """``1m``/``15m``/``4h``/``1d``/``1w``/``1M``/``1y`` (also ``D``/``W``/``M``, ``60``
    minutes) -> approximate seconds; None when unknown. Used only when the candles cannot
    tell (a single bar)."""
    import re

    m = re.fullmatch(r"\s*(\d*)\s*([smhdwMy]|min|D|W)?\s*", timeframe or "")
    if not m or not (m.group(1) or m.group(2)):
        return None
    count = int(m.group(1) or 1)
    unit = m.group(2) or "m"  # a bare number is minutes (TradingView intervals)
    unit = {"min": "m", "D": "d", "W": "w"}.get(unit, unit)
    return count * _TF_UNITS[unit] if count > 0 else None


def visible_bar_count(width: int, available: int) -> int:
    """How many bars a chart of ``width`` px shows (see the module docstring)."""
    k = max(MIN_VISIBLE_BARS, (int(width) - 80) // PX_PER_BAR)
    return max(1, min(k, available))


# --------------------------------------------------------------------------- indicators


def _source(c: Candles, name: str) -> np.ndarray:
    if name == "hl2":
        return (c.high + c.low) / 2.0
    if name == "hlc3":
        return (c.high + c.low + c.close) / 3.0
    if name == "ohlc4":
        return (c.open + c.high + c.low + c.close) / 4.0
    return getattr(c, name)


def _ma(x: np.ndarray, method: str, n: int) -> np.ndarray:
    return ind.ema(x, n) if method == "EMA" else ind.sma(x, n)


def _adx_from_di(pdi: np.ndarray, mdi: np.ndarray, n: int) -> np.ndarray:
    """ADX with its own smoothing length (TradingView's 'ADX Smoothing' != 'DI Length'):
    DX = 100 |+DI - -DI| / (+DI + -DI), seeded with the mean of the first ``n`` DX, then
    Wilder-smoothed like TA-Lib."""
    out = np.full(pdi.shape[0], np.nan)
    valid = np.flatnonzero(~np.isnan(pdi) & ~np.isnan(mdi))
    if valid.size < n:
        return out
    s = int(valid[0])
    p, m = pdi[s:], mdi[s:]
    tot = p + m
    dx = np.zeros(tot.shape)
    np.divide(np.abs(p - m), tot, out=dx, where=tot > 1e-14)
    dx *= 100.0
    a = float(dx[:n].sum()) / n
    res = [a]
    for v in dx[n:].tolist():
        a = a - (a - v) / n
        res.append(a)
    out[s + n - 1 :] = res
    return out


def compute_study(study: Study, candles: Candles) -> dict[str, np.ndarray]:
    """The study's series over the whole history (same length as ``candles``).

    Keys per kind: sma/ema ``ma``; ma_double ``ma1``, ``ma2``; volume ``volume`` (+ ``ma``);
    bbands ``upper``, ``basis``, ``lower``; macd ``macd``, ``signal``, ``hist``; psar ``sar``;
    adx ``adx``, ``plus_di``, ``minus_di``; rsi ``rsi`` (+ ``smoothing``); stochrsi ``k``,
    ``d``; obv ``obv`` (+ ``smoothing``). vpvr has none (it is computed on the window).
    """
    p = study.inputs
    k = study.kind
    if k in ("sma", "ema"):
        x = _source(candles, p["source"])
        return {"ma": ind.sma(x, p["length"]) if k == "sma" else ind.ema(x, p["length"])}
    if k == "ma_double":
        return {"ma1": _ma(candles.close, p["method"], p["first"]), "ma2": _ma(candles.close, p["method"], p["second"])}
    if k == "volume":
        out = {"volume": np.asarray(candles.volume, dtype=np.float64)}
        if p["show_ma"]:
            out["ma"] = ind.sma(candles.volume, p["ma_length"])
        return out
    if k == "bbands":
        upper, basis, lower = ind.bbands(_source(candles, p["source"]), p["length"], p["mult"])
        return {"upper": upper, "basis": basis, "lower": lower}
    if k == "macd":
        m, s, h = ind.macd(_source(candles, p["source"]), p["fast"], p["slow"], p["signal"])
        return {"macd": m, "signal": s, "hist": h}
    if k == "psar":
        return {"sar": ind.sar(candles.high, candles.low, p["increment"], p["maximum"])}
    if k == "adx":
        pdi, mdi, adx = ind.dmi(candles.high, candles.low, candles.close, p["di_length"])
        if p["adx_smoothing"] != p["di_length"]:
            adx = _adx_from_di(pdi, mdi, p["adx_smoothing"])
        return {"adx": adx, "plus_di": pdi, "minus_di": mdi}
    if k == "rsi":
        r = ind.rsi(_source(candles, p["source"]), p["length"])
        out = {"rsi": r}
        if p["smoothing"] != "None":
            out["smoothing"] = _ma(r, p["smoothing"], p["smoothing_length"])
        return out
    if k == "stochrsi":
        kk, dd = ind.stochrsi(_source(candles, p["source"]), p["rsi_length"], p["stoch_length"], p["k"], p["d"])
        return {"k": kk, "d": dd}
    if k == "obv":
        o = ind.obv(candles.close, candles.volume)
        out = {"obv": o}
        if p["smoothing"] != "None":
            out["smoothing"] = _ma(o, p["smoothing"], p["smoothing_length"])
        return out
    if k == "vpvr":
        return {}
    raise StepFailure(ErrorCode.UNKNOWN_STUDY, f"study kind {k!r} cannot be drawn")


@dataclass
class PreparedStudy:
    study: Study
    series: dict[str, np.ndarray]  # visible window only
    profile: Any = None  # indicators.VolumeProfile for vpvr


@dataclass
class PreparedChart:
    template: Template
    candles: Candles  # whole history
    window: Candles  # the visible bars
    studies: list[PreparedStudy]
    prev_time: int | None  # bar before the window (for the first time tick)


def prepare_chart(template: Template, candles: Candles, *, visible: int | None = None) -> PreparedChart:
    """Compute every study on the whole history, then cut the visible window."""
    n = len(candles)
    if n == 0:
        raise StepFailure(ErrorCode.VALIDATION_FAILED, "no candles to draw")
    k = visible if visible is not None else visible_bar_count(template.width, n)
    k = max(1, min(int(k), n))
    window = candles.tail(k)
    prepared: list[PreparedStudy] = []
    for study in template.studies:
        series = {name: values[n - k :] for name, values in compute_study(study, candles).items()}
        profile = None
        if study.kind == "vpvr":
            profile = ind.volume_profile(
                window.high, window.low, window.close, window.volume,
                study.inputs["rows"], study.inputs["value_area"], open_=window.open,
            )
        prepared.append(PreparedStudy(study, series, profile))
    prev_time = int(candles.time[n - k - 1]) if n > k else None
    return PreparedChart(template, candles, window, prepared, prev_time)


def _heikin_ashi(c: Candles) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    ha_close = (c.open + c.high + c.low + c.close) / 4.0
    ha_open = np.empty_like(ha_close)
    ha_open[0] = (c.open[0] + c.close[0]) / 2.0
    prev = ha_open[0]
    hc = ha_close.tolist()
    for i in range(1, len(hc)):
        prev = (prev + hc[i - 1]) / 2.0
        ha_open[i] = prev
    ha_high = np.maximum(c.high, np.maximum(ha_open, ha_close))
    ha_low = np.minimum(c.low, np.minimum(ha_open, ha_close))
    return ha_open, ha_high, ha_low, ha_close


# --------------------------------------------------------------------------- figure state

_Z_GRID, _Z_FRAME, _Z_SWATCH, _Z_TEXT, _Z_BOX = -1.0, 30.0, 31.0, 32.0, 33.0  # axes are at 0


class _BitmapText:
    """Factory of the artist class below (kept lazy so importing this module stays cheap)."""

    cls: Any = None

    @classmethod
    def get(cls) -> Any:
        if cls.cls is None:
            from matplotlib.artist import Artist

            class BitmapText(Artist):
                """A string drawn as a cached RGBA bitmap at a whole-pixel position."""

                def __init__(self) -> None:
                    super().__init__()
                    self.image: np.ndarray | None = None
                    self.px = (0, 0)

                def draw(self, renderer: Any) -> None:
                    if not self.get_visible() or self.image is None:
                        return
                    gc = renderer.new_gc()
                    renderer.draw_image(gc, self.px[0], self.px[1], self.image)
                    gc.restore()
                    self.stale = False

            cls.cls = BitmapText
        return cls.cls


class _TextPool:
    """Text drawn from bitmaps rasterised once per (string, font, colour) with matplotlib's
    FreeType font objects and hinting — the same glyphs Agg's own text path draws — and
    composited by Agg's ``draw_image``. A Text artist costs ~1 ms to lay out and rasterise
    on every draw; a cached bitmap costs ~20 us. The artists themselves are kept on the
    figure and reused; each chart takes them in the same order, so the same chart always
    gets the same drawing order."""

    def __init__(self, fig: Any, glyphs: _Glyphs) -> None:
        self.fig = fig
        self.glyphs = glyphs
        self.items: list[Any] = []
        self.used = 0

    def reset(self) -> None:
        for t in self.items[: self.used]:
            t.set_visible(False)
        self.used = 0

    def add(self, x: float, y: float, s: str, font: _Font, color: str, *, ha: str = "left", va: str = "center",
            zorder: float = 0.0) -> tuple[float, float, float, float]:
        """Draw ``s`` anchored at figure pixel (x, y) (from the bottom left); returns its box
        (x0, y0, x1, y1). ``va='center'`` centres digits/capitals on y."""
        if self.used == len(self.items):
            art = _BitmapText.get()()
            self.fig.add_artist(art)
            self.items.append(art)
        art = self.items[self.used]
        self.used += 1
        image, width, descent, x_off = self.glyphs.image(s, font, color)
        if ha == "center":
            x0 = x - width / 2
        elif ha == "right":
            x0 = x - width
        else:
            x0 = x
        baseline = y - font.cap_height / 2 if va == "center" else y
        px = (int(round(x0 + x_off)), int(round(baseline - descent)))
        art.image = image
        art.px = px
        art.set_zorder(zorder or _Z_TEXT)
        art.set_visible(True)
        art.stale = True
        return (px[0], px[1], px[0] + image.shape[1], px[1] + image.shape[0])


_FT_LOCK = threading.Lock()


@dataclass(frozen=True)
class _Font:
    key: tuple[float, str]
    ft: Any  # matplotlib.ft2font.FT2Font (shared, cached by matplotlib)
    size: float
    cap_height: float


class _Glyphs:
    """Rasterised strings: alpha masks per (string, font), coloured images per colour."""

    def __init__(self) -> None:
        self._fonts: dict[tuple[float, str], _Font] = {}
        self._masks: dict[tuple[str, tuple[float, str]], tuple[np.ndarray, float, float, float]] = {}
        self._images: dict[tuple[str, tuple[float, str], str], np.ndarray] = {}

    def font(self, size: float, weight: str = "normal") -> _Font:
        key = (size, weight)
        font = self._fonts.get(key)
        if font is None:
            from matplotlib.font_manager import FontProperties, findfont, get_font

            ft = get_font(findfont(FontProperties(family="DejaVu Sans", size=size, weight=weight)))
            font = _Font(key, ft, size, 0.0)
            mask, _, descent, _ = self._raster("0", font)
            font = _Font(key, ft, size, float(mask.shape[0] - descent))
            self._fonts[key] = font
        return font

    def _raster(self, s: str, font: _Font) -> tuple[np.ndarray, float, float, float]:
        from matplotlib.backends.backend_agg import get_hinting_flag

        ft = font.ft
        with _FT_LOCK:  # FT2Font objects are shared (matplotlib's font cache) and stateful
            ft.clear()
            ft.set_size(font.size, DPI)
            ft.set_text(s, 0.0, flags=get_hinting_flag())
            ft.draw_glyphs_to_bitmap(antialiased=True)
            mask = np.array(ft.get_image(), dtype=np.uint8)
            width = ft.get_width_height()[0] / 64.0
            descent = ft.get_descent() / 64.0
            x_off = ft.get_bitmap_offset()[0] / 64.0
        if mask.size == 0:
            mask = np.zeros((1, 1), dtype=np.uint8)
        return mask, width, descent, x_off

    def mask(self, s: str, font: _Font) -> tuple[np.ndarray, float, float, float]:
        key = (s, font.key)
        hit = self._masks.get(key)
        if hit is None:
            if len(self._masks) > 8192:
                self._masks.clear()
                self._images.clear()
            hit = self._raster(s, font)
            self._masks[key] = hit
        return hit

    def width(self, s: str, font: _Font) -> float:
        return self.mask(s, font)[1]

    def image(self, s: str, font: _Font, color: str) -> tuple[np.ndarray, float, float, float]:
        mask, width, descent, x_off = self.mask(s, font)
        key = (s, font.key, color)
        image = self._images.get(key)
        if image is None:
            from matplotlib.colors import to_rgba

            r, g, b, a = to_rgba(color)
            image = np.empty(mask.shape + (4,), dtype=np.uint8)
            image[..., 0] = round(r * 255)
            image[..., 1] = round(g * 255)
            image[..., 2] = round(b * 255)
            image[..., 3] = np.round(mask.astype(np.float64) * a).astype(np.uint8)
            image = np.ascontiguousarray(image[::-1])  # draw_image wants the bottom row first
            self._images[key] = image
        return image, width, descent, x_off


@dataclass
class _FigureState:
    fig: Any
    canvas: Any
    price: Any
    panes: list[Any]
    overlays: list[Any]
    pool: _TextPool
    added: list[Any] = field(default_factory=list)
    scale: str = "linear"


def _new_figure(glyphs: _Glyphs, width: int, height: int, theme: str, n_panes: int, n_overlays: int) -> _FigureState:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    colors = _THEMES[theme]
    # +1e-6 px: width / DPI * DPI must not round down to width - 1.
    fig = Figure(figsize=((width + 1e-6) / DPI, (height + 1e-6) / DPI), dpi=DPI, facecolor=colors["bg"])
    canvas = FigureCanvasAgg(fig)

    def axes() -> Any:
        ax = fig.add_axes((0.0, 0.5, 1.0, 0.5))
        ax.set_axis_off()  # frame, grid and labels are drawn by the renderer
        ax.set_autoscale_on(False)
        return ax

    price = axes()
    panes = [axes() for _ in range(n_panes)]
    overlays = [axes() for _ in range(n_overlays)]
    return _FigureState(fig, canvas, price, panes, overlays, _TextPool(fig, glyphs))


def _font_size(width: int) -> float:
    return 8.0 if width < 1000 else 9.0 if width < 1500 else 10.0


# --------------------------------------------------------------------------- renderer


@dataclass
class _Pane:
    ax: Any
    top_px: float  # from the top of the figure
    height_px: float
    legend: list[tuple[str, str]]  # (colour, text)
    ylim: tuple[float, float] = (0.0, 1.0)
    log: bool = False
    ticks: list[float] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)
    legend_rows: list[list[tuple[str, str]]] = field(default_factory=list)
    fixed_ticks: list[float] | None = None
    formatter: Any = price_tick_labels  # (ticks, step) -> labels
    draws: list[Any] = field(default_factory=list)  # callables, run once the axes are placed

    def px_from_top(self, value: float) -> float:
        return _px_from_top(value, self.ylim, self.height_px, self.log)


class ChartRenderer:
    """Renders charts, reusing one Figure per (width, height, theme, panes, overlays)."""

    def __init__(self, *, max_png_bytes: int = MAX_PNG_BYTES, compress_level: int = 1, max_figures: int = 8) -> None:
        self.max_png_bytes = int(max_png_bytes)
        self.compress_level = int(compress_level)
        self.max_figures = int(max_figures)
        self._figures: OrderedDict[tuple[Any, ...], _FigureState] = OrderedDict()
        self._lock = threading.Lock()
        self._glyphs = _Glyphs()

    # ------------------------------------------------------------------ public

    def render(self, template: Template, candles: Candles, *, symbol: str, timeframe: str) -> RenderedChart:
        """PNG + meta of ``template`` drawn over ``candles`` (StepFailure on any failure)."""
        with self._lock:
            key = None
            try:
                prepared = prepare_chart(template, candles)
                width = min(MAX_SIZE, max(MIN_SIZE, int(template.width)))
                height = min(MAX_SIZE, max(MIN_SIZE, int(template.height)))
                theme = template.theme if template.theme in _THEMES else "light"
                n_panes = len(template.separate_panes)
                n_overlays = sum(1 for s in template.studies if s.is_pane_study and s.pane == "price")
                key = (width, height, theme, n_panes, n_overlays)
                state = self._state(key)
                self._draw(state, prepared, width, height, theme, symbol=str(symbol), timeframe=str(timeframe))
                png, info = self._encode(state, width, height)
            except StepFailure:
                self._discard(key)
                raise
            except Exception as exc:  # matplotlib / numpy / Pillow failures
                self._discard(key)
                raise StepFailure(
                    ErrorCode.RENDER_FAILED,
                    f"rendering template {template.id} failed: {type(exc).__name__}: {exc}",
                    {"template": template.id},
                ) from exc
            meta = self._meta(prepared, width, height, symbol=str(symbol), timeframe=str(timeframe))
            meta["png_bytes"] = len(png)
            meta.update(info)
            return RenderedChart(png=png, width=width, height=height, meta=meta)

    # ------------------------------------------------------------------ state

    def _state(self, key: tuple[Any, ...]) -> _FigureState:
        state = self._figures.get(key)
        if state is None:
            state = _new_figure(self._glyphs, *key)
            self._figures[key] = state
            while len(self._figures) > self.max_figures:
                self._figures.popitem(last=False)
        else:
            self._figures.move_to_end(key)
            for artist in state.added:
                artist.remove()
            state.added.clear()
            state.pool.reset()
        return state

    def _discard(self, key: tuple[Any, ...] | None) -> None:
        if key is not None:
            self._figures.pop(key, None)

    # ------------------------------------------------------------------ text

    def _font(self, size: float, weight: str = "normal") -> _Font:
        return self._glyphs.font(size, weight)

    def _width(self, text: str, font: _Font) -> float:
        return self._glyphs.width(text, font)

    # ------------------------------------------------------------------ drawing

    def _draw(self, state: _FigureState, prep: PreparedChart, width: int, height: int, theme: str, *,
              symbol: str, timeframe: str) -> None:
        from matplotlib.collections import PolyCollection
        from matplotlib.lines import Line2D
        from matplotlib.patches import PathPatch, Rectangle
        from matplotlib.ticker import MaxNLocator
        from matplotlib.transforms import IdentityTransform, blended_transform_factory

        colors = _THEMES[theme]
        template = prep.template
        fig = state.fig
        pool = state.pool
        fs = _font_size(width)
        font = self._font(fs)
        px_per_pt = DPI / 72.0
        text_px = fs * px_per_pt
        line_h = round(text_px * 1.5)
        added = state.added
        w = prep.window
        k = len(w)
        x = np.arange(k, dtype=np.float64)
        log_scale = template.scale == "log" and float(np.min(w.low)) > 0

        # ---- vertical layout (pixels from the top of the figure)
        title_h = round(text_px * 2.7)
        bottom_h = round(text_px * 2.2)
        gap = 4
        separate = [ps for ps in prep.studies if ps.study.pane == "separate"]
        ratios = [3.0] + [1.0] * len(separate)
        avail = height - title_h - bottom_h - gap * len(separate)
        heights = [round(avail * r / sum(ratios)) for r in ratios]
        heights[0] = avail - sum(heights[1:])
        tops = [float(title_h)]
        for i in range(1, len(heights)):
            tops.append(tops[-1] + heights[i - 1] + gap)

        # ---- colours
        palette = list(colors["palette"])
        used: set[int] = set()

        def take(kind: str, plot: str) -> str:
            pref = _PREFERRED.get((kind, plot))
            if pref is not None and pref not in used:
                used.add(pref)
                return palette[pref]
            for i in range(len(palette)):
                if i not in used:
                    used.add(i)
                    return palette[i]
            return palette[len(used) % len(palette)]

        def style(ps: PreparedStudy, plot: str, default_color: str, default_lw: float = 1.3) -> dict[str, Any]:
            o = ps.study.overrides.get(plot, {})
            return {
                "color": o.get("color", default_color),
                "lw": float(o.get("linewidth", default_lw)) * 0.72,  # px -> pt at 100 dpi
                "plottype": o.get("plottype", "line"),
                "visible": o.get("visible", True),
                "alpha": o.get("alpha"),  # None: the colour's own alpha (#rrggbbaa / rgba())
            }

        def add_line(ax: Any, values: np.ndarray, st: dict[str, Any], zorder: float = 3.0) -> None:
            if not st["visible"]:
                return
            kwargs: dict[str, Any] = {"color": st["color"], "alpha": st["alpha"], "zorder": zorder}
            if st["plottype"] == "cross":
                kwargs.update(linestyle="none", marker="+", markersize=max(4.0, 2.0 * st["lw"] + 3.0),
                              markeredgewidth=max(0.8, st["lw"] * 0.8))
            elif st["plottype"] == "circles":
                kwargs.update(linestyle="none", marker="o", markersize=max(2.0, 1.5 * st["lw"] + 1.0), markeredgewidth=0)
            else:
                kwargs.update(linewidth=st["lw"], solid_joinstyle="round", solid_capstyle="round")
                if st["plottype"] == "step_line":
                    kwargs["drawstyle"] = "steps-mid"
            line = Line2D(x, values, **kwargs)
            ax.add_artist(line)
            added.append(line)

        # ---- price pane content and its value range
        if template.style == "heikin_ashi":
            n_all = len(prep.candles)
            po, ph, pl, pc = (a[n_all - k :] for a in _heikin_ashi(prep.candles))
        else:
            po, ph, pl, pc = w.open, w.high, w.low, w.close
        last_close = float(w.close[-1])
        pdec = price_decimals(float(np.median(w.close)))
        bounds = [float(np.min(pl)), float(np.max(ph))]

        def extend(values: np.ndarray) -> None:
            finite = values[np.isfinite(values)]
            if log_scale:
                finite = finite[finite > 0]
            if finite.size:
                bounds[0] = min(bounds[0], float(finite.min()))
                bounds[1] = max(bounds[1], float(finite.max()))

        price = _Pane(state.price, tops[0], heights[0], [], log=log_scale)
        panes = [price]
        overlay_panes: list[_Pane] = []
        overlay_index = 0
        for ps in prep.studies:
            s, kind, p, ser = ps.study, ps.study.kind, ps.study.inputs, ps.series
            if s.pane != "price":
                continue
            if s.is_pane_study:  # forceOverlay: own scale in the bottom quarter of the price pane
                pane_o = _Pane(state.overlays[overlay_index], tops[0], heights[0], [])
                overlay_index += 1
                self._pane_content(ps, pane_o, x, w, colors, style, add_line, added, pdec, decorate=False)
                price.legend.extend(pane_o.legend)
                lo, hi = pane_o.ylim
                pane_o.ylim = (lo - (hi - lo) * 0.02, lo + (hi - lo) / 0.25)
                overlay_panes.append(pane_o)
            elif kind in ("sma", "ema"):
                st = style(ps, "ma", take(kind, "ma"))
                v = ser["ma"]
                extend(v)
                src = "" if p["source"] == "close" else f" {p['source']}"
                price.legend.append((st["color"], f"{kind.upper()} {p['length']}{src}  {format_price(_last(v), pdec)}"))
                price.draws.append(lambda ax, v=v, st=st: add_line(ax, v, st))
            elif kind == "ma_double":
                name = "EMA" if p["method"] == "EMA" else "SMA"
                for plot, length in (("ma1", p["first"]), ("ma2", p["second"])):
                    st = style(ps, plot, take(kind, plot))
                    v = ser[plot]
                    extend(v)
                    price.legend.append((st["color"], f"{name} {length}  {format_price(_last(v), pdec)}"))
                    price.draws.append(lambda ax, v=v, st=st: add_line(ax, v, st))
            elif kind == "bbands":
                base = take(kind, "basis")
                st_b, st_u, st_l = (style(ps, plot, base, 1.0) for plot in ("basis", "upper", "lower"))
                extend(ser["upper"])
                extend(ser["lower"])
                price.legend.append(
                    (st_b["color"], f"BB {p['length']}, {p['mult']:g}  {format_price(_last(ser['upper']), pdec)} / "
                     f"{format_price(_last(ser['basis']), pdec)} / {format_price(_last(ser['lower']), pdec)}")
                )

                def draw_bb(ax: Any, ser: dict[str, np.ndarray] = ser, st_b: Any = st_b, st_u: Any = st_u, st_l: Any = st_l) -> None:
                    up_, lo_ = ser["upper"], ser["lower"]
                    valid = np.flatnonzero(np.isfinite(up_) & np.isfinite(lo_))
                    if valid.size > 1:
                        i0 = int(valid[0])  # bands are defined from their first bar on
                        xs = x[i0:]
                        poly = np.concatenate([np.stack([xs, up_[i0:]], 1), np.stack([xs[::-1], lo_[i0:][::-1]], 1)])
                        fill = PolyCollection([poly], facecolors=[st_u["color"]], edgecolors="none", alpha=0.07, zorder=0.5)
                        ax.add_collection(fill, autolim=False)
                        added.append(fill)
                    add_line(ax, up_, st_u, 2.9)
                    add_line(ax, lo_, st_l, 2.9)
                    add_line(ax, ser["basis"], st_b, 2.9)

                price.draws.append(draw_bb)
            elif kind == "psar":
                st = style(ps, "sar", take(kind, "sar"), 1.0)
                if "plottype" not in s.overrides.get("sar", {}):
                    st["plottype"] = "cross"
                v = ser["sar"]
                extend(v)
                price.legend.append(
                    (st["color"], f"PSAR {p['start']:g}, {p['increment']:g}, {p['maximum']:g}  {format_price(_last(v), pdec)}")
                )
                price.draws.append(lambda ax, v=v, st=st: add_line(ax, v, st, 3.5))
            elif kind == "vpvr":
                prof = ps.profile
                st = style(ps, "poc", colors["poc"], 1.2)
                va_lo, va_hi = prof.value_area_prices
                price.legend.append(
                    (colors["vp_up"], f"VPVR {p['rows']} rows, VA {p['value_area']:g}%: {format_price(va_lo, pdec)} – "
                     f"{format_price(va_hi, pdec)}")
                )
                price.legend.append((st["color"], f"POC {format_price(prof.poc_price, pdec)}"))
                price.draws.append(
                    lambda ax, prof=prof, st=st, mode=p["volume"]: self._draw_profile(ax, prof, st, mode, colors, added, blended_transform_factory)
                )

        for i, ps in enumerate(separate):
            pane = _Pane(state.panes[i], tops[i + 1], heights[i + 1], [])
            self._pane_content(ps, pane, x, w, colors, style, add_line, added, pdec, decorate=True)
            panes.append(pane)

        # ---- legends (rows wrap; a pane keeps at most ~45 % of its height for them)
        usable_w = width - 8 - 96
        for pane in panes:
            rows = self._legend_rows(pane.legend, usable_w, font)
            max_rows = max(1, int(pane.height_px * 0.45 // line_h))
            pane.legend_rows = rows[:max_rows]
            top_pad = len(pane.legend_rows) * line_h + 6
            if pane is price:
                pane.ylim = _padded(bounds[0], bounds[1], pane.height_px, top_pad, 8, log=log_scale)
            else:
                pane.ylim = _padded(pane.ylim[0], pane.ylim[1], pane.height_px, top_pad, 4, log=False)

        # ---- y ticks and labels
        last_label = format_price(last_close, pdec)
        for pane in panes:
            lo, hi = pane.ylim
            if pane.fixed_ticks is not None:
                ticks = [t for t in pane.fixed_ticks if lo <= t <= hi]
                step = 10.0
            else:
                nb = max(3, int(pane.height_px // (text_px * 2.2)))
                raw = [float(t) for t in MaxNLocator(nbins=nb, steps=[1, 2, 2.5, 5, 10]).tick_values(lo, hi)]
                step = (raw[1] - raw[0]) if len(raw) > 1 else max(abs(hi - lo), abs(hi) * 1e-3, 1e-12)
                ticks = [t for t in raw if lo <= t <= hi]
            top_clear = len(pane.legend_rows) * line_h + text_px * 0.6
            ticks = [t for t in ticks if top_clear < pane.px_from_top(t) < pane.height_px - text_px * 0.6]
            if pane is price:
                y_last = pane.px_from_top(last_close)
                ticks = [t for t in ticks if abs(pane.px_from_top(t) - y_last) > line_h * 0.9]
            kept: list[float] = []  # labels at least one text line apart (fixed ticks: by priority)
            for t in ticks:
                if all(abs(pane.px_from_top(t) - pane.px_from_top(u)) >= text_px * 1.4 for u in kept):
                    kept.append(t)
            ticks = sorted(kept)
            pane.ticks, pane.labels = ticks, pane.formatter(ticks, step)

        label_w = max([self._width(lab, font) for pane in panes for lab in pane.labels]
                      + [self._width(last_label, font) + 6])
        left = 8
        right = int(math.ceil(label_w + 14))
        plot_w = width - left - right

        # ---- x range and time ticks
        x1 = k - 1 + RIGHT_PAD_BARS + 0.5
        span_bars = max(float(k + RIGHT_PAD_BARS), float(MIN_SPAN_BARS))
        xlim = (x1 - span_bars, x1)
        px_per_bar = plot_w / span_bars
        date_w = self._width("30 Sep", font) + 16
        tticks = time_ticks(
            w.time, template.tz, max_ticks=max(2, int(plot_w // 90)),
            bar_seconds=float(prep.candles.timeframe_seconds() or timeframe_seconds(timeframe) or 60), prev_time=prep.prev_time,
            min_gap_bars=date_w / px_per_bar,
        )

        def x_px(xv: float) -> float:
            return left + (xv - xlim[0]) / span_bars * plot_w

        # ---- place the axes
        for pane in panes + overlay_panes:
            bottom = height - pane.top_px - pane.height_px
            pane.ax.set_position((left / width, bottom / height, plot_w / width, pane.height_px / height))
            pane.ax.set_xlim(*xlim)
        want = "log" if log_scale else "linear"
        if state.scale != want:
            price.ax.set_yscale(want)
            state.scale = want
        for pane in panes + overlay_panes:
            pane.ax.set_ylim(*pane.ylim)

        # ---- grid and frames (figure pixels; two compound paths for the whole chart)
        ident = IdentityTransform()
        grid_segs, frame_rects = [], []
        for pane in panes:
            y_top = height - pane.top_px
            y_bot = y_top - pane.height_px
            for xi, _ in tticks:
                xp = math.floor(x_px(xi)) + 0.5
                grid_segs.append(((xp, y_bot), (xp, y_top)))
            for t in pane.ticks:
                yp = math.floor(y_top - pane.px_from_top(t)) + 0.5
                grid_segs.append(((left, yp), (left + plot_w, yp)))
            frame_rects.append((left + 0.5, math.floor(y_bot) + 0.5, left + plot_w - 0.5, math.ceil(y_top) - 0.5))
        if grid_segs:
            grid = PathPatch(_segments(np.asarray(grid_segs, dtype=float)), facecolor="none", edgecolor=colors["grid"],
                             linewidth=0.72, transform=ident, zorder=_Z_GRID, antialiased=False)
            fig.add_artist(grid)
            added.append(grid)
        fr = np.asarray(frame_rects, dtype=float)
        frame = PathPatch(_rects(fr[:, 0], fr[:, 2], fr[:, 1], fr[:, 3]), facecolor="none", edgecolor=colors["spine"],
                          linewidth=0.72, transform=ident, zorder=_Z_FRAME, antialiased=False)
        fig.add_artist(frame)
        added.append(frame)

        # ---- price pane: candles, studies, last price
        self._draw_price(price.ax, template.style, x, po, ph, pl, pc, colors, added, price, px_per_bar, PathPatch, Line2D)
        for draw in price.draws:
            draw(price.ax)
        for pane in overlay_panes + panes[1:]:
            for draw in pane.draws:
                draw()
        box_color = colors["up"] if w.close[-1] >= w.open[-1] else colors["down"]
        added.append(_hline(price.ax, last_close, color=box_color, linewidth=0.72, linestyle=(0, (2, 2)), alpha=0.9, zorder=1.5))
        y_last = height - price.top_px - price.px_from_top(last_close)
        if price.top_px - 2 <= height - y_last <= price.top_px + price.height_px + 2:
            box_h = font.cap_height + 8
            box_w = self._width(last_label, font) + 8
            box = Rectangle((left + plot_w + 2, round(y_last - box_h / 2)), box_w, box_h, transform=ident,
                            facecolor=box_color, edgecolor="none", zorder=_Z_BOX - 0.5)
            fig.add_artist(box)
            added.append(box)
            pool.add(left + plot_w + 6, y_last, last_label, font, colors["label_text"], zorder=_Z_BOX)

        # ---- axis labels
        for pane in panes:
            y_top = height - pane.top_px
            for t, lab in zip(pane.ticks, pane.labels):
                pool.add(left + plot_w + 6, y_top - pane.px_from_top(t), lab, font, colors["muted"])
        y_dates = height - panes[-1].top_px - panes[-1].height_px - bottom_h * 0.48
        for xi, lab in tticks:
            half = self._width(lab, font) / 2
            cx = min(max(x_px(xi), left + half + 1), left + plot_w - half - 1)
            pool.add(cx, y_dates, lab, font, colors["muted"], ha="center")

        # ---- legends: swatches (one collection) + text
        swatches = []
        sw_colors = []
        for pane in panes:
            y = height - pane.top_px - 4 - line_h / 2
            for row in pane.legend_rows:
                xp = left + 6
                for color, text in row:
                    swatches.append(((xp, y - 2.5), (xp + 10, y - 2.5), (xp + 10, y + 2.5), (xp, y + 2.5)))
                    sw_colors.append(color)
                    pool.add(xp + 14, y, text, font, colors["text"])
                    xp += 14 + self._width(text, font) + 14
                y -= line_h
        if swatches:
            coll = PolyCollection(swatches, facecolors=sw_colors, edgecolors="none", transform=ident, zorder=_Z_SWATCH)
            fig.add_artist(coll)
            added.append(coll)

        # ---- title
        self._draw_title(pool, prep, width, height, title_h, left, colors, symbol, timeframe, pdec, fs)

    def _pane_content(self, ps: PreparedStudy, pane: _Pane, x: np.ndarray, w: Candles, colors: dict[str, Any],
                      style: Any, add_line: Any, added: list[Any], pdec: int, *, decorate: bool) -> None:
        """Legend entries, value range, tick rule and draw callables of a pane study."""
        from matplotlib.patches import PathPatch

        kind, p, ser = ps.study.kind, ps.study.inputs, ps.series
        ax = pane.ax
        pal = colors["palette"]
        draws = pane.draws

        def rng(*arrays: np.ndarray, include: tuple[float, ...] = ()) -> tuple[float, float]:
            vals = [a[np.isfinite(a)] for a in arrays]
            lows = [float(v.min()) for v in vals if v.size] + list(include)
            highs = [float(v.max()) for v in vals if v.size] + list(include)
            return (min(lows), max(highs)) if lows else (0.0, 1.0)

        def levels(lines: tuple[float, ...], band: tuple[float, float] | None, mid: float | None) -> None:
            if not decorate:
                return

            def draw() -> None:
                if band is not None:
                    added.append(_hspan(ax, band[0], band[1], facecolor=colors["band"], alpha=0.06, linewidth=0, zorder=0.4))
                for lv in lines:
                    added.append(_hline(ax, lv, color=colors["muted"], linewidth=0.6, linestyle=(0, (4, 3)), alpha=0.8, zorder=1))
                if mid is not None:
                    added.append(_hline(ax, mid, color=colors["muted"], linewidth=0.5, linestyle=(0, (1, 2)), alpha=0.6, zorder=1))

            draws.append(draw)

        def bars(values: np.ndarray, mask: np.ndarray, color: str, alpha: float, half: float) -> None:
            if mask.any():
                patch = PathPatch(_rects(x[mask] - half, x[mask] + half, np.zeros(int(mask.sum())), values[mask]),
                                  facecolor=color, edgecolor="none", alpha=alpha, zorder=2)
                ax.add_artist(patch)
                added.append(patch)

        if kind == "volume":
            vol = ser["volume"]
            up = w.close >= w.open
            pane.legend.append((colors["up"] if up[-1] else colors["down"], f"Volume  {format_compact(_last(vol))}"))
            pane.ylim = (0.0, max(float(np.max(vol)), 1e-12))
            pane.formatter = compact_tick_labels

            def draw_vol() -> None:
                bars(vol, up, colors["up"], 0.55, 0.36)
                bars(vol, ~up, colors["down"], 0.55, 0.36)

            draws.append(draw_vol)
            if "ma" in ser:
                st_ma = style(ps, "ma", pal[1], 1.0)
                pane.legend.append((st_ma["color"], f"MA {p['ma_length']}  {format_compact(_last(ser['ma']))}"))
                draws.append(lambda: add_line(ax, ser["ma"], st_ma))
        elif kind == "macd":
            st_m = style(ps, "macd", pal[1])
            st_s = style(ps, "signal", pal[0])
            hist = ser["hist"]
            pane.legend.append((st_m["color"], f"MACD {p['fast']}, {p['slow']}, {p['signal']}  {fmt_auto(_last(ser['macd']), pdec)}"))
            pane.legend.append((st_s["color"], f"Signal  {fmt_auto(_last(ser['signal']), pdec)}"))
            pane.legend.append((colors["up"] if _last(hist) >= 0 else colors["down"], f"Hist  {fmt_auto(_last(hist), pdec)}"))
            pane.ylim = rng(ser["macd"], ser["signal"], hist, include=(0.0,))
            pane.formatter = macd_tick_labels

            def draw_macd() -> None:
                h = np.where(np.isfinite(hist), hist, 0.0)
                bars(h, h >= 0, colors["up"], 0.45, 0.34)
                bars(h, h < 0, colors["down"], 0.45, 0.34)
                added.append(_hline(ax, 0.0, color=colors["muted"], linewidth=0.5, alpha=0.7, zorder=1))
                add_line(ax, ser["macd"], st_m)
                add_line(ax, ser["signal"], st_s)

            draws.append(draw_macd)
        elif kind == "adx":
            st_a = style(ps, "adx", colors["band"], 1.4)
            st_p = style(ps, "plus_di", colors["up"], 1.0)
            st_n = style(ps, "minus_di", colors["down"], 1.0)
            pane.legend.append((st_a["color"], f"ADX {p['adx_smoothing']}, {p['di_length']}  {_fmt2(_last(ser['adx']))}"))
            pane.legend.append((st_p["color"], f"+DI  {_fmt2(_last(ser['plus_di']))}"))
            pane.legend.append((st_n["color"], f"-DI  {_fmt2(_last(ser['minus_di']))}"))
            pane.ylim = (0.0, rng(ser["adx"], ser["plus_di"], ser["minus_di"], include=(0.0, 25.0))[1])
            pane.formatter = integer_tick_labels
            draws.append(lambda: (add_line(ax, ser["plus_di"], st_p), add_line(ax, ser["minus_di"], st_n), add_line(ax, ser["adx"], st_a)))
        elif kind == "rsi":
            st_r = style(ps, "rsi", colors["band"], 1.3)
            pane.legend.append((st_r["color"], f"RSI {p['length']}  {_fmt2(_last(ser['rsi']))}"))
            pane.ylim = (0.0, 100.0)
            pane.fixed_ticks = [30.0, 70.0, 50.0]
            pane.formatter = integer_tick_labels
            levels((30.0, 70.0), (30.0, 70.0), 50.0)
            draws.append(lambda: add_line(ax, ser["rsi"], st_r))
            if "smoothing" in ser:
                st_rs = style(ps, "smoothing", pal[0], 1.0)
                pane.legend.append((st_rs["color"], f"{p['smoothing']} {p['smoothing_length']}  {_fmt2(_last(ser['smoothing']))}"))
                draws.append(lambda: add_line(ax, ser["smoothing"], st_rs))
        elif kind == "stochrsi":
            st_k = style(ps, "k", pal[1], 1.2)
            st_d = style(ps, "d", pal[0], 1.2)
            pane.legend.append(
                (st_k["color"], f"Stoch RSI {p['rsi_length']}, {p['stoch_length']}, {p['k']}, {p['d']}  K {_fmt2(_last(ser['k']))}")
            )
            pane.legend.append((st_d["color"], f"D {_fmt2(_last(ser['d']))}"))
            pane.ylim = (0.0, 100.0)
            pane.fixed_ticks = [20.0, 80.0, 50.0]
            pane.formatter = integer_tick_labels
            levels((20.0, 80.0), (20.0, 80.0), None)
            draws.append(lambda: (add_line(ax, ser["k"], st_k), add_line(ax, ser["d"], st_d)))
        elif kind == "obv":
            st_o = style(ps, "obv", pal[1], 1.3)
            pane.legend.append((st_o["color"], f"OBV  {format_compact(_last(ser['obv']))}"))
            arrays = [ser["obv"]]
            draws.append(lambda: add_line(ax, ser["obv"], st_o))
            if "smoothing" in ser:
                st_os = style(ps, "smoothing", pal[0], 1.0)
                pane.legend.append((st_os["color"], f"{p['smoothing']} {p['smoothing_length']}  {format_compact(_last(ser['smoothing']))}"))
                arrays.append(ser["smoothing"])
                draws.append(lambda: add_line(ax, ser["smoothing"], st_os))
            pane.ylim = rng(*arrays)
            pane.formatter = compact_tick_labels
        lo, hi = pane.ylim
        if not (math.isfinite(lo) and math.isfinite(hi)):
            lo, hi = 0.0, 1.0
        if hi <= lo:
            pad = abs(hi) * 0.01 or 1.0
            lo, hi = lo - pad, hi + pad
        pane.ylim = (lo, hi)

    def _draw_profile(self, ax: Any, prof: Any, st: dict[str, Any], mode: str, colors: dict[str, Any], added: list[Any],
                      blended: Any) -> None:
        """Volume profile: horizontal bars from the right edge of the price pane (28 % of its
        width at the largest row), value-area rows stronger, the POC as a line."""
        from matplotlib.collections import PolyCollection
        from matplotlib.colors import to_rgba

        edges = np.asarray(prof.edges)
        up, down = np.asarray(prof.up), np.asarray(prof.down)
        if mode == "Total":
            parts = [(up + down, colors["vp_up"])]
        elif mode == "Delta":
            delta = up - down
            parts = [(np.where(delta > 0, delta, 0.0), colors["vp_up"]), (np.where(delta < 0, -delta, 0.0), colors["vp_down"])]
        else:
            parts = [(up, colors["vp_up"]), (down, colors["vp_down"])]
        total = sum(v for v, _ in parts)
        peak = float(np.max(total)) if total.size else 0.0
        if peak <= 0 or not edges[-1] > edges[0]:
            return
        rows = len(up)
        h = edges[1:] - edges[:-1]
        y0 = edges[:-1] + h * 0.06
        y1 = edges[1:] - h * 0.06
        in_va = np.zeros(rows, dtype=bool)
        in_va[prof.value_area_low : prof.value_area_high + 1] = True
        verts, faces = [], []
        right = np.ones(rows)
        for values, color in parts:
            widths = values / peak * 0.28
            left = right - widths
            for r in range(rows):
                if widths[r] > 0:
                    verts.append(((left[r], y0[r]), (right[r], y0[r]), (right[r], y1[r]), (left[r], y1[r])))
                    faces.append(to_rgba(color, 0.5 if in_va[r] else 0.2))
            right = left
        if verts:
            coll = PolyCollection(verts, facecolors=faces, edgecolors="none", transform=blended(ax.transAxes, ax.transData), zorder=1)
            ax.add_collection(coll, autolim=False)
            added.append(coll)
        if st["visible"]:
            added.append(_hline(ax, prof.poc_price, color=st["color"], linewidth=st["lw"], alpha=st["alpha"], zorder=1.6))

    def _draw_price(self, ax: Any, style: str, x: np.ndarray, o: np.ndarray, h: np.ndarray, lo: np.ndarray, c: np.ndarray,
                    colors: dict[str, Any], added: list[Any], pane: _Pane, px_per_bar: float, PathPatch: Any, Line2D: Any) -> None:
        """Candles (one compound path per colour for bodies and one for wicks), bars, line or area."""
        up = c >= o
        if style in ("line", "area"):
            line = Line2D(x, c, color=colors["palette"][1], linewidth=1.4, zorder=2.5)
            ax.add_artist(line)
            added.append(line)
            if style == "area":
                poly = np.concatenate([np.stack([x, c], 1), [[x[-1], pane.ylim[0]], [x[0], pane.ylim[0]]]])
                from matplotlib.collections import PolyCollection

                fill = PolyCollection([poly], facecolors=[colors["palette"][1]], edgecolors="none", alpha=0.12, zorder=0.6)
                ax.add_collection(fill, autolim=False)
                added.append(fill)
            return
        wick_lw = 0.72 * max(1.0, round(px_per_bar / 9.0))
        if style == "bar":
            tick = 0.38
            for mask, color in ((up, colors["up"]), (~up, colors["down"])):
                if not mask.any():
                    continue
                xm = x[mask]
                segs = np.concatenate([
                    np.stack([np.stack([xm, lo[mask]], 1), np.stack([xm, h[mask]], 1)], 1),
                    np.stack([np.stack([xm - tick, o[mask]], 1), np.stack([xm, o[mask]], 1)], 1),
                    np.stack([np.stack([xm, c[mask]], 1), np.stack([xm + tick, c[mask]], 1)], 1),
                ])
                patch = PathPatch(_segments(segs), facecolor="none", edgecolor=color, linewidth=max(wick_lw, 0.9), zorder=2)
                ax.add_artist(patch)
                added.append(patch)
            return
        # candles; bodies at least one pixel tall so a doji stays visible
        top = np.maximum(o, c)
        bot = np.minimum(o, c)
        y0, y1 = pane.ylim
        if pane.log:
            factor = 10 ** ((math.log10(y1) - math.log10(y0)) / pane.height_px)
            top = np.maximum(top, bot * factor)
        else:
            one_px = (y1 - y0) / pane.height_px
            mid = (top + bot) / 2
            thin = (top - bot) < one_px
            top = np.where(thin, mid + one_px / 2, top)
            bot = np.where(thin, mid - one_px / 2, bot)
        half = 0.36
        for mask, color in ((up, colors["up"]), (~up, colors["down"])):
            if not mask.any():
                continue
            xm = x[mask]
            segs = np.stack([np.stack([xm, lo[mask]], 1), np.stack([xm, h[mask]], 1)], 1)
            wick = PathPatch(_segments(segs), facecolor="none", edgecolor=color, linewidth=wick_lw, zorder=2, capstyle="butt")
            ax.add_artist(wick)
            added.append(wick)
            hollow = style == "hollow_candle" and color == colors["up"]
            body = PathPatch(
                _rects(xm - half, xm + half, bot[mask], top[mask]),
                facecolor=colors["bg"] if hollow else color, edgecolor=color if hollow else "none",
                linewidth=0.8 if hollow else 0, zorder=2.1,
            )
            ax.add_artist(body)
            added.append(body)

    def _legend_rows(self, entries: list[tuple[str, str]], avail_px: float, font: _Font) -> list[list[tuple[str, str]]]:
        rows: list[list[tuple[str, str]]] = []
        row: list[tuple[str, str]] = []
        used = 6.0
        for color, text in entries:
            wpx = 14 + self._width(text, font) + 14
            if row and used + wpx > avail_px:
                rows.append(row)
                row, used = [], 6.0
            row.append((color, text))
            used += wpx
        if row:
            rows.append(row)
        return rows

    def _draw_title(self, pool: _TextPool, prep: PreparedChart, width: int, height: int, title_h: int, left: int,
                    colors: dict[str, Any], symbol: str, timeframe: str, pdec: int, fs: float) -> None:
        """``SYMBOL · TF`` (bold), the last bar's O/H/L/C and change (when it fits), and the
        last bar's open time in the template's time zone on the right."""
        font = self._font(fs)
        bold = self._font(fs + 2, "bold")
        w = prep.window
        last_dt = datetime.fromtimestamp(int(w.time[-1]), prep.template.tz)
        zone = last_dt.tzname() or prep.template.timezone
        right_text = f"last bar {last_dt:%Y-%m-%d %H:%M} {zone}"
        sym = " ".join(symbol.split())
        sym = sym if len(sym) <= 40 else sym[:39] + "…"
        tf = " ".join(timeframe.split())
        tf = tf if len(tf) <= 12 else tf[:11] + "…"
        head = f"{sym} · {tf}" if tf else sym
        y = height - title_h * 0.5
        o, h, lo, c = (float(a[-1]) for a in (w.open, w.high, w.low, w.close))
        closes = prep.candles.close
        prev_close = float(closes[-2]) if len(closes) > 1 else o
        change = (c / prev_close - 1.0) * 100.0 if prev_close else 0.0
        candidates = (
            f"O {format_price(o, pdec)}  H {format_price(h, pdec)}  L {format_price(lo, pdec)}  C {format_price(c, pdec)}  {change:+.2f}%",
            f"C {format_price(c, pdec)}  {change:+.2f}%",
        )
        head_w = self._width(head, bold)
        right_w = self._width(right_text, font)
        room = width - left - 8 - head_w - right_w - 28
        pool.add(left, y, head, bold, colors["text"])
        for text in candidates:
            if self._width(text, font) <= room:
                pool.add(left + head_w + 12, y, text, font, colors["up"] if c >= o else colors["down"])
                break
        pool.add(width - 8, y, right_text, font, colors["muted"], ha="right")

    # ------------------------------------------------------------------ encode / meta

    def _encode(self, state: _FigureState, width: int, height: int) -> tuple[bytes, dict[str, Any]]:
        state.canvas.draw()
        w_px, h_px = state.canvas.get_width_height()
        if (w_px, h_px) != (width, height):
            raise StepFailure(ErrorCode.RENDER_FAILED, f"canvas is {w_px}x{h_px}, expected {width}x{height}")
        rgb = np.asarray(state.canvas.buffer_rgba())[:, :, :3]

        def quantised(n_colors: int) -> bytes:
            from PIL import Image

            img = Image.fromarray(np.ascontiguousarray(rgb), "RGB")
            pal = img.quantize(n_colors, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE)
            out = io.BytesIO()
            pal.save(out, format="PNG", compress_level=9)
            return out.getvalue()

        attempts: list[tuple[str, Any]] = [
            (f"rgb-z{self.compress_level}", lambda: encode_png_rgb(rgb, self.compress_level)),
            ("rgb-up-z9", lambda: encode_png_rgb(rgb, 9, up_filter=True)),
            ("p256-z9", lambda: quantised(256)),
            ("p64-z9", lambda: quantised(64)),
        ]
        sizes = {}
        for name, encode in attempts:
            data = encode()
            sizes[name] = len(data)
            if len(data) <= self.max_png_bytes:
                return data, {"png_encoding": name}
        raise StepFailure(
            ErrorCode.RENDER_FAILED,
            f"PNG exceeds the {self.max_png_bytes}-byte budget even quantised ({min(sizes.values())} bytes)",
            {"sizes": sizes, "max_png_bytes": self.max_png_bytes},
        )

    def _meta(self, prep: PreparedChart, width: int, height: int, *, symbol: str, timeframe: str) -> dict[str, Any]:
        from .timeutil import rfc3339

        w = prep.window
        studies = []
        for ps in prep.studies:
            entry = ps.study.to_meta()
            if ps.series:
                entry["last"] = {name: _finite_or_none(v[-1]) for name, v in ps.series.items()}
            if ps.profile is not None:
                va_lo, va_hi = ps.profile.value_area_prices
                entry["last"] = {
                    "poc": _finite_or_none(ps.profile.poc_price),
                    "value_area_low": _finite_or_none(va_lo),
                    "value_area_high": _finite_or_none(va_hi),
                }
            studies.append(entry)
        t = prep.template
        return {
            "renderer": "chart_export.rendering",
            "template_id": t.id,
            "symbol": symbol,
            "timeframe": timeframe,
            "width": width,
            "height": height,
            "style": t.style,
            "theme": t.theme,
            "timezone": t.timezone,
            "total_bars": len(prep.candles),
            "visible_bars": len(w),
            "first_bar_time": rfc3339(datetime.fromtimestamp(int(w.time[0]), UTC)),
            "last_bar_time": rfc3339(datetime.fromtimestamp(int(w.time[-1]), UTC)),
            "timeframe_seconds": prep.candles.timeframe_seconds(),
            "last_close": _finite_or_none(w.close[-1]),
            "studies": studies,
        }


def _last(values: np.ndarray) -> float:
    return float(values[-1]) if len(values) else float("nan")


def _fmt2(v: float) -> str:
    return "n/a" if not math.isfinite(v) else f"{v:,.2f}"


# --------------------------------------------------------------------------- helpers


def fmt_auto(v: float, pdec: int) -> str:
    if not math.isfinite(v):
        return "n/a"
    a = abs(v)
    if a >= 1e5:
        return format_compact(v)
    d = max(2, min(10, pdec)) if a < 1 else 2
    return f"{v:,.{d}f}"


def macd_tick_labels(ticks: list[float], step: float) -> list[str]:
    if ticks and max(abs(t) for t in ticks) >= 1e5:
        return compact_tick_labels(ticks, step)
    return price_tick_labels(ticks, step)


def _hline(ax: Any, y: float, **kwargs: Any) -> Any:
    """A horizontal line across the axes (like ``axhline`` without touching data limits)."""
    from matplotlib.lines import Line2D

    line = Line2D([0.0, 1.0], [y, y], transform=ax.get_yaxis_transform(which="grid"), **kwargs)
    ax.add_artist(line)
    return line


def _hspan(ax: Any, y0: float, y1: float, **kwargs: Any) -> Any:
    from matplotlib.patches import Rectangle

    rect = Rectangle((0.0, y0), 1.0, y1 - y0, transform=ax.get_yaxis_transform(which="grid"), **kwargs)
    ax.add_artist(rect)
    return rect


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def encode_png_rgb(rgb: np.ndarray, level: int = 1, *, up_filter: bool = False) -> bytes:
    """A minimal PNG (8-bit RGB, no ancillary chunks: no time, no software) of an
    ``(h, w, 3)`` uint8 array. Rows use filter 0 (None), or 2 (Up) with ``up_filter``;
    the same pixels always give the same bytes."""
    h, w, _ = rgb.shape
    rows = np.empty((h, w * 3 + 1), dtype=np.uint8)
    pixels = rows[:, 1:].reshape(h, w, 3)  # a view: one copy of the pixels, no temporary
    if up_filter:
        rows[:, 0] = 2
        pixels[0] = rgb[0]
        np.subtract(rgb[1:], rgb[:-1], out=pixels[1:])
    else:
        rows[:, 0] = 0
        np.copyto(pixels, rgb)
    ihdr = struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0)
    idat = zlib.compress(rows.tobytes(), int(level))
    return b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", ihdr) + _chunk(b"IDAT", idat) + _chunk(b"IEND", b"")


def _rects(x0: np.ndarray, x1: np.ndarray, y0: np.ndarray, y1: np.ndarray) -> Any:
    from matplotlib.path import Path

    n = len(x0)
    verts = np.empty((n, 5, 2))
    verts[:, 0, 0], verts[:, 0, 1] = x0, y0
    verts[:, 1, 0], verts[:, 1, 1] = x1, y0
    verts[:, 2, 0], verts[:, 2, 1] = x1, y1
    verts[:, 3, 0], verts[:, 3, 1] = x0, y1
    verts[:, 4, 0], verts[:, 4, 1] = x0, y0
    codes = np.tile(np.array([Path.MOVETO, Path.LINETO, Path.LINETO, Path.LINETO, Path.CLOSEPOLY], dtype=Path.code_type), n)
    path = Path(verts.reshape(-1, 2), codes)
    path.should_simplify = False
    return path


def _segments(segs: np.ndarray) -> Any:
    from matplotlib.path import Path

    n = segs.shape[0]
    codes = np.tile(np.array([Path.MOVETO, Path.LINETO], dtype=Path.code_type), n)
    path = Path(segs.reshape(-1, 2), codes)
    path.should_simplify = False
    return path


def _padded(lo: float, hi: float, pane_px: float, top_px: float, bottom_px: float, *, log: bool) -> tuple[float, float]:
    """Limits that put [lo, hi] between ``bottom_px`` and ``pane_px - top_px``."""
    if log and lo > 0:
        a, b = math.log10(lo), math.log10(hi)
    else:
        log = False
        a, b = lo, hi
    if b <= a:
        pad = abs(b) * 0.01 if b else 1.0
        if log:
            pad = 0.01
        a, b = a - pad, b + pad
    usable = max(pane_px - top_px - bottom_px, pane_px * 0.3)
    per_px = (b - a) / usable
    a2, b2 = a - bottom_px * per_px, b + top_px * per_px
    if log:
        return 10**a2, 10**b2
    return a2, b2


def _px_from_top(value: float, ylim: tuple[float, float], pane_px: float, log: bool) -> float:
    lo, hi = ylim
    if log and lo > 0 and value > 0:
        frac = (math.log10(value) - math.log10(lo)) / (math.log10(hi) - math.log10(lo))
    else:
        frac = (value - lo) / (hi - lo) if hi != lo else 0.5
    return (1.0 - frac) * pane_px


_DEFAULT: ChartRenderer | None = None
_DEFAULT_LOCK = threading.Lock()


def default_renderer() -> ChartRenderer:
    global _DEFAULT
    with _DEFAULT_LOCK:
        if _DEFAULT is None:
            _DEFAULT = ChartRenderer()
        return _DEFAULT


def render_chart(template: Template, candles: Candles, *, symbol: str, timeframe: str, renderer: ChartRenderer | None = None) -> RenderedChart:
    """Render one chart (PNG bytes + meta) with the shared renderer (or ``renderer``)."""
    return (renderer or default_renderer()).render(template, candles, symbol=symbol, timeframe=timeframe)


__all__ = [
    "MAX_PNG_BYTES",
    "ChartRenderer",
    "PreparedChart",
    "PreparedStudy",
    "RenderedChart",
    "choose_time_step",
    "compute_study",
    "default_renderer",
    "prepare_chart",
    "render_chart",
    "time_ticks",
    "visible_bar_count",
]
