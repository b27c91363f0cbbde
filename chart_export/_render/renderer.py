"""The renderer: lays out the panes, asks each study's spec how it is drawn, draws the
chart on a reused Figure and encodes it. It never names a study."""

from __future__ import annotations

import math
import threading
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..candles import Candles
from ..errors import ErrorCode, StepFailure
from ..templates import MAX_SIZE, MIN_SIZE, Template
from ..studies.spec import Formats
from .axis import Tag, clear_tick_labels, draw_tags, place_tags, price_grid, price_scale, study_tags
from .drawings import LabelText, draw_drawings, label_room
from .figure import THEMES, Z_FRAME, Z_GRID, FigureState, font_size, new_figure
from .geometry import hline, rects, segments
from .glyphs import DPI, Glyphs, TextItem
from .layout import PaneBox, fit_legends, place_ticks, vertical_split, x_range
from .legend import LegendText, OhlcEntry
from .meta import chart_meta
from .numbers import TICK_LABELS, fixed2, fmt_auto, format_compact, format_price
from .plots import (Palette, draw_reference_lines, draw_study, legend_entries, pane_range, plot_styles,
                    scaled_values)
from .png import encode_within_budget
from .prepare import PreparedChart, PreparedStudy, heikin_ashi, prepare_chart
from .price import draw_price
from .time_axis import time_ticks, timeframe_seconds
from .title import draw_title

MAX_PNG_BYTES = 262_144


@dataclass(frozen=True)
class RenderedChart:
    png: bytes
    width: int
    height: int
    meta: dict[str, Any]
    texts: tuple[TextItem, ...] = ()  # every label drawn, with its role and box (``record_text=True``)


class ChartRenderer:
    """Renders charts, reusing one Figure per (width, height, theme, panes, overlays).
    One chart at a time (an internal lock). ``record_text``: each chart also lists the labels
    it drew (``RenderedChart.texts``: role, text, box), for tests and debugging."""

    def __init__(self, *, max_png_bytes: int = MAX_PNG_BYTES, compress_level: int = 1, max_figures: int = 8,
                 record_text: bool = False) -> None:
        self.record_text = bool(record_text)
        self.max_png_bytes = int(max_png_bytes)
        self.compress_level = int(compress_level)
        self.max_figures = int(max_figures)
        self._figures: OrderedDict[tuple[Any, ...], FigureState] = OrderedDict()
        self._lock = threading.Lock()
        self._glyphs = Glyphs()

    def render(self, template: Template, candles: Candles, *, symbol: str, timeframe: str) -> RenderedChart:
        """PNG + meta of ``template`` drawn over ``candles`` (StepFailure on any failure)."""
        with self._lock:
            key = None
            try:
                prepared = prepare_chart(template, candles, symbol=str(symbol))
                width = min(MAX_SIZE, max(MIN_SIZE, int(template.width)))
                height = min(MAX_SIZE, max(MIN_SIZE, int(template.height)))
                theme = template.theme if template.theme in THEMES else "light"
                n_panes = len(template.separate_panes)
                n_overlays = sum(1 for s in template.studies if s.is_pane_study and s.pane == "price")
                key = (width, height, theme, n_panes, n_overlays)
                state = self._state(key)
                state.pool.record = [] if self.record_text else None
                tick, pdec = price_scale(prepared)
                self._draw(state, prepared, width, height, theme, tick, pdec, symbol=str(symbol), timeframe=str(timeframe))
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
            meta = chart_meta(prepared, width, height, symbol=str(symbol), timeframe=str(timeframe), tick=tick,
                              decimals=pdec)
            meta["png_bytes"] = len(png)
            meta.update(info)
            texts = tuple(state.pool.record or ())
            state.pool.record = None
            return RenderedChart(png=png, width=width, height=height, meta=meta, texts=texts)

    def _state(self, key: tuple[Any, ...]) -> FigureState:
        state = self._figures.get(key)
        if state is None:
            state = new_figure(self._glyphs, *key)
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

    def _encode(self, state: FigureState, width: int, height: int) -> tuple[bytes, dict[str, Any]]:
        state.canvas.draw()
        w_px, h_px = state.canvas.get_width_height()
        if (w_px, h_px) != (width, height):
            raise StepFailure(ErrorCode.RENDER_FAILED, f"canvas is {w_px}x{h_px}, expected {width}x{height}")
        rgb = np.asarray(state.canvas.buffer_rgba())[:, :, :3]
        return encode_within_budget(rgb, self.max_png_bytes, self.compress_level)

    def _draw(self, state: FigureState, prep: PreparedChart, width: int, height: int, theme: str,
              tick: float | None, pdec: int, *, symbol: str, timeframe: str) -> None:
        from matplotlib.patches import PathPatch
        from matplotlib.transforms import IdentityTransform

        colors = THEMES[theme]
        template = prep.template
        fig, pool, glyphs = state.fig, state.pool, self._glyphs
        fs = font_size(width)
        font = glyphs.font(fs)
        text_px = fs * DPI / 72.0
        line_h = round(text_px * 1.5)
        added = state.added

        def keep(artist: Any) -> Any:
            added.append(artist)
            return artist

        def text_w(text: str) -> float:
            return glyphs.width(text, font)

        labels = LabelText(pool, font, line_h, text_w, pdec, tick)  # what studies' drawn labels are written with

        w = prep.window
        k = len(w)
        log_scale = template.scale == "log" and float(np.min(w.low)) > 0
        separate = [ps for ps in prep.studies if ps.study.pane == "separate"]
        title_h, bottom_h, tops, heights = vertical_split(height, text_px, len(separate))

        # ---- price pane content and its value range
        if template.style == "heikin_ashi":
            n_all = len(prep.candles)
            po, ph, pl, pc = (a[n_all - k :] for a in heikin_ashi(prep.candles))
        else:
            po, ph, pl, pc = w.open, w.high, w.low, w.close
        last_close = float(w.close[-1])
        bounds = [float(np.min(pl)), float(np.max(ph))]
        for ps in prep.studies:
            if ps.study.pane == "price" and not ps.study.is_pane_study:
                for values in scaled_values(ps):
                    finite = values[np.isfinite(values)]
                    if log_scale:
                        finite = finite[finite > 0]
                    if finite.size:
                        bounds[0] = min(bounds[0], float(finite.min()))
                        bounds[1] = max(bounds[1], float(finite.max()))

        fmt = Formats(lambda v: format_price(v, pdec), format_compact, fixed2, lambda v: fmt_auto(v, pdec))
        palette = Palette(colors["palette"])
        price = PaneBox(state.price, tops[0], heights[0], [], log=log_scale)
        panes, overlay_panes = [price], []
        overlay_axes = iter(state.overlays)
        box_color = colors["up"] if w.close[-1] >= w.open[-1] else colors["down"]
        tags = [Tag(last_close, format_price(last_close, pdec), box_color, "tag:last")]
        for ps in prep.studies:
            if ps.study.pane != "price":
                continue
            styles = plot_styles(ps, colors, palette)
            if not ps.study.is_pane_study:
                tags += study_tags(ps, styles, pdec)
            if ps.study.is_pane_study:  # forceOverlay: own scale in the bottom quarter of the price pane
                box = PaneBox(next(overlay_axes), tops[0], heights[0], [])
                self._pane_study(box, ps, styles, colors, w, fmt, keep, decorate=False, labels=labels)
                price.legend.extend(box.legend)
                lo, hi = box.ylim
                box.ylim = (lo - (hi - lo) * 0.02, lo + (hi - lo) / 0.25)
                overlay_panes.append(box)
            else:
                price.legend.extend(legend_entries(ps, styles, colors, w, fmt))
                if ps.note:
                    price.legend.append((colors["muted"], ps.note))
                price.draws.append(lambda ax, ps=ps, styles=styles: draw_study(ax, ps, styles, colors, w, keep,
                                                                                  labels.clear_top.get(id(ax), 0.0)))
                if ps.drawings:
                    price.room = tuple(map(max, price.room, label_room(ps.drawings, styles, labels)))  # type: ignore[assignment]
                    price.draws.append(lambda ax, ps=ps, styles=styles: draw_drawings(ax, ps.drawings, styles, colors,
                                                                                      keep, labels))
                if ps.tables:
                    price.draws.append(self._tables(price, ps, styles, colors, pool, fs, keep, line_h))
        for i, ps in enumerate(separate):
            box = PaneBox(state.panes[i], tops[i + 1], heights[i + 1], [])
            styles = plot_styles(ps, colors, palette)
            self._pane_study(box, ps, styles, colors, w, fmt, keep, decorate=True, labels=labels)
            if ps.tables:
                box.draws.append(self._tables(box, ps, styles, colors, pool, fs, keep, line_h))
            panes.append(box)

        # ---- legends, value ranges, y ticks and the right margin they need
        legend_w = width - 8 - 96
        legend = LegendText(glyphs, font, legend_w)
        up = float(w.close[-1]) >= float(w.open[-1])
        price.legend.insert(0, (OhlcEntry(colors["up"] if up else colors["down"]), legend.ohlc.text(prep, pdec, legend_w - 12)))
        fit_legends(panes, (bounds[0], bounds[1]), legend_w, line_h, legend.entry_width,
                    lambda color: isinstance(color, OhlcEntry))
        labels.clear_top = {id(p.ax): p.legend_px(line_h) for p in panes}  # drawn labels stay under the legend rows
        labels.clear_top.update({id(p.ax): price.legend_px(line_h) for p in overlay_panes})
        price_grid(price, tick, pdec, text_px)
        for pane in panes:
            place_ticks(pane, text_px, line_h, avoid=last_close if pane is price else None)
        box_h = font.cap_height + 8

        def price_y(v: float) -> float:  # figure px from the bottom
            return height - price.top_px - price.px_from_top(v)

        tags = place_tags(tags, price_y, box_h, height - price.top_px - price.height_px, height - price.top_px)
        clear_tick_labels(price, tags, price_y, box_h, font.cap_height)
        label_w = max([text_w(lab) for pane in panes for lab in pane.labels] + [text_w(t.text) + 6 for t in tags])
        left = 8
        plot_w = width - left - int(math.ceil(label_w + 14))

        # ---- x range and time ticks
        gutter = max([ps.spec.gutter_for(ps.result) for ps in prep.studies], default=0.0)  # free room right of the newest bar
        xlim, span_bars = x_range(k, prep.future_bars + math.ceil((k + prep.future_bars) * gutter / (1 - gutter)), plot_w)
        px_per_bar = plot_w / span_bars
        tticks = time_ticks(
            w.time, template.tz, bar_seconds=float(prep.candles.timeframe_seconds() or timeframe_seconds(timeframe) or 60),
            prev_time=prep.prev_time, px_per_bar=px_per_bar, first_px=-xlim[0] * px_per_bar, plot_w=plot_w,
            text_w=text_w, text_px=text_px,
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
            fig.add_artist(keep(PathPatch(segments(np.asarray(grid_segs, dtype=float)), facecolor="none",
                                          edgecolor=colors["grid"], linewidth=0.72, transform=ident, zorder=Z_GRID,
                                          antialiased=False)))
        fr = np.asarray(frame_rects, dtype=float)
        fig.add_artist(keep(PathPatch(rects(fr[:, 0], fr[:, 2], fr[:, 1], fr[:, 3]), facecolor="none",
                                      edgecolor=colors["spine"], linewidth=0.72, transform=ident, zorder=Z_FRAME,
                                      antialiased=False)))

        # ---- price pane: candles, studies, last price; then the other panes
        draw_price(price.ax, template.style, po, ph, pl, pc, colors, keep, price, px_per_bar)
        for pane in [price] + overlay_panes + panes[1:]:
            for draw in pane.draws:
                draw(pane.ax)
        keep(hline(price.ax, last_close, color=box_color, linewidth=0.72, linestyle=(0, (2, 2)), alpha=0.9, zorder=1.5))
        draw_tags(fig, pool, tags, left + plot_w + 2, font, text_w, box_h, colors["label_text"], keep)

        # ---- axis labels
        for i, pane in enumerate(panes):
            y_top = height - pane.top_px
            for t, lab in zip(pane.ticks, pane.labels):
                pool.add(left + plot_w + 6, y_top - pane.px_from_top(t), lab, font, colors["muted"], role=f"axis:{i}")
        y_dates = height - panes[-1].top_px - panes[-1].height_px - bottom_h * 0.48
        for xi, lab in tticks:
            half = text_w(lab) / 2
            cx = min(max(x_px(xi), left + half + 1), left + plot_w - half - 1)
            pool.add(cx, y_dates, lab, font, colors["muted"], ha="center", role="date")

        legend.draw(fig, pool, panes, height, left, line_h, colors["text"], colors["muted"], keep)
        draw_title(pool, glyphs, font, prep, width, height, title_h, left, colors, symbol, timeframe)

    def _tables(self, box: PaneBox, ps: PreparedStudy, styles: dict[str, Any], colors: dict[str, Any], pool: Any,
                fs: float, keep: Any, line_h: float) -> Any:
        """The drawing of a study's tables (Pine's ``table.new``) in ``box``, below its legend rows."""
        from .tables import MIN_FONT, draw_study_tables

        fonts = [self._glyphs.font(fs)] + ([self._glyphs.font(max(MIN_FONT, fs - 1))] if fs > MIN_FONT else [])
        return lambda ax: draw_study_tables(ax, ps, box.legend_px(line_h), styles, colors, pool, fonts,
                                            keep)

    @staticmethod
    def _pane_study(box: PaneBox, ps: PreparedStudy, styles: dict[str, Any], colors: dict[str, Any], window: Candles,
                    fmt: Formats, keep: Any, *, decorate: bool, labels: LabelText) -> None:
        """Legend, value range, tick rule and drawing of a study with its own scale;
        ``decorate``: its reference lines too (not when overlaid on the price pane)."""
        pane = ps.spec.pane
        box.legend = legend_entries(ps, styles, colors, window, fmt)
        box.ylim = pane_range(ps)
        box.formatter = TICK_LABELS[pane.format]
        if pane.ticks is not None:
            box.fixed_ticks = list(pane.ticks)
        if ps.note:  # nothing to show: say so, and write no value ticks (they would be invented numbers)
            box.legend.append((colors["muted"], ps.note))
            box.fixed_ticks = []
        if decorate and (pane.lines or pane.band is not None or pane.mid is not None):
            box.draws.append(lambda ax: draw_reference_lines(ax, pane, colors, keep, ps.study.overrides,
                                                             ps.study.inputs))
        box.draws.append(lambda ax: draw_study(ax, ps, styles, colors, window, keep, labels.clear_top.get(id(ax), 0.0)))
        if ps.drawings:
            if decorate:
                box.room = label_room(ps.drawings, styles, labels)
            box.draws.append(lambda ax: draw_drawings(ax, ps.drawings, styles, colors, keep, labels))
