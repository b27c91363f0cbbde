"""The volume profile of the visible bars (TradingView's "Volume Profile Visible Range", Up/Down
mode, approximated from the chart's own bars: TradingView splits each bar's volume into up and
down volume on lower-timeframe bars, which a candle file does not have; here a whole bar is up
or down and its volume is spread over its high-low range).

Not a study module (its name starts with ``_``): the registry skips it.
"""

from __future__ import annotations

import math
import numbers
from dataclasses import dataclass

import numpy as np

# Cells per chunk of volume_profile's (bars x rows) overlap matrix: bounds memory (~8 MB).
_VP_CELLS = 1 << 20


def _series(x, name: str) -> np.ndarray:
    """Return ``x`` as a 1-D float64 array, or raise ValueError."""
    try:
        a = np.asarray(x, dtype=np.float64)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"{name} must be a 1-D array of numbers: {exc}") from None
    if a.ndim != 1:
        raise ValueError(f"{name} must be 1-D, got shape {a.shape}")
    return a


def _same_length(**arrays: np.ndarray) -> int:
    lengths = {name: a.shape[0] for name, a in arrays.items()}
    if len(set(lengths.values())) > 1:
        detail = ", ".join(f"{k}={v}" for k, v in lengths.items())
        raise ValueError(f"inputs must have the same length, got {detail}")
    return next(iter(lengths.values()))


def _period(n, name: str, minimum: int = 1) -> int:
    """Validate an integer period (bools and non-integral numbers are rejected)."""
    if isinstance(n, bool) or not isinstance(n, numbers.Integral):
        raise ValueError(f"{name} must be an integer >= {minimum}, got {n!r}")
    n = int(n)
    if n < minimum:
        raise ValueError(f"{name} must be an integer >= {minimum}, got {n}")
    return n


@dataclass(frozen=True, eq=False)
class VolumeProfile:
    """Volume by price row. Arrays are read-only.

    edges: ``rows + 1`` ascending prices, ``edges[0]`` = lowest low, ``edges[-1]`` =
        highest high; row ``i`` is ``[edges[i], edges[i + 1]]``.
    up, down: volume of up bars / down bars in each row.
    poc_index: row with the most volume (the lowest such row on a tie).
    value_area_low, value_area_high: first and last row (inclusive row indices) of the
        value area.
    bars: how many bars were profiled.

    With no volume at all (every bar 0) there is no point of control and no value area:
    ``has_volume`` is False and ``poc_price`` / ``value_area_prices`` are NaN (the row
    indices keep their degenerate values, 0).
    """

    edges: np.ndarray
    up: np.ndarray
    down: np.ndarray
    poc_index: int
    value_area_low: int
    value_area_high: int
    bars: int = 0

    @property
    def has_volume(self) -> bool:
        return bool(float(self.up.sum() + self.down.sum()) > 0.0)

    @property
    def rows(self) -> int:
        return int(self.up.shape[0])

    @property
    def total(self) -> np.ndarray:
        """Volume per row (up + down)."""
        return self.up + self.down

    @property
    def poc_price(self) -> float:
        """Middle price of the POC row (NaN without volume)."""
        if not self.has_volume:
            return math.nan
        return float((self.edges[self.poc_index] + self.edges[self.poc_index + 1]) / 2.0)

    @property
    def value_area_prices(self) -> tuple[float, float]:
        """``(low, high)`` price bounds of the value area (NaN, NaN without volume)."""
        if not self.has_volume:
            return math.nan, math.nan
        return float(self.edges[self.value_area_low]), float(self.edges[self.value_area_high + 1])


def volume_profile(
    high, low, close, volume, rows: int, value_area: float, *, open_=None
) -> VolumeProfile:
    """Volume profile of the given bars (TradingView "Volume Profile", Up/Down mode).

    * ``rows`` equal-height rows span [min(low), max(high)].
    * Each bar's volume is spread over the rows its [low, high] overlaps, in proportion to
      the overlap; a zero-range bar puts all of it in the row holding its price (a price
      on an inner edge belongs to the row above; if every bar has the same single price
      the whole volume goes to row 0).
    * Up/down: with ``open_`` a bar is up when ``close >= open`` (TradingView's rule);
      without it, when ``close >= previous close`` (the first bar counts as up).
    * POC = row with the most volume. The value area grows from the POC one row at a
      time, taking the neighbour (above or below) with more volume (above on a tie), until
      it holds at least ``value_area`` percent of the total volume.

    Inputs must be finite with ``high >= low`` and ``volume >= 0``; at least one bar.
    """
    high = _series(high, "high")
    low = _series(low, "low")
    close = _series(close, "close")
    volume = _series(volume, "volume")
    arrays = {"high": high, "low": low, "close": close, "volume": volume}
    if open_ is not None:
        arrays["open_"] = _series(open_, "open_")
    size = _same_length(**arrays)
    rows = _period(rows, "rows")
    if isinstance(value_area, bool) or not isinstance(value_area, numbers.Real):
        raise ValueError(f"value_area must be a number in (0, 100], got {value_area!r}")
    va_pct = float(value_area)
    if not (0.0 < va_pct <= 100.0):
        raise ValueError(f"value_area must be in (0, 100], got {value_area!r}")
    if size == 0:
        raise ValueError("volume_profile needs at least one bar")
    for name, a in arrays.items():
        bad = np.flatnonzero(~np.isfinite(a))
        if bad.size:
            raise ValueError(f"{name} must be finite (bar {int(bad[0])})")
    if (high < low).any():
        raise ValueError(f"high < low at bar {int(np.flatnonzero(high < low)[0])}")
    if (volume < 0).any():
        raise ValueError(f"volume < 0 at bar {int(np.flatnonzero(volume < 0)[0])}")

    lo_p = float(low.min())
    hi_p = float(high.max())
    edges = lo_p + np.arange(rows + 1) * ((hi_p - lo_p) / rows)  # as np.linspace, also when the step
    edges[-1] = hi_p  # underflows (a subnormal range: linspace then spreads it differently)
    if open_ is not None:
        is_up = close >= arrays["open_"]
    else:
        is_up = np.empty(size, dtype=bool)
        is_up[0] = True
        is_up[1:] = close[1:] >= close[:-1]

    up = np.zeros(rows)
    down = np.zeros(rows)
    spread = high > low
    # zero-range bars: whole volume in the row holding the price
    point = ~spread
    if point.any():
        if hi_p > lo_p:
            idx = np.searchsorted(edges[1:-1], low[point], side="right")
        else:
            idx = np.zeros(int(point.sum()), dtype=np.intp)
        np.add.at(up, idx[is_up[point]], volume[point][is_up[point]])
        np.add.at(down, idx[~is_up[point]], volume[point][~is_up[point]])
    # ranged bars: proportional to the overlap with each row
    bars = np.flatnonzero(spread)
    e_lo = edges[:-1][None, :]
    e_hi = edges[1:][None, :]
    chunk = max(1, _VP_CELLS // rows)
    for start in range(0, bars.shape[0], chunk):
        b = bars[start : start + chunk]
        h = high[b][:, None]
        lw = low[b][:, None]
        ov = np.minimum(h, e_hi) - np.maximum(lw, e_lo)
        np.maximum(ov, 0.0, out=ov)
        # share of each row = overlap / summed overlap (== high - low up to rounding, and
        # > 0): the shares of a bar add up to 1, so volume is conserved
        ov /= ov.sum(axis=1)[:, None]
        u = is_up[b]
        vol = volume[b]
        up += np.where(u, vol, 0.0) @ ov
        down += np.where(u, 0.0, vol) @ ov

    total_rows = up + down
    poc = int(np.argmax(total_rows))
    target = float(total_rows.sum()) * (va_pct / 100.0)
    lo_i = hi_i = poc
    acc = float(total_rows[poc])
    tr = total_rows.tolist()
    while acc < target and (lo_i > 0 or hi_i < rows - 1):
        below = tr[lo_i - 1] if lo_i > 0 else -1.0
        above = tr[hi_i + 1] if hi_i < rows - 1 else -1.0
        if above >= below:
            hi_i += 1
            acc += above
        else:
            lo_i -= 1
            acc += below
    for a in (edges, up, down):
        a.flags.writeable = False
    return VolumeProfile(edges, up, down, poc, lo_i, hi_i, size)
