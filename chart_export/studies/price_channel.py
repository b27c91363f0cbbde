"""Price Channel: Chart-IMG's older study, the highest high and the lowest low of the last
``length`` bars and their midpoint, over the price pane, shifted ``offset`` bars. No Pine
source: the lines of Donchian Channels (``donchian_channels._compute``: ``ta.highest(high)``,
``ta.lowest(low)``, their average; oracle-checked there), drawn as Chart-IMG draws its Price
Channel: no fill.

Inputs and plots from Chart-IMG's API documentation (doc.chart-img.com, "TradingView Chart
Indicators" > Price Channel; saved copy in 217th/tda_worker_chart_export,
docs-worker-chart-export/chart-img-docs/API Documentation.htm, commit aed440f7): ``in_0`` length 20
(1..2000), ``in_1`` offset length 0 (that page: 0..2000; ours at most 500 bars); plots
"Highprice Line" and "Lowprice Line" red (rgb(245,0,87)), "Centerprice Line" blue
(rgb(33,150,243)); its picture's legend "PC 20 0" gives high, low, centre."""

from __future__ import annotations

from .donchian_channels import _compute
from .spec import Plot, StudySpec, length

STUDY = StudySpec(
    name="Price Channel",
    kind="price_channel",
    aliases=("PC",),
    source=("Chart-IMG's catalogue (no Pine source): ta.highest(high, length), ta.lowest(low, length) and their "
            "average (Donchian Channels' lines), inputs and plots from doc.chart-img.com"),
    inputs=(
        length("length", 20, "in_0", "length", "Length", maximum=2000),
        length("offset", 0, "in_1", "offset", "Offset", minimum=0, maximum=500),
    ),
    plots=(
        Plot("upper", color="#F50057", width=1.0, offset="offset", names=("plot", "highprice line", "upper")),
        Plot("lower", color="#F50057", width=1.0, offset="offset", names=("lowprice line", "lower")),
        Plot("basis", color="#2196F3", width=1.0, offset="offset", names=("centerprice line", "basis")),
    ),
    compute=_compute,
    legend=lambda p, last, fmt: [("upper", f"PC ({p['length']}, {p['offset']})  {fmt.price(last['upper'])} / "
                                           f"{fmt.price(last['lower'])} / {fmt.price(last['basis'])}")],
)
