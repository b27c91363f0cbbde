"""VWAP: volume-weighted average price of the source since the start of the anchor period
(by default the session = the exchange's trading day), with optional
standard-deviation (or percentage) bands.

Formula (TradingView Help Center: "Volume Weighted Average Price (VWAP)"; TradingView's
built-in script, ``[vwap, upper, _] = ta.vwap(src, isNewPeriod, 1)``, Pine reference for
``ta.vwap``): vwap = sum(src * volume) / sum(volume) since the period start; stdev =
sqrt(max(sum(src^2 * volume) / sum(volume) - vwap^2, 0)); band k = vwap +/- mult_k *
stdev ("Standard Deviation" mode) or +/- mult_k % of vwap ("Percentage" mode). TradingView's
arithmetic, as PyneCore's ``ta.vwap``: plain running sums of ``volume``, ``src * volume`` and
``src * src * volume`` from the period's first bar, and the script's ``stdevAbs = upper -
vwap`` (so the deviation carries the cancellation noise of ``sum(src^2 v)/sum(v) - vwap^2``,
about sqrt(eps) x the price, as TradingView's does). NaN while the period has no volume yet.
Period boundaries: "Session" = the exchange's trading day (``inputs["tz"]``, given by the
renderer because the spec is ``calendar=True``: :mod:`chart_export.sessions`, e.g. 00:00 UTC on
BINANCE, 17:00 New York on FX; the chart's time zone when the exchange is unknown); Week starts Monday. TradingView v6 defaults: band #1 on; anchors Session .. Century
(Earnings / Dividends / Splits need data a candle file does not have). Equal to TradingView's
script through the oracle in UTC (devtools/oracle/ports/volume_weighted_average_price.py).
A band that is off is all NaN (the manifest's ``last`` has ``None`` for it). ``in_N`` are the
script's (in_0 "Hide VWAP on 1D or Above": on bars of a day or longer, Pine's ``timeframe.isdwm``,
nothing is drawn and the legend says why; Anchor Period is in_1, the band toggles in_5 / in_7 / in_9)."""

from __future__ import annotations

from datetime import UTC

import numpy as np

from ._math import div, nan, options, period_ids
from ._bars import bar_seconds
from .spec import Fill, Input, Plot, StudySpec, choice, flag, has_volume, length, number, no_volume_note, price_source

_ANCHORS = options("Session", "Week", "Month", "Quarter", "Year", "Decade", "Century")
_MODES = options("Standard Deviation", "Percentage")
_UNITS = {"Session": "day", "Week": "week", "Month": "month", "Quarter": "quarter", "Year": "year", "Decade": "year",
          "Century": "year"}
_YEARS = {"Decade": 10, "Century": 100}  # TradingView: a new year whose number divides by 10 / 100
_BAND_COLORS = ("#4CAF50", "#808000", "#00897B")


def _compute(c, p):
    x = np.asarray(price_source(c, p["source"]), dtype=np.float64)
    v = np.asarray(c.volume, dtype=np.float64)
    size = x.shape[0]
    pid = period_ids(c.time, p.get("tz") or UTC, _UNITS[p["anchor"]])
    if p["anchor"] in _YEARS:
        pid = (pid + 1970) // _YEARS[p["anchor"]]  # period_ids counts years from 1970
    starts = np.flatnonzero(np.r_[True, pid[1:] != pid[:-1]]) if size else np.array([], dtype=np.int64)
    ends = np.r_[starts[1:], size].astype(np.int64)
    sv = np.empty(size)
    spv = np.empty(size)
    sppv = np.empty(size)
    for a, b in zip(starts.tolist(), ends.tolist()):  # sequential running sums, reset per period
        sv[a:b] = np.cumsum(v[a:b])
        spv[a:b] = np.cumsum(x[a:b] * v[a:b])
        sppv[a:b] = np.cumsum(x[a:b] * x[a:b] * v[a:b])
    vw = div(spv, sv)
    var = div(sppv, sv) - vw * vw
    std = np.sqrt(np.where(var > 0.0, var, np.where(np.isnan(var), np.nan, 0.0)))
    std = (vw + std) - vw  # the script's stdevAbs = _stdevUpper - _vwap
    basis = std if p["bands_mode"] == "Standard Deviation" else vw * 0.01
    out = {"vwap": vw}
    for k in (1, 2, 3):
        show, mult = p[f"show_band_{k}"], p[f"band_mult_{k}"]
        out[f"upper_{k}"] = vw + basis * mult if show else nan(size)
        out[f"lower_{k}"] = vw - basis * mult if show else nan(size)
    if p["hide_dwm"] and _dwm(c.time):  # the script: if not (hideonDWM and timeframe.isdwm) plot...
        out = {key: nan(size) for key in out}
    return out


def _dwm(time) -> bool:
    """Pine's ``timeframe.isdwm``: bars of a day or longer."""
    return bar_seconds(time) >= 86400


def _note(window, series):
    if "vwap" in series and len(series["vwap"]) and _dwm(window.time) and np.isnan(series["vwap"]).all() \
            and has_volume(window):
        return "hidden on 1D or above"
    return no_volume_note(window, series)


def _legend(p, last, fmt):
    return [("vwap", f"VWAP ({p['anchor']}, {p['source']})  {fmt.price(last['vwap'])}")]


def _band_inputs(k: int, mult: float):
    return (
        flag(f"show_band_{k}", k == 1, f"showBand_{k}", f"in_{3 + 2 * k}"),  # TradingView v6: band #1 on
        number(f"band_mult_{k}", mult, f"bandMult_{k}", f"Bands Multiplier #{k}", f"in_{4 + 2 * k}",
               minimum=0.0, maximum=1000.0),
    )


def _band_plots(k: int, colour: str):
    return (
        Plot(f"upper_{k}", color=colour, width=1.0, offset="offset", names=(f"upper band #{k}",)),
        Plot(f"lower_{k}", color=colour, width=1.0, offset="offset", names=(f"lower band #{k}",)),
    )


STUDY = StudySpec(
    note=_note,
    name="VWAP",
    kind="vwap",
    aliases=("Volume Weighted Average Price",),
    inputs=(
        flag("hide_dwm", False, "hideonDWM", "Hide VWAP on 1D or Above", "in_0"),
        choice("anchor", "Session", _ANCHORS, "anchor", "Anchor Period", "in_1"),
        Input("source", "source", "hlc3", ("source", "Source", "src", "in_2")),  # TradingView default hlc3
        length("offset", 0, "offset", "Offset", "in_3", minimum=0, maximum=500),
        choice("bands_mode", "Standard Deviation", _MODES, "calcModeInput", "Bands Calculation Mode", "in_4"),
        *_band_inputs(1, 1.0),
        *_band_inputs(2, 2.0),
        *_band_inputs(3, 3.0),
    ),
    plots=(
        Plot("vwap", color="#2962FF", width=1.5, offset="offset", names=("plot", "vwap")),
        *(p for k, colour in enumerate(_BAND_COLORS, 1) for p in _band_plots(k, colour)),
    ),
    fills=tuple(Fill(f"upper_{k}", f"lower_{k}", color=f"=upper_{k}") for k in (1, 2, 3)),
    compute=_compute,
    legend=_legend,
    calendar=True,
)
