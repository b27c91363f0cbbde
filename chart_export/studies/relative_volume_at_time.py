"""Relative Volume at Time, TradingView's built-in (``Relative Volume at Time.pine``, "RelVol")::

    [currentVolume, pastVolume, _] = ta.relativeVolume(lengthInput, anchorTimeframeInput,
                                                       calculationModeInput == "Cumulative", adjustRealtimeInput)
    plot(currentVolume / pastVolume, "Relative Volume Ratio", ..., plot.style_columns, histbase = 1)
    hline(1)

``ta.relativeVolume`` lives in TradingView's ``ta`` library, whose source is not in the published
folder, so this follows TradingView's Help Center description of the indicator
(tradingview.com/support/solutions/43000705489): a new period starts with each bar of the
"Anchor Timeframe" (1D default; 1W, 1M, 3M, 12M: calendar periods of the exchange's trading
day as TradingView, :mod:`chart_export.sessions`; the chart's time zone when the exchange is unknown); a bar's offset is its open time minus the open time of its period's
first bar; the past volume is the average, over the previous ``length`` periods, of the volume of
their bar at the same offset (periods without such a bar are left out; none: no value); the
current volume is the bar's own ("Regular") or the period's volume up to and including the bar
("Cumulative", default). When the anchor is not longer than the chart's bars every bar is its own
period: the ratio of the bar's volume to the mean of the previous ``length`` bars'. "Adjust
Unconfirmed" changes only a bar still forming; candles are closed bars, so it changes nothing here.
Columns from 1 (``histbase = 1``), green above 1, red below, the dashed line at 1."""

from __future__ import annotations

from datetime import UTC

import numpy as np

from ._math import period_ids
from ._bars import bar_seconds
from .multi_time_period_charts import TIMEFRAMES as ANCHORS, UNITS  # the same five anchor timeframes
from .spec import Pane, Plot, StudySpec, choice, flag, length, no_volume_note

SECONDS = {"1D": 86400, "1W": 7 * 86400, "1M": 28 * 86400, "3M": 89 * 86400, "12M": 365 * 86400}
MODES = {"cumulative": "Cumulative", "regular": "Regular"}


def relative_volume(time: np.ndarray, volume: np.ndarray, n: int, anchor: str, cumulative: bool, tz=UTC
                    ) -> tuple[np.ndarray, np.ndarray]:
    """(current volume, past volume) per bar."""
    t = np.asarray(time, dtype=np.int64)
    v = np.nan_to_num(np.asarray(volume, dtype=np.float64))
    size = t.shape[0]
    past = np.full(size, np.nan)
    if size == 0:
        return v.copy(), past
    if bar_seconds(t) >= SECONDS[anchor]:
        pid = np.arange(size)
    else:
        pid = period_ids(t, tz, UNITS[anchor])
    new = np.r_[True, pid[1:] != pid[:-1]]
    number = np.cumsum(new) - 1
    starts = np.flatnonzero(new)
    offset = t - t[starts[number]]
    current = v.copy()
    if cumulative:
        csum = np.cumsum(v)
        current = csum - np.r_[0.0, csum][starts[number]]
    by_period: list[dict[int, float]] = [{} for _ in starts]
    for i in range(size):
        by_period[number[i]][int(offset[i])] = current[i]
    for i in range(size):
        k = number[i]
        found = [by_period[j][int(offset[i])] for j in range(max(0, k - n), k) if int(offset[i]) in by_period[j]]
        if found:
            past[i] = sum(found) / len(found)
    return current, past


def _compute(c, p):
    current, past = relative_volume(c.time, c.volume, p["length"], p["anchor"], p["mode"] == "Cumulative",
                                    p.get("tz") or UTC)
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.where(past > 0, current / np.where(past > 0, past, 1.0), np.nan)
    return {"ratio": ratio, "above": np.where(ratio > 1, ratio, np.nan), "below": np.where(ratio <= 1, ratio, np.nan),
            "current": current, "past": past}


STUDY = StudySpec(
    name="Relative Volume at Time",
    kind="relvol",
    aliases=("RelVol", "Relative Volume", "RVOL"),
    source=("TradingView's Help Center description of Relative Volume at Time (ta.relativeVolume's library source "
            "is not published): volume (cumulative in the anchor period) over its mean at the same offset in the "
            "previous length periods"),
    inputs=(
        choice("anchor", "1D", ANCHORS, "Anchor Timeframe", "anchorTimeframe", "in_0"),
        length("length", 10, "Length", "length", "in_1"),
        choice("mode", "Cumulative", MODES, "Calculation Mode", "calculationMode", "in_2"),
        flag("adjust", True, "Adjust Unconfirmed", "adjustRealtime", "in_3"),
    ),
    plots=(
        Plot("above", kind="histogram", color="#4CAF50", rule="sign", colors=("#4CAF50", "#4CAF50"), alpha=0.5,
             base=1.0, names=("plot", "relative volume ratio")),
        Plot("below", kind="histogram", color="#F44336", rule="sign", colors=("#F44336", "#F44336"), alpha=0.5,
             base=1.0, names=("relative volume ratio (below 1)",)),
    ),
    pane=Pane(include=(1.0,), lines=(1.0,), format="auto"),
    calendar=True,
    compute=_compute,
    note=no_volume_note,
    legend=lambda p, last, fmt: [("above" if last.get("ratio", 0) > 1 else "below",
                                  f"RelVol ({p['anchor']}, {p['length']}, {p['mode']})  {fmt.fixed2(last['ratio'])}")],
)
