"""The manifest's ``meta`` of a chart: what was drawn, over which bars, at which precision."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from .numbers import finite_or_none
from .prepare import PreparedChart


def chart_meta(prep: PreparedChart, width: int, height: int, *, symbol: str, timeframe: str,
               tick: float | None = None, decimals: int | None = None) -> dict[str, Any]:
    """The manifest's ``meta`` of a chart (without ``png_bytes`` and timing). ``timeframe``
    is the raw value (``1m``, ``1M``); the title writes it in words. ``price_tick``: the
    price increment derived from the candles (null when they are on no decimal grid);
    ``price_decimals``: the decimals prices are written with; ``ignored_keys`` (only when
    there are any): the template's keys the renderer did not use, as field paths, and
    ``ignored_reasons``: field path -> why it is not used; ``session``:
    the session the calendar studies cut days in (:meth:`chart_export.sessions.Session.meta`)."""
    from ..timeutil import rfc3339

    w = prep.window
    studies = []
    for ps in prep.studies:
        entry = ps.study.to_meta()
        last = ps.last()
        if last:
            entry["last"] = {name: finite_or_none(v) for name, v in last.items()}
        if ps.note:
            entry["note"] = ps.note
        if ps.drawings:
            from .drawings import drawings_meta

            keyed = drawings_meta(ps.drawings, w.time, prep.candles.timeframe_seconds() or 0,
                                   decimals if decimals is not None else 2, tick)
            if keyed:
                entry["drawings"] = keyed
        if ps.tables:
            from .tables import tables_meta

            entry["tables"] = tables_meta(ps.tables, ps.tables_drawn)
        studies.append(entry)
    t = prep.template
    meta = {
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
        "last_close": finite_or_none(w.close[-1]),
        "price_tick": tick,
        "price_decimals": decimals,
        "studies": studies,
    }
    if prep.session is not None:  # where the calendar studies cut days: the exchange's session or the chart's zone
        meta["session"] = prep.session.meta()
    if t.ignored:  # template keys drawn without: named, never dropped silently
        meta["ignored_keys"] = t.ignored_keys
        meta["ignored_reasons"] = {k.field: k.message for k in t.ignored}
    return meta
