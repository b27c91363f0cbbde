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


def finite_or_none(value: float, digits: int = 8) -> float | None:
    v = float(value)
    if not math.isfinite(v):
        return None
    if v == 0:
        return 0.0
    return float(f"{v:.{digits}g}")


def fixed2(v: float) -> str:
    return "n/a" if not math.isfinite(v) else f"{v:,.2f}"


def fmt_auto(v: float, pdec: int) -> str:
    if not math.isfinite(v):
        return "n/a"
    a = abs(v)
    if a >= 1e5:
        return format_compact(v)
    d = max(2, min(10, pdec)) if a < 1 else 2
    return f"{v:,.{d}f}"


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


def last_value(values: np.ndarray) -> float:
    return float(values[-1]) if len(values) else float("nan")
