"""What a chart shows: the visible window and every study's values, computed over the whole
history first so the first visible value is right (windowed studies get the window)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ..candles import Candles
from ..errors import ErrorCode, StepFailure
from ..templates import Study, Template

PX_PER_BAR = 5
MIN_VISIBLE_BARS = 30


def visible_bar_count(width: int, available: int) -> int:
    """How many bars a chart of ``width`` px shows: one per 5 px of plot width, at least 30
    (144 at 800 px, 393 at 2048 px), or all of them when there are fewer."""
    k = max(MIN_VISIBLE_BARS, (int(width) - 80) // PX_PER_BAR)
    return max(1, min(k, available))


def spec_of(study: Study) -> Any:
    from .. import studies

    try:
        return studies.by_kind(study.kind)
    except KeyError:
        raise StepFailure(ErrorCode.UNKNOWN_STUDY, f"study kind {study.kind!r} cannot be drawn") from None


def compute_study(study: Study, candles: Candles, tz: Any = None) -> dict[str, np.ndarray]:
    """The study's outputs over the whole history (each as long as ``candles``); none for a
    study computed on the visible window (the volume profile)."""
    spec = spec_of(study)
    return {} if spec.window else spec.run(candles, study.inputs, tz)


@dataclass
class PreparedStudy:
    study: Study
    spec: Any  # studies.StudySpec
    series: dict[str, np.ndarray]  # visible window only
    result: Any = None  # what a window study computed (e.g. studies._profile.VolumeProfile)
    shifted: dict[str, np.ndarray] = field(default_factory=dict)  # offset plots: values at bar 0..k-1+offset
    note: str | None = None  # the spec's note for the visible bars ("no volume data"), legend and meta
    drawings: list[Any] = field(default_factory=list)  # the spec's drawings that reach the window, x in window bars
    tables: list[Any] = field(default_factory=list)  # the spec's tables (studies._table.Table), pinned to the pane
    tables_drawn: dict[int, list[int]] = field(default_factory=dict)  # table index -> rows the image shows

    def values(self, key: str) -> np.ndarray:
        """What is drawn for output ``key`` (shifted by its plot's offset)."""
        return self.shifted[key] if key in self.shifted else self.series[key]

    def last(self) -> dict[str, float]:
        """Raw last values for legends and the manifest."""
        if self.spec.last is not None:
            return self.spec.last(self.result)
        return {name: float(v[-1]) if len(v) else float("nan") for name, v in self.series.items()}


@dataclass
class PreparedChart:
    template: Template
    candles: Candles  # whole history
    window: Candles  # the visible bars
    studies: list[PreparedStudy]
    prev_time: int | None  # bar before the window (for the first time tick)
    future_bars: int = 0  # bars right of the last one that offset plots draw into
    session: Any = None  # chart_export.sessions.Session: where the calendar studies cut days (meta.session)


def _shift(full: np.ndarray, n: int, k: int, offset: int) -> np.ndarray:
    """Values drawn at window positions 0..k-1+max(offset, 0): position i shows full[n-k+i-offset]."""
    m = k + max(offset, 0)
    out = np.full(m, np.nan)
    idx = np.arange(m) + (n - k - offset)
    ok = (idx >= 0) & (idx < n)
    out[ok] = full[idx[ok]]
    return out


def chart_session(template: Template, symbol: str | None) -> Any:
    """The exchange session of the chart's symbol (``chartImgSymbolTemplate`` or an
    ``EXCHANGE:SYMBOL`` symbol); the chart's time zone when the exchange is unknown."""
    from ..sessions import session_for

    return session_for(symbol, template.symbol_template, template.tz, template.timezone)


def prepare_chart(template: Template, candles: Candles, *, visible: int | None = None,
                  symbol: str | None = None) -> PreparedChart:
    """Compute every study on the whole history, then cut the visible window. Calendar
    studies cut their periods in the exchange session of ``symbol`` (:func:`chart_session`)."""
    n = len(candles)
    if n == 0:
        raise StepFailure(ErrorCode.VALIDATION_FAILED, "no candles to draw")
    k = visible if visible is not None else visible_bar_count(template.width, n)
    k = max(1, min(int(k), n))
    window = candles.tail(k)
    prepared: list[PreparedStudy] = []
    future = 0
    session = chart_session(template, symbol)
    for study in template.studies:
        spec = spec_of(study)
        if spec.window:
            prepared.append(PreparedStudy(study, spec, {}, spec.run(window, study.inputs, template.tz, session)))
            continue
        full = spec.run(candles, study.inputs, template.tz, session)
        ps = PreparedStudy(study, spec, {name: values[n - k :] for name, values in full.items()})
        for plot in spec.plots:
            offset = plot.offset_for(study.inputs)
            if offset and plot.key in full:
                ps.shifted[plot.key] = _shift(full[plot.key], n, k, offset)
                future = max(future, offset)
        if spec.drawings is not None:
            from ..studies._table import Table

            drawn = list(spec.drawings(candles, spec.inputs_for(study.inputs, template.tz, session), full) or ())
            ps.tables = [d for d in drawn if isinstance(d, Table)]
            ps.drawings = visible_drawings([d for d in drawn if not isinstance(d, Table)], n, k)
        prepared.append(ps)
    for ps in prepared:
        ps.note = ps.spec.note_for(window, ps.series)
    prev_time = int(candles.time[n - k - 1]) if n > k else None
    return PreparedChart(template, candles, window, prepared, prev_time, future, session)


def visible_drawings(drawings: Any, n: int, k: int) -> list[Any]:
    """The drawings (x in history bars) that reach the last ``k`` of ``n`` bars, x in window bars
    (the label of a line that starts left of the window and runs an eighth of it or more into
    it is pinned to the window's start)."""
    from ..studies._drawing import pinned, reaches, shifted

    moved = (pinned(shifted(d, -(n - k)), 0, max(3, k // 8)) for d in drawings or ())
    return [d for d in moved if reaches(d, 0, k - 1)]


def heikin_ashi(c: Candles) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
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
