"""Volume Profile Visible Range: volume per price row over the visible bars, drawn in a
gutter the renderer keeps free right of the newest bar (``right_gutter``), so it never
covers the newest candles; value-area rows stronger, the point of control (POC) as a line
behind the candles. Without volume there is no profile: nothing is drawn, the legend says
``n/a`` and the manifest's values are ``null``.

No Pine source: TradingView's volume profile is a chart built-in. It splits each bar's volume
into up and down volume on lower-timeframe bars; a candle file has none, so here a whole bar
is up or down and its volume is spread over its high-low range (studies/_profile.py).

"Volume Profile Fixed Range" (Chart-IMG's older name) resolves here too: a template cannot give
the two anchor times of TradingView's fixed range, so its range is the visible bars."""

from __future__ import annotations

import numpy as np

from . import _profile
from .spec import NA, Input, Plot, StudySpec, choice, length, no_volume_note

_VOLUME = {"up/down": "Up/Down", "updown": "Up/Down", "total": "Total", "delta": "Delta"}
GUTTER = 0.2  # of the price pane's plot width, right of the newest bar
GAP_BARS = 2.0  # between the newest candle and the profile's widest row


def _compute(window, p):
    return _profile.volume_profile(window.high, window.low, window.close, window.volume, p["rows"], p["value_area"],
                              open_=window.open)


def _last(prof):
    va_lo, va_hi = prof.value_area_prices  # NaN without volume
    return {"poc": prof.poc_price, "value_area_low": va_lo, "value_area_high": va_hi}


def _legend(p, last, fmt):
    lo, hi = last["value_area_low"], last["value_area_high"]
    va = f"{fmt.price(lo)} – {fmt.price(hi)}" if np.isfinite(lo) and np.isfinite(hi) else NA
    return [("vp_up", f"VPVR ({p['rows']} rows, VA {p['value_area']:g}%)  {va}"),
            ("poc", f"POC  {fmt.price(last['poc'])}")]


def _draw(ctx) -> None:
    from matplotlib.collections import PolyCollection
    from matplotlib.colors import to_rgba

    prof, colors, mode = ctx.result, ctx.theme, ctx.inputs["volume"]
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
    ax = ctx.ax
    x0, x1 = ax.get_xlim()
    # the gutter: from just right of the newest candle to the right edge (bar units)
    start = min(prof.bars - 0.5 + GAP_BARS, x1 - (x1 - x0) * GUTTER * 0.5)
    room = x1 - start
    rows = len(up)
    h = edges[1:] - edges[:-1]
    y0 = edges[:-1] + h * 0.06
    y1 = edges[1:] - h * 0.06
    in_va = np.zeros(rows, dtype=bool)
    in_va[prof.value_area_low : prof.value_area_high + 1] = True
    verts, faces = [], []
    right = np.full(rows, x1)
    for values, color in parts:
        widths = values / peak * room
        left = right - widths
        for r in range(rows):
            if widths[r] > 0:
                verts.append(((left[r], y0[r]), (right[r], y0[r]), (right[r], y1[r]), (left[r], y1[r])))
                faces.append(to_rgba(color, 0.5 if in_va[r] else 0.2))
        right = left
    if verts:  # behind the candles (z 2) and the last-price line (z 1.5)
        ctx.keep(ax.add_collection(PolyCollection(verts, facecolors=faces, edgecolors="none", zorder=1),
                                   autolim=False))
    st = ctx.styles["poc"]
    if st["visible"]:
        ctx.hline(prof.poc_price, color=st["color"], linewidth=st["lw"], alpha=st["alpha"], zorder=1.6)


STUDY = StudySpec(
    name="Volume Profile Visible Range",
    source="no Pine source (a chart built-in): rows over the visible range; approximates TradingView's up/down split, which uses lower-timeframe bars, by whole bars",
    kind="vpvr",
    aliases=("vpvr", "volume profile", "Volume Profile Fixed Range", "VPFR"),
    inputs=(
        length("rows", 24, "rows", "rowSize", "Row Size", "in_1", maximum=200),
        choice("volume", "Up/Down", _VOLUME, "volume", "in_2"),
        Input("value_area", "float", 70.0, ("vaVolume", "valueAreaVolume", "Value Area Volume", "in_3"), 0.0, 100.0,
              exclusive_minimum=True),
    ),
    plots=(Plot("poc", kind="custom", color="poc", width=1.2, scale=False, names=("plot", "poc", "developing poc")),),
    window=True,
    compute=_compute,
    last=_last,
    legend=_legend,
    draw=_draw,
    note=no_volume_note,
    right_gutter=lambda prof: GUTTER if prof.has_volume else 0.0,  # no room for a profile not drawn
    tags=("poc",),
)
