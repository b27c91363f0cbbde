"""Moving Average Channel: Chart-IMG's older study, the ``length``-bar simple averages of the
highs and of the lows over the price pane, each shifted by its own offset. No Pine source: the
TradingView charting library's old "Moving Average Channel" (upper = ta.sma(high, 20), lower =
ta.sma(low, 20), "Upper Band Shift" / "Lower Band Shift" 0). Two lines, no fill: the shifts may differ.

Inputs and plots from Chart-IMG's API documentation (doc.chart-img.com, "TradingView Chart Indicators"; saved copy in 217th/tda_worker_chart_export,
docs-worker-chart-export/chart-img-docs/API Documentation.htm, commit aed440f7): ``in_0`` upper length 20, ``in_1``
lower length 20 (1..10000), ``in_2`` upper offset 0, ``in_3`` lower offset 0 (-10000..10000);
"Upper" blue (rgb(33,150,243)), "Lower" orange (rgb(255,109,0)) and a "Plots Background" fill
(not drawn here). Ours shifts by at most 500 bars."""

from __future__ import annotations

from ._pine import sma
from .spec import Plot, StudySpec, length

STUDY = StudySpec(
    name="Moving Average Channel",
    kind="ma_channel",
    aliases=("MAC", "MA Channel"),
    source="Chart-IMG's catalogue (no Pine source): ta.sma(high, length) and ta.sma(low, length), each with a shift",
    inputs=(
        length("upper_length", 20, "in_0", "upperLength", "Upper Length", maximum=10000),
        length("lower_length", 20, "in_1", "lowerLength", "Lower Length", maximum=10000),
        length("upper_offset", 0, "upperOffset", "Upper Band Shift", "in_2", minimum=-500, maximum=500),
        length("lower_offset", 0, "lowerOffset", "Lower Band Shift", "in_3", minimum=-500, maximum=500),
    ),
    plots=(
        Plot("upper", color="#2196F3", width=1.0, offset="upper_offset", names=("plot", "upper")),
        Plot("lower", color="#FF6D00", width=1.0, offset="lower_offset", names=("lower",)),
    ),
    compute=lambda c, p: {"upper": sma(c.high, p["upper_length"]), "lower": sma(c.low, p["lower_length"])},
    legend=lambda p, last, fmt: [("upper", f"MAC ({p['upper_length']}, {p['lower_length']})  "
                                           f"{fmt.price(last['upper'])} / {fmt.price(last['lower'])}")],
)
