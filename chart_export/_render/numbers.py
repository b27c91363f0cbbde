"""Number formatting for axes, legends and the manifest: prices, compact volumes, ticks."""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np

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


def _unsigned_zero(text: str) -> str:
    """``-0.00`` -> ``0.00``: a value that rounds to zero has no sign."""
    if text.startswith("-") and not text.strip("-0.,"):
        return text[1:]
    return text


def format_price(value: float, decimals: int) -> str:
    if value is None or not math.isfinite(value):
        return "n/a"
    return _unsigned_zero(f"{value:,.{decimals}f}")


def format_mintick(value: float, tick: float | None, decimals: int) -> str:
    """Pine's ``str.tostring(value, format.mintick)``: the tick count rounded half away from
    zero (its fraction split off exactly, as PyneCore measured on TradingView: 111.505 on a
    0.01 tick is ``111.51``, where ``f"{111.505:.2f}"`` writes 111.50), in the tick's decimals,
    no thousands separator; without a tick, the value in ``decimals``."""
    if value is None or not math.isfinite(value):
        return "n/a"
    if tick is not None and tick > 0:
        ticks = value / tick
        count = abs(ticks) // 1.0
        if abs(ticks) - count >= 0.5:
            count += 1.0
        value = math.copysign(count, ticks) * tick
    return _unsigned_zero(f"{value:.{decimals}f}")


# A price grid finer than this many significant digits is float noise (or computed, unrounded
# prices), never a quoted tick; and never more than MAX_TICK_DECIMALS decimals.
TICK_SIGNIFICANT = 9
MAX_TICK_DECIMALS = 10
TICK_SAMPLE = 2000  # bars the tick is derived from (the newest)
TICK_PROBE = 64  # values tried on a grid before all of them (most grids fail on the first few)


def price_tick(*columns: np.ndarray) -> float | None:
    """The data's price increment: the coarsest decimal grid every OHLC value sits on (float
    noise tolerated), refined to the largest common step of the
    values on it (0.25 for index futures, 0.00001 for 5-decimal FX, 1e-8 for a micro-cap
    quoted to 8 decimals). ``None`` when the values are on no grid within
    ``min(MAX_TICK_DECIMALS, TICK_SIGNIFICANT significant digits)`` (computed prices)."""
    values = np.concatenate([np.asarray(c, dtype=np.float64).ravel()[-TICK_SAMPLE:] for c in columns])
    values = np.abs(values[np.isfinite(values)])
    top = float(values.max()) if values.size else 0.0
    if not top > 0:
        return None
    cap = min(MAX_TICK_DECIMALS, max(0, TICK_SIGNIFICANT - 1 - math.floor(math.log10(top))))
    probe = values[:TICK_PROBE]
    for d in range(cap + 1):
        if not _on_grid(probe, d)[0]:  # a few values off the grid: all of them are not on it
            continue
        ok, units = _on_grid(values, d)
        if ok:
            # the largest common step: the gcd of the distances to the smallest value (that of
            # the sorted distinct values' neighbour distances, without sorting)
            units = units.astype(np.int64)
            unit = int(np.gcd.reduce(units - units.min()))
            return round(max(unit, 1) * 10.0**-d, d)
    return None


def _on_grid(values: np.ndarray, d: int) -> tuple[bool, np.ndarray]:
    """Whether every value is on the grid of ``d`` decimals, and the values in grid units."""
    scaled = values * 10.0**d
    units = np.rint(scaled)
    # off the grid by float noise at most: 1e-7 of the value (float32 sources included),
    # never more than a hundredth of a tick; a value below the grid is off it
    return bool(np.all(np.abs(scaled - units) <= np.minimum(0.01, np.abs(scaled) * 1e-7))), units


def tick_decimals(tick: float | None, fallback_price: float) -> int:
    """Decimals that quote prices on ``tick``; without one, ~5 significant digits of the price."""
    if tick is None or not tick > 0:
        return price_decimals(fallback_price)
    return min(MAX_TICK_DECIMALS, decimals_for_step(tick))


def grid_ticks(lo: float, hi: float, tick: float | None, nbins: int) -> list[float] | None:
    """At most ``nbins`` intervals of a nice step (1, 2, 2.5, 5 x 10^k) that is a whole
    multiple of ``tick``, so every label is written exactly in the tick's decimals; ``None``
    without a tick (the caller's own locator then)."""
    if tick is None or not tick > 0 or not hi > lo or not math.isfinite(hi - lo):
        return None
    want = (hi - lo) / max(1, nbins)
    k = math.floor(math.log10(tick))
    while True:
        for s in (1.0, 2.0, 2.5, 5.0):
            step = s * 10.0**k
            ratio = step / tick
            if step >= tick * (1 - 1e-9) and abs(ratio - round(ratio)) < 1e-6 and step >= want * (1 - 1e-9):
                d = decimals_for_step(step)
                first, last = math.ceil(lo / step - 1e-9), math.floor(hi / step + 1e-9)
                return [round(i * step, d) for i in range(first, last + 1)]
        k += 1


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
    return _unsigned_zero(f"{scaled:.{d}f}") + suffix


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
    """Ticks in the step's decimals; when that leaves a label of one glyph (``0`` between
    ``-5,000`` and ``5,000``), every label in two decimals (``0.00``, ``5,000.00``, as
    TradingView writes an oscillator's scale): RapidOCR's text detector found no lone ``0``
    (0 of 5) and every ``0.00`` (``benchmarks/ocr_check.py``)."""
    d = min(10, decimals_for_step(step))
    labels = [format_price(t, d) for t in ticks]
    if d < 2 and any(len(label) == 1 for label in labels):
        labels = [format_price(t, 2) for t in ticks]
    return labels


def integer_tick_labels(ticks: list[float], step: float) -> list[str]:
    return [f"{t:.0f}" for t in ticks]


def finite_or_none(value: float, digits: int = 8) -> float | None:
    v = float(value)
    if not math.isfinite(v):
        return None
    if v == 0:
        return 0.0
    return float(f"{v:.{digits}g}")


def format_value(v: float, *, min_decimals: int = 2, max_decimals: int = 10, significant: int = 3) -> str:
    """A study value that keeps its meaning: at least ``significant`` significant digits
    (``0.0000213``, ``-0.000187``, ``54.23``), at least ``min_decimals`` decimals, compact
    from 1e5 (``1.23M``); a value that rounds to zero at ``max_decimals`` is ``0.00``,
    never ``-0.0000``."""
    if v is None or not math.isfinite(v):
        return "n/a"
    a = abs(v)
    if a >= 1e5:
        return format_compact(v)
    d = min_decimals
    if a > 0:
        d = max(d, significant - 1 - math.floor(math.log10(a)))
    d = min(d, max(max_decimals, min_decimals))
    text = f"{v:,.{d}f}"
    if not text.strip("-0.,"):
        return f"{0:.{min_decimals}f}"
    return text


def fixed2(v: float) -> str:
    """Bounded oscillators (RSI, ADX, %R): two decimals, three significant digits below 1."""
    return format_value(v, min_decimals=2, max_decimals=4)


def fmt_auto(v: float, pdec: int) -> str:
    """Unbounded oscillators in price units (MACD, momentum): three significant digits, to
    four decimals past the price's own."""
    return format_value(v, min_decimals=2, max_decimals=min(14, pdec + 4))


def auto_tick_labels(ticks: list[float], step: float) -> list[str]:
    if ticks and max(abs(t) for t in ticks) >= 1e5:
        return compact_tick_labels(ticks, step)
    return price_tick_labels(ticks, step)


TICK_LABELS: dict[str, Callable[[list[float], float], list[str]]] = {
    "price": price_tick_labels,
    "compact": compact_tick_labels,
    "integer": integer_tick_labels,
    "auto": auto_tick_labels,  # price, or compact from 1e5 (oscillators of any magnitude)
}
