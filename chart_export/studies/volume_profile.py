"""Volume Profile Visible Range: volume per price row over the visible bars, drawn from the
right edge of the price pane (28 % of its width at the largest row), value-area rows
stronger, the point of control (POC) as a line."""

from __future__ import annotations

import numpy as np

from .. import indicators as ind
from .spec import Input, Plot, StudySpec, choice, length

_VOLUME = {"up/down": "Up/Down", "updown": "Up/Down", "total": "Total", "delta": "Delta"}


def _compute(window, p):
    return ind.volume_profile(window.high, window.low, window.close, window.volume, p["rows"], p["value_area"],
                              open_=window.open)


def _last(prof):
    va_lo, va_hi = prof.value_area_prices
    return {"poc": prof.poc_price, "value_area_low": va_lo, "value_area_high": va_hi}


def _legend(p, last, fmt):
    return [("vp_up", f"VPVR ({p['rows']} rows) VA {p['value_area']:g}%  {fmt.price(last['value_area_low'])} – "
                      f"{fmt.price(last['value_area_high'])}"),
            ("poc", f"POC  {fmt.price(last['poc'])}")]


def _draw(ctx) -> None:
    from matplotlib.collections import PolyCollection
    from matplotlib.colors import to_rgba
    from matplotlib.transforms import blended_transform_factory

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
    ax = ctx.ax
    if verts:
        transform = blended_transform_factory(ax.transAxes, ax.transData)
        ctx.keep(ax.add_collection(PolyCollection(verts, facecolors=faces, edgecolors="none", transform=transform,
                                                  zorder=1), autolim=False))
    st = ctx.styles["poc"]
    if st["visible"]:
        ctx.hline(prof.poc_price, color=st["color"], linewidth=st["lw"], alpha=st["alpha"], zorder=1.6)


STUDY = StudySpec(
    name="Volume Profile Visible Range",
    kind="vpvr",
    aliases=("vpvr", "volume profile"),
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
    tags=("poc",),
)
